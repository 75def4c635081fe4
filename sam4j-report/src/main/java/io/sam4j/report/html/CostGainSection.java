package io.sam4j.report.html;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sam4j.report.Html;
import io.sam4j.report.model.CostGain;
import io.sam4j.report.stats.MeanInterval;
import io.sam4j.report.text.CostGainTable;
import java.util.Comparator;
import java.util.List;

/**
 * The page's cost-versus-gain section: per base configuration, a plotly scatter of test error against
 * forward-backward passes per step relative to the base, with both intervals as error bars and the
 * Pareto front joined by a dotted line, then the table with the measured time beside the passes. Absent
 * when no configuration has a base.
 */
final class CostGainSection {

    private CostGainSection() {}

    /** Appends the section for {@code view} to {@code out} and its figures to {@code figures}. */
    static void write(CostGain view, StringBuilder out, Figures figures) {
        if (!view.present()) {
            return;
        }
        out.append("<section id=\"cost-gain\"><h2>Cost versus gain</h2>\n<p class=\"caption\">")
                .append(Html.escape(CostGainTable.CAPTION))
                .append(" Filled markers are on the front.</p>\n");
        int index = 0;
        for (CostGain.Family family : view.families()) {
            if (view.families().size() > 1) {
                out.append("<h3>")
                        .append(Html.escape(CostGainTable.title(family)))
                        .append("</h3>\n");
            }
            String id = "cost-gain-" + index++;
            out.append("<div class=\"plot tall\" id=\"").append(id).append("\" data-figure></div>\n");
            figure(id, family, figures);
            table(id, family, out);
        }
        List<String> unpaired = CostGainTable.unpairedNotes(view);
        if (!unpaired.isEmpty()) {
            out.append("<ul class=\"notes\">");
            unpaired.forEach(u -> out.append("<li>").append(Html.escape(u)).append("</li>"));
            out.append("</ul>\n");
        }
        out.append("</section>\n");
    }

    private static void table(String id, CostGain.Family family, StringBuilder out) {
        out.append("<div class=\"scroll\"><table id=\"")
                .append(id)
                .append("-table\"><thead><tr><th class=\"text\">Configuration</th><th class=\"text\">Method</th>");
        CostGainTable.HEADINGS
                .subList(2, CostGainTable.HEADINGS.size())
                .forEach(h -> out.append("<th>").append(Html.escape(h)).append("</th>"));
        out.append("</tr></thead><tbody>\n");
        for (CostGain.Point p : family.points()) {
            List<String> cells = CostGainTable.figures(p);
            out.append("<tr data-group=\"")
                    .append(Html.escape(p.group().label()))
                    .append("\" data-front=\"")
                    .append(Html.escape(CostGainTable.front(p)))
                    .append("\"><td class=\"text\">")
                    .append(HtmlReport.swatch(p.group()))
                    .append(HtmlReport.label(p.group()))
                    .append("</td><td class=\"text\">")
                    .append(Html.escape(p.group().method()))
                    .append("</td><td class=\"num\">")
                    .append(cells.get(0))
                    .append("</td>")
                    .append(cell("test_error", p.error(), cells.get(1)))
                    .append(cell("passes", p.passes(), cells.get(2)))
                    .append("<td class=\"num\" data-col=\"time_ratio\" data-ratio=\"")
                    .append(p.time().ratio())
                    .append("\">")
                    .append(Html.escape(cells.get(3)))
                    .append("</td><td class=\"num\">")
                    .append(Html.escape(cells.get(4)))
                    .append("</td></tr>\n");
        }
        out.append("</tbody></table></div>\n");
    }

    private static String cell(String column, MeanInterval m, String text) {
        return "<td class=\"num\" data-col=\"" + column + "\" data-mean=\"" + m.mean() + "\" data-half=\""
                + m.halfWidth() + "\">" + Html.escape(text) + "</td>";
    }

    private static void figure(String id, CostGain.Family family, Figures figures) {
        ArrayNode data = Figures.JSON.createArrayNode();
        List<CostGain.Point> placed =
                family.points().stream().filter(CostGain.Point::placed).toList();
        List<CostGain.Point> front = placed.stream()
                .filter(CostGain.Point::onFront)
                .sorted(Comparator.comparingDouble(p -> p.passes().mean()))
                .toList();
        if (front.size() > 1) {
            ObjectNode line = Figures.JSON
                    .createObjectNode()
                    .put("type", "scatter")
                    .put("mode", "lines")
                    .put("name", "Pareto front")
                    .put("hoverinfo", "skip");
            line.set(
                    "x",
                    Figures.array(
                            front.stream().mapToDouble(p -> p.passes().mean()).toArray()));
            line.set(
                    "y",
                    Figures.array(
                            front.stream().mapToDouble(p -> p.error().mean()).toArray()));
            line.set(
                    "line",
                    Figures.JSON
                            .createObjectNode()
                            .put("color", "#5b6876")
                            .put("dash", "dot")
                            .put("width", 1.5));
            data.add(line);
        }
        for (CostGain.Point p : placed) {
            String color = Palette.color(p.group().index());
            ObjectNode t = Figures.JSON
                    .createObjectNode()
                    .put("type", "scatter")
                    .put("mode", "markers")
                    .put("name", Html.escape(p.group().label() + (p.onFront() ? " (front)" : "")));
            t.set("x", Figures.array(new double[] {p.passes().mean()}));
            t.set("y", Figures.array(new double[] {p.error().mean()}));
            t.set("error_x", errorBar(p.passes(), color));
            t.set("error_y", errorBar(p.error(), color));
            ObjectNode marker = Figures.JSON
                    .createObjectNode()
                    .put("size", 12)
                    .put("color", color)
                    .put("symbol", p.onFront() ? "circle" : "circle-open");
            marker.set(
                    "line", Figures.JSON.createObjectNode().put("color", color).put("width", 2));
            t.set("marker", marker);
            t.put(
                    "hovertemplate",
                    Html.escape(p.group().method())
                            + "<br>passes × base %{x:.3f}<br>test error %{y:.2f}%<br>step time × base (measured) "
                            + Html.escape(CostGainTable.time(p.time())) + "<extra></extra>");
            data.add(t);
        }
        ObjectNode layout = Figures.layout(
                "Test error against cost",
                "forward-backward passes per step × " + CostGain.baseName(family),
                "test error (%)");
        // A cost is never below zero, and the base's 1× stays in view.
        ((ObjectNode) layout.get("xaxis")).put("rangemode", "tozero");
        figures.add(id, data, layout);
    }

    private static ObjectNode errorBar(MeanInterval m, String color) {
        ObjectNode bar = Figures.JSON
                .createObjectNode()
                .put("type", "data")
                .put("visible", m.hasInterval() && m.halfWidth() > 0)
                .put("color", color)
                .put("thickness", 1.5);
        bar.set("array", Figures.array(new double[] {m.hasInterval() ? m.halfWidth() : 0}));
        return bar;
    }
}
