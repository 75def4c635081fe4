package io.sam4j.report.text;

import io.sam4j.report.model.Column;
import io.sam4j.report.model.CostGain;
import io.sam4j.report.model.RunGroup;
import java.util.List;

/**
 * The cost-versus-gain table's cells, shared by the HTML and Markdown reports, and its Markdown form.
 */
public final class CostGainTable {

    /** The headings, in column order. */
    public static final List<String> HEADINGS =
            List.of("Configuration", "Method", "Seeds", Column.TEST_ERROR.heading(), "Time × base", "Pareto front");

    /** The sentence under the table: what the figures are. */
    public static final String CAPTION = "Test error: mean ± 95% Student-t interval over seeds. Time × base: the"
            + " training time (train_seconds summed over the epochs) divided by that of the base configuration"
            + " (sam=none, every other setting the same), as the mean of per-seed ratios ± 95% Student-t interval;"
            + " marked \"of means\" where fewer than two seeds pair up: then the ratio of mean times, without an"
            + " interval. On the Pareto front: no other configuration of the same base is at least as cheap and"
            + " as accurate and better in one (judged on the means).";

    private CostGainTable() {}

    /** Returns a point's cells after the configuration and method: seeds, test error, time ratio, front. */
    public static List<String> figures(CostGain.Point p) {
        String ratio = Format.interval(p.timeRatio(), 2);
        if (p.kind() == CostGain.RatioKind.RATIO_OF_MEANS && p.timeRatio().present()) {
            ratio += " (of means)";
        }
        return List.of(
                Integer.toString(p.group().runs().size()),
                Format.interval(p.error(), Column.TEST_ERROR.decimals()),
                ratio,
                front(p));
    }

    /** Returns "yes", "no", or {@link Format#MISSING} when the point lacks a time or an error. */
    public static String front(CostGain.Point p) {
        return p.placed() ? (p.onFront() ? "yes" : "no") : Format.MISSING;
    }

    /** Returns the title of a family's table: the base it is measured against. */
    public static String title(CostGain.Family family) {
        return "Against " + family.base().label() + " (" + family.base().method() + " on "
                + family.base().setting() + ")";
    }

    /** Returns one line per configuration left out for want of a base. */
    public static List<String> unpairedNotes(CostGain view) {
        return view.unpaired().stream()
                .map(g -> g.label() + " has no base configuration (sam=none, every other setting the same)"
                        + " among these runs and is left out")
                .toList();
    }

    /** Returns the view as Markdown: a heading, one table per base, the caption; "" when absent. */
    public static String markdown(CostGain view) {
        if (!view.present()) {
            return "";
        }
        StringBuilder out = new StringBuilder("\n## Cost versus gain\n");
        for (CostGain.Family family : view.families()) {
            out.append('\n');
            if (view.families().size() > 1) {
                out.append(MarkdownReport.cell(title(family))).append("\n\n");
            }
            out.append('|');
            HEADINGS.forEach(h -> out.append(' ').append(h).append(" |"));
            out.append("\n|---|---|---:|---:|---:|:---:|\n");
            for (CostGain.Point p : family.points()) {
                RunGroup g = p.group();
                out.append("| ")
                        .append(MarkdownReport.cell(g.label()))
                        .append(" | ")
                        .append(MarkdownReport.cell(g.method()))
                        .append(" |");
                figures(p).forEach(f -> out.append(' ').append(f).append(" |"));
                out.append('\n');
            }
        }
        out.append('\n').append(CAPTION).append('\n');
        List<String> unpaired = unpairedNotes(view);
        if (!unpaired.isEmpty()) {
            out.append('\n');
            unpaired.forEach(u -> out.append("- ").append(u).append('\n'));
        }
        return out.toString();
    }
}
