package io.sam4j.analysis.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ContourPlotTest {

    @Test
    void levelsAreEvenlySpacedInLogLossAndLinearWhenAValueIsNotPositive() {
        double[] log = ContourPlot.levels(0.1, 1000, 4);
        assertThat(log).hasSize(5);
        assertThat(log[0]).isEqualTo(0.1);
        assertThat(log[1]).isCloseTo(1, within(1e-12));
        assertThat(log[2]).isCloseTo(10, within(1e-11));
        assertThat(log[4]).isEqualTo(1000);
        assertThat(ContourPlot.levels(0, 4, 4)).containsExactly(0, 1, 2, 3, 4);
        assertThat(ContourPlot.band(0.5, log)).isZero();
        assertThat(ContourPlot.band(5, log)).isEqualTo(1);
        assertThat(ContourPlot.band(999, log)).isEqualTo(3);
        assertThat(ContourPlot.band(1e9, log)).isEqualTo(3);
    }

    @Test
    void bilinearInterpolationHitsTheGridPointsAndAveragesBetweenThem() {
        double[][] z = {{0, 1}, {2, 4}};
        assertThat(ContourPlot.bilinear(z, 0, 0)).isEqualTo(0);
        assertThat(ContourPlot.bilinear(z, 1, 1)).isEqualTo(4);
        assertThat(ContourPlot.bilinear(z, 0.5, 0.5)).isEqualTo(1.75);
    }

    @Test
    void lowValuesGetTheFirstColourAndHighValuesTheLast() throws Exception {
        double[] x = {-1, 0, 1};
        double[] y = {-1, 0, 1};
        double[][] z = new double[3][3];
        for (int j = 0; j < 3; j++) {
            for (int i = 0; i < 3; i++) {
                z[j][i] = Math.exp(3 * (x[i] + y[j]));
            }
        }
        byte[] png = ContourPlot.png("test", x, y, z, 12);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(860);
        assertThat(image.getHeight()).isEqualTo(700);
        // Lower left of the plot area is (-1, -1), the minimum; upper right is (1, 1), the maximum.
        int lowLeft = image.getRGB(80 + 2, 700 - 70 - 3) & 0xFFFFFF;
        int topRight = image.getRGB(860 - 150 - 3, 50 + 2) & 0xFFFFFF;
        assertThat(lowLeft).isEqualTo(ContourPlot.color(0).getRGB() & 0xFFFFFF);
        assertThat(topRight).isEqualTo(ContourPlot.color(1).getRGB() & 0xFFFFFF);
    }
}
