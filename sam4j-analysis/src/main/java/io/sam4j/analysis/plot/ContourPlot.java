package io.sam4j.analysis.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A filled contour map of a 2-D landscape as a PNG, drawn with Java2D.
 *
 * <p>Each pixel of the plot area takes the bilinear interpolation of the four surrounding grid values and
 * is painted with the colour of the level band it falls in; pixels whose right or lower neighbour lies in
 * another band are darkened, which draws the contour lines. Loss surfaces span orders of magnitude away
 * from the minimum, so the levels are spaced evenly in log(loss) (Li et al. 2018 plot log-scaled contours
 * for the same reason); when some value is zero or negative the levels fall back to linear spacing.
 * Non-finite values are painted grey. The origin, the trained weights, is marked with a circle.
 */
public final class ContourPlot {

    private static final int WIDTH = 860;
    private static final int HEIGHT = 700;
    private static final int LEFT = 80;
    private static final int RIGHT = 150;
    private static final int TOP = 50;
    private static final int BOTTOM = 70;
    private static final Color NON_FINITE = new Color(190, 190, 190);

    /** Viridis anchor colours, low to high (van der Walt &amp; Smith's perceptually uniform map). */
    private static final int[] VIRIDIS = {
        0x440154, 0x482878, 0x3E4A89, 0x31688E, 0x26828E, 0x1F9E89, 0x35B779, 0x6DCD59, 0xB4DE2C, 0xFDE725
    };

    private ContourPlot() {}

    /**
     * Returns the {@code bands + 1} level boundaries from {@code min} to {@code max}: log-spaced when
     * {@code min > 0}, linear otherwise.
     */
    public static double[] levels(double min, double max, int bands) {
        if (bands < 1) {
            throw new IllegalArgumentException("bands must be >= 1 but was " + bands);
        }
        double[] levels = new double[bands + 1];
        boolean log = min > 0;
        double lo = log ? Math.log(min) : min;
        double hi = log ? Math.log(max) : max;
        for (int k = 0; k <= bands; k++) {
            double t = lo + (hi - lo) * k / bands;
            levels[k] = log ? Math.exp(t) : t;
        }
        levels[0] = min;
        levels[bands] = max;
        return levels;
    }

    /** Returns the band of {@code value} among {@code levels}: 0 to levels.length − 2, clamped. */
    static int band(double value, double[] levels) {
        int bands = levels.length - 1;
        for (int k = 1; k < bands; k++) {
            if (value < levels[k]) {
                return k - 1;
            }
        }
        return bands - 1;
    }

