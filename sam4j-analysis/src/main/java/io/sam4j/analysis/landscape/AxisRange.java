package io.sam4j.analysis.landscape;

import java.util.Locale;

/**
 * Evenly spaced coordinates along one axis of a landscape, written {@code from:to:points} on the command
 * line ({@code -1:1:51} is 51 points from −1 to 1, both ends included).
 *
 * @param from the first coordinate
 * @param to the last coordinate, greater than {@code from}
 * @param points how many coordinates, at least 2
 */
public record AxisRange(double from, double to, int points) {

    public AxisRange {
        if (!Double.isFinite(from) || !Double.isFinite(to) || !(from < to)) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT, "must go from a smaller to a larger number but was %s:%s", fmt(from), fmt(to)));
        }
        if (points < 2) {
            throw new IllegalArgumentException("needs at least 2 points but was " + points);
        }
    }

    /**
     * Parses {@code from:to:points}.
     *
     * @throws IllegalArgumentException naming what is wrong, without the flag (callers add it)
     */
    public static AxisRange parse(String text) {
        String[] parts = text.trim().split(":", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("must be FROM:TO:POINTS (e.g. -1:1:51) but was '" + text + "'");
        }
        double from;
        double to;
        int points;
        try {
            from = Double.parseDouble(parts[0]);
            to = Double.parseDouble(parts[1]);
            points = Integer.parseInt(parts[2]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be FROM:TO:POINTS (e.g. -1:1:51) but was '" + text + "'");
        }
        return new AxisRange(from, to, points);
    }

    /** Returns coordinate {@code i}; the last one is exactly {@code to}. */
    public double value(int i) {
        if (i < 0 || i >= points) {
            throw new IndexOutOfBoundsException("point " + i + " of " + points);
        }
        return i == points - 1 ? to : from + (to - from) * i / (points - 1);
    }

    /** Returns all coordinates. */
    public double[] values() {
        double[] v = new double[points];
        for (int i = 0; i < points; i++) {
            v[i] = value(i);
        }
        return v;
    }

    @Override
    public String toString() {
        return fmt(from) + ":" + fmt(to) + ":" + points;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }
}
