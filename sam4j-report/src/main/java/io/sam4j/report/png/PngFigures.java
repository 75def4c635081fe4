package io.sam4j.report.png;

import io.sam4j.report.html.Palette;
import io.sam4j.report.model.Column;
import io.sam4j.report.model.CurveMetric;
import io.sam4j.report.model.GroupCurves;
import io.sam4j.report.model.ReportModel;
import io.sam4j.report.model.RunGroup;
import io.sam4j.report.run.RunRecord;
import io.sam4j.report.stats.MeanInterval;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws the report's main figures as PNG: test error and losses against the epoch (seeds thin, mean
 * bold), final test error per configuration with its 95% interval, and λmax over training, the Hessian
 * density and the 1-D landscape when the runs have them.
 */
public final class PngFigures {

    /** Figure width in pixels (at 2× the on-screen scale, crisp in print). */
    static final int WIDTH = 1200;

    static final int HEIGHT = 750;

    private PngFigures() {}

    /** Returns the figures as file name → PNG bytes, in a stable order. */
    public static Map<String, byte[]> render(ReportModel model) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        Map<String, byte[]> out = new LinkedHashMap<>();
        List<CurveMetric> drawn = new ArrayList<>(model.trainingCurves().stream()
                .filter(m -> List.of(
                                CurveMetric.TEST_ERROR,
                                CurveMetric.TRAIN_ERROR,
                                CurveMetric.TEST_LOSS,
                                CurveMetric.TRAIN_LOSS)
                        .stream()
                        .anyMatch(c -> c.id().equals(m.id())))
                .toList());
        drawn.add(CurveMetric.LAMBDA_MAX);
        for (CurveMetric metric : drawn) {
            List<GroupCurves> curves = GroupCurves.of(model.groups(), metric);
            if (!curves.isEmpty()) {
                out.put(metric.id() + ".png", png(curves(metric, curves)));
            }
        }
        out.put("test-error-by-configuration.png", png(bars(model.groups(), Column.TEST_ERROR)));
        XYChart density = runLines(
                model,
                "Hessian eigenvalue density",
                "eigenvalue",
                "density",
                r -> r.hessian()
                        .filter(h -> h.hasDensity())
                        .map(h -> new double[][] {h.densityGrid(), h.densityValues()})
                        .orElse(null));
        if (density != null) {
            out.put("hessian-density.png", png(density));
        }
        XYChart landscape = runLines(
                model,
                "1-D loss landscape",
                "step along the direction",
                "loss",
                r -> r.landscape1d()
                        .map(l -> new double[][] {l.x(), l.loss()[0]})
                        .orElse(null));
        if (landscape != null) {
            out.put("landscape-1d.png", png(landscape));
        }
        return out;
    }

    private static XYChart curves(CurveMetric metric, List<GroupCurves> curves) {
        XYChart chart = xy(metric.title(), "epoch", metric.axis());
        for (GroupCurves c : curves) {
            Color color = new Color(Palette.rgb(c.group().index()));
            Color faint = new Color(color.getRed(), color.getGreen(), color.getBlue(), 90);
            for (GroupCurves.Line seed : c.seeds()) {
                XYSeries s = chart.addSeries(unique(chart, seed.name()), seed.x(), seed.y());
                s.setLineColor(faint);
                s.setLineStyle(new BasicStroke(1.5f));
                s.setMarker(SeriesMarkers.NONE);
                s.setShowInLegend(false);
            }
            XYSeries mean = chart.addSeries(
                    unique(chart, c.group().label() + " (mean)"),
                    c.mean().x(),
                    c.mean().y());
            mean.setLineColor(color);
            mean.setMarkerColor(color);
            mean.setLineStyle(new BasicStroke(4f));
            mean.setMarker(SeriesMarkers.CIRCLE);
        }
        return chart;
    }

    private static CategoryChart bars(List<RunGroup> groups, Column column) {
        CategoryChart chart = new CategoryChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title(column.title() + " by configuration (mean ± 95% CI)")
                .xAxisTitle("configuration")
                .yAxisTitle(column.heading())
                .build();
        style(chart.getStyler());
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setErrorBarsColor(Color.DARK_GRAY);
        List<String> labels = new ArrayList<>();
        List<Double> means = new ArrayList<>();
        List<Double> errors = new ArrayList<>();
        for (RunGroup g : groups) {
            MeanInterval m = g.stat(column);
            if (m.present()) {
                labels.add(g.label());
                means.add(m.mean());
                errors.add(m.hasInterval() ? m.halfWidth() : 0.0);
            }
        }
        CategorySeries s = chart.addSeries(column.title(), labels, means, errors);
        s.setFillColor(new Color(Palette.rgb(0)));
        return chart;
    }

    private static XYChart runLines(
            ReportModel model, String title, String xTitle, String yTitle, Function<RunRecord, double[][]> data) {
        XYChart chart = xy(title, xTitle, yTitle);
        boolean any = false;
        for (RunGroup g : model.groups()) {
            boolean first = true;
            for (RunRecord r : g.runs()) {
                double[][] xy = data.apply(r);
                if (xy == null) {
                    continue;
                }
                XYSeries s = chart.addSeries(unique(chart, first ? g.label() : r.name()), xy[0], xy[1]);
                s.setLineColor(new Color(Palette.rgb(g.index())));
                s.setLineStyle(new BasicStroke(2.5f));
                s.setMarker(SeriesMarkers.NONE);
                s.setShowInLegend(first);
                first = false;
                any = true;
            }
        }
        return any ? chart : null;
    }

    private static XYChart xy(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title(title)
                .xAxisTitle(xTitle)
                .yAxisTitle(yTitle)
                .build();
        style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        return chart;
    }

    private static void style(Styler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderVisible(false);
        styler.setChartFontColor(new Color(0x1d2733));
        styler.setLegendBorderColor(new Color(0xdde3ea));
        styler.setChartTitleBoxVisible(false);
        styler.setAntiAlias(true);
        Font base = styler.getChartTitleFont();
        styler.setChartTitleFont(base.deriveFont(Font.BOLD, 26f));
        styler.setLegendFont(base.deriveFont(Font.PLAIN, 20f));
        if (styler instanceof AxesChartStyler axes) {
            axes.setAxisTitleFont(base.deriveFont(Font.PLAIN, 22f));
            axes.setAxisTickLabelsFont(base.deriveFont(Font.PLAIN, 18f));
            axes.setPlotGridLinesColor(new Color(0xe6eaef));
        }
    }

    /** XChart needs unique series names; run names are unique, labels of groups too, but stay safe. */
    private static String unique(Chart<?, ?> chart, String name) {
        String candidate = name;
        for (int i = 2; chart.getSeriesMap().containsKey(candidate); i++) {
            candidate = name + " (" + i + ")";
        }
        return candidate;
    }

    private static byte[] png(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a PNG figure", e);
        }
    }
}
