package io.sam4j.core.util;

/**
 * Argument and state checks in the spirit of Guava's {@code Preconditions}, without the dependency.
 *
 * <p>Every failure message names the offending parameter and carries the bad value, e.g. {@code
 * batchSize must be >= 1 but was 0}, so a user can fix a configuration without reading the code.
 * The numeric checks return their argument so they can be used inline in constructors.
 */
public final class Checks {

    private Checks() {}

    /**
     * Throws {@link IllegalArgumentException} with a formatted message when {@code condition} is
     * false.
     *
     * @param template message in which each {@code %s} is replaced by the next of {@code args}; see
     *     {@link #format(String, Object...)}
     */
    public static void checkArgument(boolean condition, String template, Object... args) {
        if (!condition) {
            throw new IllegalArgumentException(format(template, args));
        }
    }

    /**
     * Throws {@link IllegalStateException} with a formatted message when {@code condition} is false.
     *
     * @param template message in which each {@code %s} is replaced by the next of {@code args}
     */
    public static void checkState(boolean condition, String template, Object... args) {
        if (!condition) {
            throw new IllegalStateException(format(template, args));
        }
    }

    /** Requires {@code value >= 1}; returns it. */
    public static int checkPositive(String name, int value) {
        checkArgument(value >= 1, "%s must be >= 1 but was %s", name, value);
        return value;
    }

    /** Requires {@code value >= 1}; returns it. */
    public static long checkPositive(String name, long value) {
        checkArgument(value >= 1, "%s must be >= 1 but was %s", name, value);
        return value;
    }

    /** Requires {@code value > 0} (so NaN is rejected); returns it. */
    public static double checkPositive(String name, double value) {
        checkArgument(value > 0, "%s must be > 0 but was %s", name, value);
        return value;
    }

    /** Requires {@code value >= 0}; returns it. */
    public static int checkNonNegative(String name, int value) {
        checkArgument(value >= 0, "%s must be >= 0 but was %s", name, value);
        return value;
    }

    /** Requires {@code value >= 0}; returns it. */
    public static long checkNonNegative(String name, long value) {
        checkArgument(value >= 0, "%s must be >= 0 but was %s", name, value);
        return value;
    }

    /** Requires {@code value >= 0} (so NaN is rejected); returns it. */
    public static double checkNonNegative(String name, double value) {
        checkArgument(value >= 0, "%s must be >= 0 but was %s", name, value);
        return value;
    }

    /** Requires {@code lo <= value <= hi}; returns it. */
    public static int checkInRange(String name, int value, int lo, int hi) {
        checkBounds(lo <= hi, lo, hi);
        checkArgument(value >= lo && value <= hi, "%s must be in [%s, %s] but was %s", name, lo, hi, value);
        return value;
    }

    /** Requires {@code lo <= value <= hi}; returns it. */
    public static long checkInRange(String name, long value, long lo, long hi) {
        checkBounds(lo <= hi, lo, hi);
        checkArgument(value >= lo && value <= hi, "%s must be in [%s, %s] but was %s", name, lo, hi, value);
        return value;
    }

    /** Requires {@code lo <= value <= hi} (so NaN is rejected); returns it. */
    public static double checkInRange(String name, double value, double lo, double hi) {
        checkBounds(lo <= hi, lo, hi);
        checkArgument(value >= lo && value <= hi, "%s must be in [%s, %s] but was %s", name, lo, hi, value);
        return value;
    }

    /** Requires {@code value} to be neither NaN nor infinite; returns it. */
    public static double checkFinite(String name, double value) {
        checkArgument(Double.isFinite(value), "%s must be finite but was %s", name, value);
        return value;
    }

    /**
     * Substitutes each {@code %s} in {@code template} with the next argument. Unlike {@link
     * String#format} this never throws: surplus arguments are appended in square brackets and
     * surplus placeholders stay as they are, because a broken message must not hide the real error.
     */
    public static String format(String template, Object... args) {
        String text = String.valueOf(template);
        Object[] values = args == null ? new Object[] {null} : args;
        StringBuilder out = new StringBuilder(text.length() + 16 * values.length);
        int from = 0;
        int used = 0;
        while (used < values.length) {
            int at = text.indexOf("%s", from);
            if (at < 0) {
                break;
            }
            out.append(text, from, at).append(values[used++]);
            from = at + 2;
        }
        out.append(text, from, text.length());
        if (used < values.length) {
            out.append(" [").append(values[used++]);
            while (used < values.length) {
                out.append(", ").append(values[used++]);
            }
            out.append(']');
        }
        return out.toString();
    }

    private static void checkBounds(boolean ordered, Object lo, Object hi) {
        checkArgument(ordered, "range lower bound %s must not exceed upper bound %s", lo, hi);
    }
}
