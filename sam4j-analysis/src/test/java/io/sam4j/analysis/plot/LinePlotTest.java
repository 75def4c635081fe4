package io.sam4j.analysis.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class LinePlotTest {

    @Test
    void theLinePlotIsAPng() throws Exception {
        byte[] png = LinePlot.png(
                "1-D", "α", new double[] {-1, 0, 1}, new double[] {2, 0.5, Double.NaN}, new double[] {0.3, 0.9, 0.1});
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(900);
        assertThat(image.getHeight()).isEqualTo(560);
    }
}
