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
    public static final List<String> HEADINGS = List.of(
            "Configuration",
            "Method",
            "Seeds",
            Column.TEST_ERROR.heading(),
            "Passes × base",
            "Step time × base (measured)",
            "Pareto front");

    /** The sentence under the table: what the figures are. */
    public static final String CAPTION = "Test error: mean ± 95% Student-t interval over seeds. Passes × base:"
            + " forward-backward passes per training step divided by the base configuration's (the base optimizer"
            + " alone, every other setting the same): the method's formula in sam4j's catalog (SAM 2, LookSAM"
            + " 1 + 1/k, ...), or, for a method that decides per step whether to take a SAM step, the SAM steps"
            + " the run counted (\"counted\": its mean eps_norm over ρ), ± 95% interval over seeds. Step time ×"
            + " base: the time of a training step measured on the machine, which other load changes (both sides"
            + " take the same steps, so it is the ratio of train_seconds summed over the epochs): the geometric mean of"
            + " per-seed ratios with a 95% interval on their logarithms, or the ratio of mean times (\"of"
            + " means\") where fewer than two seeds pair up. On the Pareto front: no other configuration of the"
            + " same base costs at most as many passes and is as accurate, and better in one (judged on the"
            + " means).";

    private CostGainTable() {}

    /**
     * Returns a point's cells after the configuration and method: seeds, test error, passes, time ratio,
     * front.
     */
    public static List<String> figures(CostGain.Point p) {
        return List.of(
                Integer.toString(p.group().runs().size()),
                Format.interval(p.error(), Column.TEST_ERROR.decimals()),
                passes(p),
                time(p.time()),
                front(p));
    }

    /** Returns "2.00", "1.31 ± 0.04 (counted)" or "1.33 (expected)". */
    public static String passes(CostGain.Point p) {
        String count = Format.interval(p.passes(), 2);
        if (!p.passes().present()) {
            return count;
        }
        return switch (p.passSource()) {
            case COUNTED -> count + " (counted)";
            case EXPECTED -> count + " (expected)";
            default -> count;
        };
    }

    /** Returns "2.05 (1.80–2.33)", "0.95 (of means)" or {@link Format#MISSING}. */
    public static String time(CostGain.TimeRatio t) {
        if (!Double.isFinite(t.ratio())) {
            return Format.MISSING;
        }
        String ratio = Format.number(t.ratio(), 2);
        if (t.hasInterval()) {
            return ratio + " (" + Format.number(t.low(), 2) + "–" + Format.number(t.high(), 2) + ")";
        }
        return t.kind() == CostGain.RatioKind.RATIO_OF_MEANS ? ratio + " (of means)" : ratio;
    }

    /** Returns "yes", "no", or {@link Format#MISSING} when the point lacks a time or an error. */
    public static String front(CostGain.Point p) {
        return p.placed() ? (p.onFront() ? "yes" : "no") : Format.MISSING;
    }

    /** Returns the title of a family's table: the base it is measured against. */
    public static String title(CostGain.Family family) {
        return "Against " + family.base().label() + " (" + family.base().setting() + ")";
    }

    /** Returns one line per configuration left out for want of a base. */
    public static List<String> unpairedNotes(CostGain view) {
        return view.unpaired().stream()
                .map(g -> g.label() + " has no base configuration (" + g.baseOptimizer()
                        + " alone, every other setting the same) among these runs and is left out")
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
            out.append("\n|---|---|---:|---:|---:|---:|:---:|\n");
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
