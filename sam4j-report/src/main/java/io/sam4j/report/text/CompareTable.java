package io.sam4j.report.text;

import io.sam4j.report.model.TunedComparison;
import io.sam4j.report.stats.WelchDifference;
import java.util.ArrayList;
import java.util.List;

/** The table of a tuned comparison ({@link TunedComparison}) as GitHub-flavoured Markdown. */
public final class CompareTable {

    /** The columns, in order. */
    public static final List<String> HEADINGS = List.of(
            "method",
            "chosen",
            "validation error (%) per grid point",
            "test error (%)",
            "Δ vs SGD (pts)",
            "Δ vs SAM (pts)",
            "passes × SGD",
            "time × SGD");

    /** What the figures are. */
    public static final String CAPTION = "Validation error: mean over the tuning seeds on the held-out part of"
            + " the training set, whose labels are as noisy as the rest; the chosen point (bold) has the lowest."
            + " Test error: mean ± 95% Student-t interval over fresh seeds; Δ = method − SGD or SAM with Welch's 95%"
            + " interval. Passes: counted forward-backward passes (a gradient-free forward counts a third); time:"
            + " measured training time; both ratios of the means over the test seeds.";

    private CompareTable() {}

    /** Returns the table and its caption. */
    public static String markdown(TunedComparison comparison) {
        StringBuilder out = new StringBuilder();
        out.append("| ").append(String.join(" | ", HEADINGS)).append(" |\n");
        out.append("|---|---|---|---:|---:|---:|---:|---:|\n");
        for (TunedComparison.Method m : comparison.methods()) {
            List<String> cells = new ArrayList<>();
            cells.add(m.name());
            cells.add(m.chosenSetting().isEmpty() ? "—" : m.chosenSetting());
            cells.add(grid(m));
            cells.add(Format.interval(m.testError(), 2));
            cells.add(delta(comparison, m, TunedComparison.BASE));
            cells.add(delta(comparison, m, TunedComparison.SAM));
            cells.add(Format.number(comparison.passesRatio(m), 2));
            cells.add(Format.number(comparison.timeRatio(m), 2));
            out.append("| ");
            for (String c : cells) {
                out.append(MarkdownReport.cell(c)).append(" | ");
            }
            out.setLength(out.length() - 1);
            out.append('\n');
        }
        out.append('\n').append(CAPTION).append('\n');
        return out.toString();
    }

    /** The summary's columns, in order: the full table less the tuning grid, SAM's column and wall time. */
    public static final List<String> SUMMARY_HEADINGS =
            List.of("method", "chosen", "test error (%)", "Δ vs SGD (pts)", "passes × SGD");

    /**
     * Returns the short form, for a front page: each method's chosen point, its test error and
     * difference to SGD with their intervals, and its counted cost. Rows keep the catalog's order, not a
     * ranking: the intervals say which differences are real.
     */
    public static String summary(TunedComparison comparison) {
        StringBuilder out = new StringBuilder();
        out.append("| ").append(String.join(" | ", SUMMARY_HEADINGS)).append(" |\n");
        out.append("|---|---|---:|---:|---:|\n");
        for (TunedComparison.Method m : comparison.methods()) {
            List<String> cells = List.of(
                    m.name(),
                    m.chosenSetting().isEmpty() ? "—" : m.chosenSetting(),
                    Format.interval(m.testError(), 2),
                    delta(comparison, m, TunedComparison.BASE),
                    Format.number(comparison.passesRatio(m), 2));
            out.append("| ");
            for (String c : cells) {
                out.append(MarkdownReport.cell(c)).append(" | ");
            }
            out.setLength(out.length() - 1);
            out.append('\n');
        }
        return out.toString();
    }

    /** The grid's validation errors, the chosen one in bold: {@code rho 0.05: 38.1 · **rho 0.1: 36.0**}. */
    private static String grid(TunedComparison.Method m) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < m.grid().size(); i++) {
            TunedComparison.GridPoint p = m.grid().get(i);
            String text = (p.setting().isEmpty() ? "" : p.setting() + ": ")
                    + Format.number(p.validationError().mean(), 1);
            parts.add(i == m.chosen() && m.grid().size() > 1 ? "**" + text + "**" : text);
        }
        return String.join(" · ", parts);
    }

    private static String delta(TunedComparison comparison, TunedComparison.Method m, String other) {
        if (m.name().equals(other)) {
            return "";
        }
        return comparison.difference(m, other).map(d -> format(d)).orElse(Format.MISSING);
    }

    private static String format(WelchDifference d) {
        return Format.difference(d, 2);
    }
}
