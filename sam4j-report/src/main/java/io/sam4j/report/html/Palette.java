package io.sam4j.report.html;

/** One colour per configuration group, the same in every figure and table of a report. */
public final class Palette {

    private static final String[] COLORS = {
        "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"
    };

    private Palette() {}

    /** Returns the colour of group {@code index} as {@code #rrggbb}. */
    public static String color(int index) {
        return COLORS[Math.floorMod(index, COLORS.length)];
    }

    /** Returns the colour of group {@code index} as packed RGB. */
    public static int rgb(int index) {
        return Integer.parseInt(color(index).substring(1), 16);
    }
}
