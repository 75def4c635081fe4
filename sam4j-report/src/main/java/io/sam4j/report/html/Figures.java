package io.sam4j.report.html;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sam4j.report.Html;
import io.sam4j.report.model.CurveMetric;
import io.sam4j.report.model.GroupCurves;
import io.sam4j.report.model.RunGroup;
import io.sam4j.report.run.Landscape;
import io.sam4j.report.run.RunRecord;
import io.sam4j.report.stats.MeanInterval;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Builds plotly.js figure descriptions ({@code data} and {@code layout}) as JSON.
 *
 * <p>plotly.js reads a few HTML tags inside names and titles and decodes entities, so every user string
 * passes through {@link Html#escape} and is drawn as the text it is.
 */
final class Figures {

    static final ObjectMapper JSON = new ObjectMapper();

    private final ArrayNode figures = JSON.createArrayNode();

    /** Returns the figures added so far. */
    ArrayNode all() {
        return figures;
    }

    /** Returns the number of figures added so far. */
    int size() {
        return figures.size();
    }

    /** Seeds as thin lines, each group's mean bold, one colour per group. */
    void curves(String id, CurveMetric metric, List<GroupCurves> curves) {
        ArrayNode data = JSON.createArrayNode();
        for (GroupCurves c : curves) {
            String color = Palette.color(c.group().index());
            String legend = "g" + c.group().index();
            for (GroupCurves.Line seed : c.seeds()) {
                ObjectNode t = line(seed.x(), seed.y(), seed.name(), color, 1, 0.35);
                t.put("legendgroup", legend).put("showlegend", false);
                t.put("hovertemplate", Html.escape(seed.name()) + "<br>epoch %{x}: %{y:.4g}<extra></extra>");
                data.add(t);
            }
            ObjectNode mean = line(c.mean().x(), c.mean().y(), c.group().label() + " (mean)", color, 3, 1);
            mean.put("legendgroup", legend);
            mean.set("marker", JSON.createObjectNode().put("size", 6).put("color", color));
            mean.put("mode", "lines+markers");
            data.add(mean);
        }
        ObjectNode layout = layout(metric.title(), "epoch", metric.axis());
        double lastEpoch = curves.stream()
                .flatMapToDouble(c -> Arrays.stream(c.mean().x()))
                .max()
                .orElse(0);
        if (lastEpoch <= 12) {
            // Whole epochs only: plotly would otherwise tick 1.5, 2.5, ...
            ((ObjectNode) layout.get("xaxis")).put("dtick", 1);
        }
        if (metric.log()) {
            ((ObjectNode) layout.get("yaxis")).put("type", "log");
        }
        add(id, data, layout);
    }

    /** A bar per group with its 95% interval as an error bar. */
    void bars(String id, String title, String axis, List<RunGroup> groups, Function<RunGroup, MeanInterval> value) {
        ArrayNode x = JSON.createArrayNode();
        ArrayNode y = JSON.createArrayNode();
        ArrayNode err = JSON.createArrayNode();
        ArrayNode colors = JSON.createArrayNode();
        for (RunGroup g : groups) {
            MeanInterval m = value.apply(g);
            if (!m.present()) {
                continue;
            }
            x.add(Html.escape(g.label()));
            y.add(m.mean());
            err.add(m.hasInterval() ? m.halfWidth() : 0);
            colors.add(Palette.color(g.index()));
        }
        ObjectNode bar = JSON.createObjectNode().put("type", "bar");
        bar.set("x", x);
        bar.set("y", y);
        bar.set("marker", JSON.createObjectNode().set("color", colors));
        ObjectNode errorY =
                JSON.createObjectNode().put("type", "data").put("visible", true).put("color", "#333");
        errorY.set("array", err);
        bar.set("error_y", errorY);
        bar.put("hovertemplate", "%{x}: %{y:.4g}<extra></extra>");
        ObjectNode layout = layout(title, "", axis);
        layout.put("showlegend", false);
        add(id, JSON.createArrayNode().add(bar), layout);
    }

    /** One line per run (coloured by group), e.g. spectral densities or 1-D landscapes. */
    void runLines(String id, String title, String xTitle, String yTitle, boolean logY, List<RunLine> lines) {
        ArrayNode data = JSON.createArrayNode();
        Set<Integer> shown = new HashSet<>();
        for (RunLine l : lines) {
            ObjectNode t = line(
                    l.x(), l.y(), l.group().label(), Palette.color(l.group().index()), 2, 0.85);
            t.put("legendgroup", "g" + l.group().index());
            t.put("showlegend", shown.add(l.group().index()));
            t.put(
                    "hovertemplate",
                    Html.escape(l.run().name()) + (l.suffix().isEmpty() ? "" : " " + Html.escape(l.suffix()))
                            + "<br>%{x:.4g}: %{y:.4g}<extra></extra>");
            data.add(t);
        }
        ObjectNode layout = layout(title, xTitle, yTitle);
        if (logY) {
            ((ObjectNode) layout.get("yaxis")).put("type", "log");
        }
        add(id, data, layout);
    }

    /** A contour plot of a 2-D landscape. */
    void contour(String id, RunRecord run, Landscape grid) {
        ObjectNode t = JSON.createObjectNode().put("type", "contour").put("colorscale", "Viridis");
        t.set("x", array(grid.x()));
        t.set("y", array(grid.y()));
        t.set("z", matrix(grid.loss()));
        t.set(
                "colorbar",
                JSON.createObjectNode().set("title", JSON.createObjectNode().put("text", "loss")));
        t.set("contours", JSON.createObjectNode().put("coloring", "heatmap").put("showlabels", true));
        ObjectNode layout = layout("Loss contours: " + run.name(), "direction 1", "direction 2");
        add(id, JSON.createArrayNode().add(t), layout);
    }

    /**
     * A line of one run.
     *
     * @param run the run
     * @param group its group
     * @param suffix text after the run name in hover labels, e.g. "direction 2"
     * @param x the abscissae
     * @param y the ordinates
     */
    record RunLine(RunRecord run, RunGroup group, String suffix, double[] x, double[] y) {}

    void add(String id, ArrayNode data, ObjectNode layout) {
        ObjectNode f = JSON.createObjectNode().put("id", id);
        f.set("data", data);
        f.set("layout", layout);
        figures.add(f);
    }

    private static ObjectNode line(double[] x, double[] y, String name, String color, double width, double opacity) {
        ObjectNode t = JSON.createObjectNode()
                .put("type", "scatter")
                .put("mode", "lines")
                .put("name", Html.escape(name));
        t.set("x", array(x));
        t.set("y", array(y));
        t.set("line", JSON.createObjectNode().put("color", color).put("width", width));
        t.put("opacity", opacity);
        return t;
    }

    static ObjectNode layout(String title, String xTitle, String yTitle) {
        ObjectNode layout = JSON.createObjectNode();
        // The title starts left and sits below the band at the top where plotly's toolbar appears on
        // hover (right-aligned), so the toolbar never covers it.
        ObjectNode titleNode = JSON.createObjectNode()
                .put("text", Html.escape(title))
                .put("x", 0.02)
                .put("xanchor", "left")
                .put("yref", "container")
                .put("y", 1)
                .put("yanchor", "top");
        titleNode.set("pad", JSON.createObjectNode().put("t", 30));
        titleNode.set("font", JSON.createObjectNode().put("size", 15));
        layout.set("title", titleNode);
        layout.set("xaxis", axis(xTitle));
        layout.set("yaxis", axis(yTitle));
        layout.set(
                "margin",
                JSON.createObjectNode().put("l", 64).put("r", 16).put("t", 64).put("b", 84));
        layout.set(
                "legend",
                JSON.createObjectNode().put("orientation", "h").put("y", -0.3).put("yanchor", "top"));
        layout.set(
                "font",
                JSON.createObjectNode()
                        .put("family", "-apple-system, Segoe UI, Roboto, Arial, sans-serif")
                        .put("size", 12));
        layout.put("paper_bgcolor", "#ffffff").put("plot_bgcolor", "#ffffff").put("hovermode", "closest");
        return layout;
    }

    private static ObjectNode axis(String title) {
        ObjectNode a = JSON.createObjectNode().put("gridcolor", "#e6eaef").put("zeroline", false);
        a.set("title", JSON.createObjectNode().put("text", Html.escape(title)));
        return a;
    }

    static ArrayNode array(double[] values) {
        ArrayNode a = JSON.createArrayNode();
        for (double v : values) {
            if (Double.isFinite(v)) {
                a.add(v);
            } else {
                a.addNull();
            }
        }
        return a;
    }

    private static ArrayNode matrix(double[][] rows) {
        ArrayNode a = JSON.createArrayNode();
        for (double[] row : rows) {
            a.add(array(row));
        }
        return a;
    }
}