    /**
     * Draws the map.
     *
     * @param title the title
     * @param x the coordinates of the columns, increasing
     * @param y the coordinates of the rows, increasing
     * @param z the values, {@code z[j][i]} at {@code (x[i], y[j])}
     * @param bands the number of level bands
     * @return PNG bytes
     */
    public static byte[] png(String title, double[] x, double[] y, double[][] z, int bands) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] row : z) {
            for (double v : row) {
                if (Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (min == Double.POSITIVE_INFINITY) {
            min = 0;
            max = 1;
        }
        if (max <= min) {
            max = min + Math.max(1e-12, Math.abs(min) * 1e-6);
        }
        double[] levels = levels(min, max, bands);

        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);

        int w = WIDTH - LEFT - RIGHT;
        int h = HEIGHT - TOP - BOTTOM;
        paintBands(image, x, y, z, levels, w, h);

        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(LEFT, TOP, w, h);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        FontMetrics fm = g.getFontMetrics();
        for (double t : Ticks.between(x[0], x[x.length - 1], 8)) {
            int px = LEFT + (int) Math.round((t - x[0]) / (x[x.length - 1] - x[0]) * w);
            g.drawLine(px, TOP + h, px, TOP + h + 5);
            String s = Ticks.label(t);
            g.drawString(s, px - fm.stringWidth(s) / 2, TOP + h + 20);
        }
        for (double t : Ticks.between(y[0], y[y.length - 1], 8)) {
            int py = TOP + h - (int) Math.round((t - y[0]) / (y[y.length - 1] - y[0]) * h);
            g.drawLine(LEFT - 5, py, LEFT, py);
            String s = Ticks.label(t);
            g.drawString(s, LEFT - 8 - fm.stringWidth(s), py + fm.getAscent() / 2 - 1);
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
        fm = g.getFontMetrics();
        g.drawString("α (direction 1)", LEFT + w / 2 - fm.stringWidth("α (direction 1)") / 2, HEIGHT - 22);
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2);
        g.drawString("β (direction 2)", -(TOP + h / 2) - fm.stringWidth("β (direction 2)") / 2, 25);
        g.setTransform(saved);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        fm = g.getFontMetrics();
        g.drawString(title, WIDTH / 2 - fm.stringWidth(title) / 2, 30);

        markOrigin(g, x, y, w, h);
        drawColorBar(g, levels, min > 0, h);
        g.dispose();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the contour plot", e);
        }
        return out.toByteArray();
    }

    private static void paintBands(
            BufferedImage image, double[] x, double[] y, double[][] z, double[] levels, int w, int h) {
        int bands = levels.length - 1;
        int[] band = new int[w * h];
        for (int py = 0; py < h; py++) {
            // Row 0 of the image is the largest y.
            double fy = (double) (h - 1 - py) / (h - 1) * (y.length - 1);
            for (int px = 0; px < w; px++) {
                double fx = (double) px / (w - 1) * (x.length - 1);
                double v = bilinear(z, fx, fy);
                band[py * w + px] = Double.isFinite(v) ? band(v, levels) : -1;
            }
        }
        for (int py = 0; py < h; py++) {
            for (int px = 0; px < w; px++) {
                int b = band[py * w + px];
                Color c = b < 0 ? NON_FINITE : color(bands == 1 ? 0 : (double) b / (bands - 1));
                boolean edge =
                        (px + 1 < w && band[py * w + px + 1] != b) || (py + 1 < h && band[(py + 1) * w + px] != b);
                if (edge) {
                    c = new Color((int) (c.getRed() * 0.45), (int) (c.getGreen() * 0.45), (int) (c.getBlue() * 0.45));
                }
                image.setRGB(LEFT + px, TOP + py, c.getRGB());
            }
        }
    }

    static double bilinear(double[][] z, double fx, double fy) {
        int i = Math.min((int) Math.floor(fx), z[0].length - 2);
        int j = Math.min((int) Math.floor(fy), z.length - 2);
        double tx = fx - i;
        double ty = fy - j;
        double bottom = z[j][i] * (1 - tx) + z[j][i + 1] * tx;
        double top = z[j + 1][i] * (1 - tx) + z[j + 1][i + 1] * tx;
        return bottom * (1 - ty) + top * ty;
    }

    /** Returns the viridis colour at t ∈ [0, 1]. */
    static Color color(double t) {
        double s = Math.max(0, Math.min(1, t)) * (VIRIDIS.length - 1);
        int k = Math.min((int) s, VIRIDIS.length - 2);
        double f = s - k;
        int a = VIRIDIS[k];
        int b = VIRIDIS[k + 1];
        return new Color(mix(a >> 16, b >> 16, f), mix(a >> 8, b >> 8, f), mix(a, b, f));
    }

    private static int mix(int a, int b, double f) {
        return (int) Math.round((a & 0xFF) * (1 - f) + (b & 0xFF) * f);
    }

    private static void markOrigin(Graphics2D g, double[] x, double[] y, int w, int h) {
        if (x[0] > 0 || x[x.length - 1] < 0 || y[0] > 0 || y[y.length - 1] < 0) {
            return;
        }
        int px = LEFT + (int) Math.round(-x[0] / (x[x.length - 1] - x[0]) * w);
        int py = TOP + h - (int) Math.round(-y[0] / (y[y.length - 1] - y[0]) * h);
        g.setColor(Color.WHITE);
        g.fillOval(px - 5, py - 5, 10, 10);
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1.5f));
        g.drawOval(px - 5, py - 5, 10, 10);
    }

    private static void drawColorBar(Graphics2D g, double[] levels, boolean log, int h) {
        int bands = levels.length - 1;
        int x0 = WIDTH - RIGHT + 30;
        int barWidth = 22;
        for (int b = 0; b < bands; b++) {
            int yTop = TOP + h - (int) Math.round((double) (b + 1) / bands * h);
            int yBottom = TOP + h - (int) Math.round((double) b / bands * h);
            g.setColor(color(bands == 1 ? 0 : (double) b / (bands - 1)));
            g.fillRect(x0, yTop, barWidth, yBottom - yTop);
        }
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(x0, TOP, barWidth, h);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        int every = Math.max(1, (int) Math.ceil(bands / 8.0));
        for (int k = 0; k <= bands; k += every) {
            int py = TOP + h - (int) Math.round((double) k / bands * h);
            g.drawLine(x0 + barWidth, py, x0 + barWidth + 4, py);
            g.drawString(String.format(Locale.ROOT, "%.3g", levels[k]), x0 + barWidth + 7, py + fm.getAscent() / 2 - 1);
        }
        String caption = log ? "loss (log levels)" : "loss";
        g.drawString(caption, x0 - 10, TOP - 10);
    }
}
