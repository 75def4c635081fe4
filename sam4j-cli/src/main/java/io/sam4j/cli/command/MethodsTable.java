package io.sam4j.cli.command;

import io.sam4j.core.sam.SamMethod;
import io.sam4j.core.sam.SamMethods;
import io.sam4j.core.sam.SamParameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The table of each method's authors' settings and tuning grid in docs/methods.md, written from the
 * catalog (the same declarations {@code sam4j methods list} prints), so the documentation cannot drift
 * from them.
 */
public final class MethodsTable {

    /** The line before the table in docs/methods.md. */
    public static final String BEGIN = "<!-- method-settings: generated from io.sam4j.core.sam.SamMethods -->";

    /** The line after the table in docs/methods.md. */
    public static final String END = "<!-- /method-settings -->";

    private MethodsTable() {}

    /** Returns the Markdown table: method, defaults, their source, tuning grid, its source. */
    public static String markdown() {
        List<String> rows = new ArrayList<>();
        rows.add("| `--sam` | defaults | from | tuning grid (`sam4j compare`) | grid from |");
        rows.add("|---|---|---|---|---|");
        for (SamMethod method : SamMethods.all()) {
            List<String> defaults = new ArrayList<>();
            for (SamParameter p : method.parameters()) {
                defaults.add(p.name() + " " + text(p, method.defaultValue(p.name())));
            }
            rows.add(row(
                    "`" + method.name() + "`",
                    defaults.isEmpty() ? "—" : String.join(", ", defaults),
                    method.authors().source(),
                    grid(method),
                    method.authors().gridSource()));
        }
        return String.join("\n", rows) + "\n";
    }

    /** A value as its parameter writes it ({@code 5}, {@code 0.05}). */
    static String text(SamParameter p, double value) {
        return new SamParameter(p.name(), p.kind(), value, p.min(), p.max(), p.maxExclusive(), p.help()).defaultText();
    }

    /** The grid's points, showing only the parameters it varies: {@code rho 0.05 · rho 0.1}; "—" for one point. */
    static String grid(SamMethod method) {
        List<Map<String, Double>> points = method.tuningGrid();
        if (points.size() == 1) {
            return "— (one point: the defaults)";
        }
        List<String> varied = method.names().stream()
                .filter(n -> points.stream().map(pt -> pt.get(n)).distinct().count() > 1)
                .toList();
        List<String> shown = new ArrayList<>();
        for (Map<String, Double> point : points) {
            List<String> parts = new ArrayList<>();
            for (String n : varied) {
                parts.add(n + " " + text(method.parameter(n), point.get(n)));
            }
            shown.add(String.join(", ", parts));
        }
        return String.join(" · ", shown);
    }

    private static String row(String... cells) {
        StringBuilder out = new StringBuilder("|");
        for (String c : cells) {
            out.append(' ').append(c.replace("|", "\\|")).append(" |");
        }
        return out.toString();
    }
}
