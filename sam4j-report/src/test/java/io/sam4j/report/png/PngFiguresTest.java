package io.sam4j.report.png;

import static org.assertj.core.api.Assertions.assertThat;

import io.sam4j.report.model.ReportModel;
import io.sam4j.report.testing.Fixtures;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PngFiguresTest {

    @Test
    void drawsTheMainFiguresAsPng() throws Exception {
        Map<String, byte[]> figures = PngFigures.render(ReportModel.load(List.of(Fixtures.runs())));
        assertThat(figures.keySet())
                .containsExactly(
                        "test-error.png",
                        "train-error.png",
                        "test-loss.png",
                        "train-loss.png",
                        "lambda-max.png",
                        "test-error-by-configuration.png",
                        "hessian-density.png",
                        "landscape-1d.png");
        for (Map.Entry<String, byte[]> e : figures.entrySet()) {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(e.getValue()));
            assertThat(image).as(e.getKey()).isNotNull();
            assertThat(image.getWidth()).isEqualTo(PngFigures.WIDTH);
            assertThat(image.getHeight()).isEqualTo(PngFigures.HEIGHT);
        }
        // The mean SGD line is drawn in the first group's colour.
        BufferedImage testError = ImageIO.read(new ByteArrayInputStream(figures.get("test-error.png")));
        assertThat(countPixels(testError, 0x1f77b4)).isGreaterThan(500);
        assertThat(countPixels(testError, 0xd62728)).isGreaterThan(500);
    }

    private static int countPixels(BufferedImage image, int rgb) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }
}
