package io.sam4j.analysis.hessian;

import io.sam4j.core.util.AtomicFiles;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws a Hessian spectral density as a PNG with a logarithmic density axis, the way Ghorbani et al.
 * (2019) show it: on a linear axis the bulk near zero hides the few large outliers that SAM shrinks.
 */
public final class DensityPlot {

    /** Densities below this fraction of the peak are drawn at it: a log axis cannot show 0. */
    static final double FLOOR = 1e-10;

    private DensityPlot() {}

    /**
     * Writes the plot atomically.
     *
     * @param density the density
     * @param title the chart title
     * @param file the PNG to write
     */
    public static void write(SpectralDensity.Result density, String title, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        double peak = 0;
        for (double v : density.values()) {
            peak = Math.max(peak, v);
        }
        double floor = peak > 0 ? peak * FLOOR : FLOOR;
        double[] y = new double[density.values().length];
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.max(density.values()[i], floor);
        }
        XYChart chart = new XYChartBuilder()
                .width(900)
                .height(560)
                .title(title)
                .xAxisTitle("eigenvalue")
                .yAxisTitle("density (log scale)")
                .build();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        XYSeries series = chart.addSeries("density", density.grid(), y);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(new Color(31, 119, 180));
        byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        AtomicFiles.write(file, out -> out.write(png));
    }
}
