package io.sam4j.report.html;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sam4j.report.Html;
import io.sam4j.report.PlotlyScript;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A self-contained HTML page of a landscape: an interactive plotly.js 3-D surface of the loss for a plane,
 * a line chart of loss and accuracy for a line. plotly.js is inlined ({@link PlotlyScript}: the gl3d bundle
 * for a surface, the cartesian one for a line), so the page renders with no network access; all text from users is escaped.
 */
public final class LandscapePage {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LandscapePage() {}

    /**
     * Builds the page of a 2-D landscape.
     *
     * @param title the page title
     * @param x the α coordinates
     * @param y the β coordinates
     * @param loss {@code loss[j][i]} at (x[i], y[j])
     * @param accuracy {@code accuracy[j][i]} at (x[i], y[j])
     * @param settings facts shown under the plot (run, sample, seed, ...)
     */
    public static String surface(
            String title, double[] x, double[] y, double[][] loss, double[][] accuracy, Map<String, ?> settings) {
        Map<String, Object> surface = new LinkedHashMap<>();
        surface.put("type", "surface");
        surface.put("name", "loss");
        surface.put("x", finite(x));
        surface.put("y", finite(y));
        surface.put("z", finite(loss));
        surface.put("customdata", finite(accuracy));
        surface.put(
                "hovertemplate",
                "α %{x:.3f}<br>β %{y:.3f}<br>loss %{z:.4f}<br>accuracy %{customdata:.2%}<extra></extra>");
        surface.put("colorscale", "Viridis");
        surface.put("contours", Map.of("z", Map.of("show", true, "usecolormap", true, "project", Map.of("z", true))));
        Map<String, Object> layout = new LinkedHashMap<>();
        layout.put("title", Map.of("text", title));
        layout.put(
                "scene",
                Map.of(
                        "xaxis", Map.of("title", Map.of("text", "α")),
                        "yaxis", Map.of("title", Map.of("text", "β")),
                        "zaxis", Map.of("title", Map.of("text", "loss"))));
        layout.put("margin", Map.of("l", 0, "r", 0, "t", 50, "b", 0));
        String logToggle = "<p><label><input type=\"checkbox\" id=\"logz\"> log-scaled loss axis</label></p>\n"
                + "<script>document.getElementById('logz').addEventListener('change', e => Plotly.relayout('plot',"
                + " {'scene.zaxis.type': e.target.checked ? 'log' : 'linear'}));</script>\n";
        return page(title, PlotlyScript.Bundle.GL3D, List.of(surface), layout, settings, logToggle);
    }

    /**
     * Builds the page of a 1-D landscape or an interpolation.
     *
     * @param title the page title
     * @param xLabel the name of the coordinate
     * @param x the coordinates
     * @param loss the losses
     * @param accuracy the accuracies
     * @param settings facts shown under the plot
     */
    public static String line(
            String title, String xLabel, double[] x, double[] loss, double[] accuracy, Map<String, ?> settings) {
        Map<String, Object> lossTrace = new LinkedHashMap<>();
        lossTrace.put("type", "scatter");
        lossTrace.put("mode", "lines+markers");
        lossTrace.put("name", "loss");
        lossTrace.put("x", finite(x));
        lossTrace.put("y", finite(loss));
        Map<String, Object> accuracyTrace = new LinkedHashMap<>();
        accuracyTrace.put("type", "scatter");
        accuracyTrace.put("mode", "lines+markers");
        accuracyTrace.put("name", "accuracy");
        accuracyTrace.put("x", finite(x));
        accuracyTrace.put("y", finite(accuracy));
        accuracyTrace.put("yaxis", "y2");
        Map<String, Object> layout = new LinkedHashMap<>();
        layout.put("title", Map.of("text", title));
        layout.put("xaxis", Map.of("title", Map.of("text", xLabel)));
        layout.put("yaxis", Map.of("title", Map.of("text", "loss")));
        layout.put(
                "yaxis2",
                Map.of(
                        "title",
                        Map.of("text", "accuracy"),
                        "overlaying",
                        "y",
                        "side",
                        "right",
                        "range",
                        List.of(0, 1)));
        return page(title, PlotlyScript.Bundle.CARTESIAN, List.of(lossTrace, accuracyTrace), layout, settings, "");
    }

    private static String page(
            String title,
            PlotlyScript.Bundle bundle,
            List<Map<String, Object>> traces,
            Map<String, Object> layout,
            Map<String, ?> settings,
            String extra) {
        StringBuilder html = new StringBuilder(4_000_000);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(Html.escape(title))
                .append("</title>\n")
                .append("<style>body{font-family:sans-serif;margin:1.5em;color:#222}"
                        + "#plot{width:100%;height:78vh}table{border-collapse:collapse;font-size:0.9em}"
                        + "td{border:1px solid #ddd;padding:0.2em 0.6em}</style>\n")
                .append(PlotlyScript.scriptElement(bundle))
                .append("\n</head>\n<body>\n<h1>")
                .append(Html.escape(title))
                .append("</h1>\n<div id=\"plot\"></div>\n")
                .append(extra)
                .append("<table>\n");
        for (Map.Entry<String, ?> e : settings.entrySet()) {
            html.append("<tr><td>")
                    .append(Html.escape(e.getKey()))
                    .append("</td><td>")
                    .append(Html.escape(String.valueOf(e.getValue())))
                    .append("</td></tr>\n");
        }
        html.append("</table>\n<script>\nPlotly.newPlot('plot', ")
                .append(json(traces))
                .append(", ")
                .append(json(layout))
                .append(", {responsive: true});\n</script>\n</body>\n</html>\n");
        return html.toString();
    }

    private static String json(Object value) {
        try {
            return Html.jsonForScript(JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize plot data", e);
        }
    }

    /** Non-finite values become null, which JSON can carry and plotly shows as gaps. */
    public static List<Double> finite(double[] values) {
        List<Double> out = new ArrayList<>(values.length);
        for (double v : values) {
            out.add(Double.isFinite(v) ? v : null);
        }
        return out;
    }

    /** Row by row, as {@link #finite(double[])}. */
    public static List<List<Double>> finite(double[][] values) {
        List<List<Double>> out = new ArrayList<>(values.length);
        for (double[] row : values) {
            out.add(finite(row));
        }
        return out;
    }
}
