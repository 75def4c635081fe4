package io.sam4j.report.text;

import io.sam4j.report.model.Column;
import io.sam4j.report.model.Comparison;
import io.sam4j.report.model.CostGain;
import io.sam4j.report.model.ReportModel;
import io.sam4j.report.model.RunGroup;
import java.util.ArrayList;
import java.util.List;

/** The results table (and the SAM-vs-baseline differences) as GitHub-flavoured Markdown. */
public final class MarkdownReport {

    /** The differences shown for each SAM/baseline pair. */
    public static final List<Column> COMPARED =
            List.of(Column.TEST_ERROR, Column.GAP_ACCURACY, Column.GAP_LOSS, Column.TEST_LOSS);

    /** Returns the differences shown for the model's pairs: {@link #COMPARED}, then curvature where measured. */
    public static List<Column> compared(ReportModel model) {
        List<Column> columns = new ArrayList<>(COMPARED);
        model.columns().stream().filter(Column.CURVATURE::contains).forEach(columns::add);
        return columns;
    }

    private MarkdownReport() {}

    /** Returns the Markdown text. */
    public static String of(ReportModel model) {
        StringBuilder out = new StringBuilder();
        List<Column> columns = model.columns();
        out.append("| Configuration | Method | Seeds |");
        columns.forEach(c -> out.append(' ').append(cell(c.heading())).append(" |"));
        out.append("\n|---|---|---:|");
        columns.forEach(c -> out.append("---:|"));
        out.append('\n');
        for (RunGroup g : model.groups()) {
            out.append("| ")
                    .append(cell(g.label()))
                    .append(" | ")
                    .append(cell(g.method()))
                    .append(" | ")
                    .append(g.runs().size())
                    .append(" |");
            for (Column c : columns) {
                out.append(' ').append(Format.interval(g.stat(c), c.decimals())).append(" |");
            }
            out.append('\n');
        }
        if (!model.comparisons().isEmpty()) {
            List<Column> compared = compared(model);
            out.append("\n| Configuration | Baseline |");
            compared.forEach(c -> out.append(" Δ ")
                    .append(cell(c.title()))
                    .append(c.unit().isEmpty() ? "" : " (" + deltaUnit(c) + ")")
                    .append(" |"));
            out.append("\n|---|---|");
            compared.forEach(c -> out.append("---:|"));
            out.append('\n');
            for (Comparison cmp : model.comparisons()) {
                out.append("| ")
                        .append(cell(cmp.group().label()))
                        .append(" | ")
                        .append(cell(cmp.baseline().label()))
                        .append(" |");
                for (Column c : compared) {
                    out.append(' ')
                            .append(
                                    Column.CURVATURE.contains(c)
                                            ? Format.differenceSignificant(cmp.difference(c))
                                            : Format.difference(cmp.difference(c), c.decimals()))
                            .append(" |");
                }
                out.append('\n');
            }
        }
        out.append("\nMean ± 95% Student-t interval over seeds; Δ = group − baseline with Welch's 95% interval.\n");
        List<String> duplicates = model.duplicateNotes();
        if (!duplicates.isEmpty()) {
            out.append("\nLeft out of every figure (a repeated seed is not one more seed):\n");
            duplicates.forEach(d -> out.append("- ").append(d).append('\n'));
        }
        out.append(CostGainTable.markdown(CostGain.of(model)));
        return out.toString();
    }

    /** A change of a percentage is in points. */
    static String deltaUnit(Column c) {
        return "%".equals(c.unit()) ? "pts" : c.unit();
    }

    static String cell(String text) {
        return text.replace("\\", "\\\\")
                .replace("|", "\\|")
                .replace("<", "\\<")
                .replace(">", "\\>")
                .replace("\n", " ")
                .replace("\r", " ");
    }
}
