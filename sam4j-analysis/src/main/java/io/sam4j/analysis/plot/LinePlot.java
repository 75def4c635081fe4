package io.sam4j.analysis.plot;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** A PNG of loss (left axis) and accuracy (right axis) along a line of weights. */
public final class LinePlot {

    private LinePlot() {}

    /**
     * Draws the figure.
     *
     * @param title the title
     * @param xLabel the name of the coordinate (α)
     * @param x the coordinates
     * @param loss the loss at each coordinate (non-finite values are left out)
     * @param accuracy the accuracy at each coordinate, in [0, 1]
     * @return PNG bytes
     */
    public static byte[] png(String title, String xLabel, double[] x, double[] loss, double[] accuracy) {
        XYChart chart = new XYChartBuilder()
                .width(900)
                .height(560)
                .title(title)
                .xAxisTitle(xLabel)
                .yAxisTitle("loss")
                .build();
        Styler styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.InsideNE);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setMarkerSize(4);
        styler.setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        chart.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));
        XYSeries lossSeries = chart.addSeries("loss", x, finiteOrNaN(loss));
        lossSeries.setLineColor(new Color(31, 119, 180));
        lossSeries.setMarker(SeriesMarkers.CIRCLE);
        lossSeries.setMarkerColor(new Color(31, 119, 180));
        XYSeries accuracySeries = chart.addSeries("accuracy (right)", x, accuracy);
        accuracySeries.setYAxisGroup(1);
        accuracySeries.setLineColor(new Color(255, 127, 14));
        accuracySeries.setMarker(SeriesMarkers.DIAMOND);
        accuracySeries.setMarkerColor(new Color(255, 127, 14));
        chart.setYAxisGroupTitle(1, "accuracy");
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the line plot", e);
        }
    }

    private static double[] finiteOrNaN(double[] values) {
        double[] out = values.clone();
        for (int i = 0; i < out.length; i++) {
            if (!Double.isFinite(out[i])) {
                out[i] = Double.NaN;
            }
        }
        return out;
    }
}
