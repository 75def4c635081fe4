package io.sam4j.core.sam;

import io.sam4j.core.util.Checks;

/**
 * One parameter of a {@link SamMethod}: everything a CLI flag, a config key or a sweep axis needs.
 * A name means the same thing, with the same default and bounds, in every method that takes it (ρ,
 * m, η), so one flag serves them all.
 *
 * @param name the name as a flag spells it, without dashes ({@code "rho"}, {@code "looksam-alpha"})
 * @param kind a decimal or an integer
 * @param defaultValue the value when not given
 * @param min the smallest value allowed
 * @param max the largest value allowed ({@link Double#POSITIVE_INFINITY}: none)
 * @param maxExclusive whether {@code max} itself is excluded
 * @param help one line for {@code --help} and {@code sam4j methods list}
 */
public record SamParameter(
        String name, Kind kind, double defaultValue, double min, double max, boolean maxExclusive, String help) {

    /** The type of a parameter's values. */
    public enum Kind {
        /** A real number. */
        DECIMAL,
        /** A whole number. */
        INTEGER
    }

    public SamParameter {
        Checks.checkArgument(name != null && name.matches("[a-z][a-z0-9-]*"), "bad parameter name %s", name);
        check(name, kind, defaultValue, min, max, maxExclusive);
    }

    /** A decimal parameter in [min, max]. */
    static SamParameter decimal(String name, double defaultValue, double min, double max, String help) {
        return new SamParameter(name, Kind.DECIMAL, defaultValue, min, max, false, help);
    }

    /** A decimal parameter in [min, max). */
    static SamParameter decimalBelow(String name, double defaultValue, double min, double max, String help) {
        return new SamParameter(name, Kind.DECIMAL, defaultValue, min, max, true, help);
    }

    /** An integer parameter in [min, ∞). */
    static SamParameter integer(String name, int defaultValue, int min, String help) {
        return new SamParameter(name, Kind.INTEGER, defaultValue, min, Double.POSITIVE_INFINITY, false, help);
    }

    /**
     * Checks a value.
     *
     * @return the value
     * @throws IllegalArgumentException in one line naming the parameter, the bounds and the value
     */
    public double validate(double value) {
        check(name, kind, value, min, max, maxExclusive);
        return value;
    }

    /** Returns the allowed range, e.g. {@code "[0, 1)"} or {@code ">= 1"}. */
    public String range() {
        if (Double.isInfinite(max)) {
            return ">= " + plain(min);
        }
        return "[" + plain(min) + ", " + plain(max) + (maxExclusive ? ")" : "]");
    }

    /** Returns the default as text ({@code "5"}, {@code "0.05"}). */
    public String defaultText() {
        return plain(defaultValue);
    }

    private static void check(String name, Kind kind, double value, double min, double max, boolean maxExclusive) {
        boolean inRange = value >= min && (maxExclusive ? value < max : value <= max);
        boolean whole = kind != Kind.INTEGER || value == Math.rint(value);
        if (!Double.isFinite(value) || !inRange || !whole) {
            String range = Double.isInfinite(max)
                    ? (kind == Kind.INTEGER ? "an integer " : "") + ">= " + plain(min)
                    : (kind == Kind.INTEGER ? "an integer in " : "in ") + "[" + plain(min) + ", " + plain(max)
                            + (maxExclusive ? ")" : "]");
            throw new IllegalArgumentException(name + " must be " + range + " but was " + plain(value));
        }
    }

    private static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }
}
