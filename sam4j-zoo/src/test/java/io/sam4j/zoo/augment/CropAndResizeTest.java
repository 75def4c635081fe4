package io.sam4j.zoo.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CropAndResizeTest {

    @Test
    void resizeAtTheSameSizeIsTheIdentity() {
        float[] img = {1, 2, 3, 4, 5, 6};
        assertThat(Resize.resize(img, 1, 2, 3, 0, 0, 2, 3, 2, 3)).containsExactly(img);
    }

    @Test
    void shrinkingAveragesWithATriangleWidenedByTheFactor() {
        // [0 0 1 1] -> 2 pixels: support 2; output 0 (centre 1.0) weighs pixels 0, 1, 2 by 0.75, 0.75, 0.25,
        // so 0.25 / 1.75 = 1/7; output 1 (centre 3.0) weighs pixels 1, 2, 3 by 0.25, 0.75, 0.75: 1.5 / 1.75 = 6/7.
        float[] out = Resize.resize(new float[] {0, 0, 1, 1}, 1, 1, 4, 0, 0, 1, 4, 1, 2);
        assertThat(out[0]).isCloseTo(1f / 7f, within(1e-6f));
        assertThat(out[1]).isCloseTo(6f / 7f, within(1e-6f));
        // A constant image stays constant at any size, also from a sub-rectangle.
        float[] constant = new float[3 * 5 * 7];
        Arrays.fill(constant, 0.25f);
        for (float v : Resize.resize(constant, 3, 5, 7, 1, 2, 3, 4, 6, 9)) {
            assertThat(v).isCloseTo(0.25f, within(1e-6f));
        }
        assertThatThrownBy(() -> Resize.resize(constant, 3, 5, 7, 3, 0, 3, 4, 2, 2))
                .hasMessage("resize rectangle (3, 0) 3x4 is not inside the 5x7 image");
    }

    @Test
    void centerCropTakesTheMiddle() {
        float[] img = new float[16];
        for (int i = 0; i < 16; i++) {
            img[i] = i;
        }
        CenterCrop crop = new CenterCrop(2);
        assertThat(crop.outputShape(1, 4, 4)).containsExactly(1, 2, 2);
        assertThat(crop.apply(img, 1, 4, 4, null)).containsExactly(5, 6, 9, 10);
        assertThatThrownBy(() -> new CenterCrop(5).outputShape(3, 4, 8))
                .hasMessage("center crop 5x5 does not fit a 4x8 image");
    }

    @Test
    void centerCropRoundsAnOddMarginHalfToEvenAsTorchvision() {
        // 9x9 -> 4x4: (9 - 4) / 2 = 2.5, which Python's round takes to 2 (Java's Math.round would give 3).
        // 7x11 -> 4x4: rows (7 - 4) / 2 = 1.5 -> 2, columns (11 - 4) / 2 = 3.5 -> 4 (both round to even).
        float[] square = new float[81];
        for (int i = 0; i < square.length; i++) {
            square[i] = i;
        }
        float[] out = new CenterCrop(4).apply(square, 1, 9, 9, null);
        // Rows 2..5, columns 2..5 of a 9-wide image: 9·2 + 2 = 20 is the first pixel.
        assertThat(out).containsExactly(20, 21, 22, 23, 29, 30, 31, 32, 38, 39, 40, 41, 47, 48, 49, 50);
        float[] wide = new float[7 * 11];
        for (int i = 0; i < wide.length; i++) {
            wide[i] = i;
        }
        float[] cropped = new CenterCrop(4).apply(wide, 1, 7, 11, null);
        // Rows 2..5, columns 4..7 of an 11-wide image: 11·2 + 4 = 26 is the first pixel.
        assertThat(cropped).containsExactly(26, 27, 28, 29, 37, 38, 39, 40, 48, 49, 50, 51, 59, 60, 61, 62);
        // The case from review, 37 -> 32: offset round(2.5) = 2, so the crop starts at pixel 37·2 + 2 = 76.
        float[] large = new float[37 * 37];
        for (int i = 0; i < large.length; i++) {
            large[i] = i;
        }
        float[] c32 = new CenterCrop(32).apply(large, 1, 37, 37, null);
        assertThat(c32[0]).isEqualTo(76);
        assertThat(c32[c32.length - 1]).isEqualTo(37 * 33 + 33);
    }

    @Test
    void randomResizedCropDrawsAreaThenRatioThenCorner() {
        RandomResizedCrop rrc = new RandomResizedCrop(2);
        // Area fraction 0.08 + 0.92·u with u = (0.25 - 0.08) / 0.92 gives 0.25 of 8x8 = 16; ratio draw 0.5 is
        // log-uniform's midpoint, ratio 1: a 4x4 window; then row 1, column 3.
        double u = (0.25 - 0.08) / 0.92;
        RandomResizedCrop.Window w = rrc.window(8, 8, new ScriptedRandom(u, 0.5, 1, 3));
        assertThat(w).isEqualTo(new RandomResizedCrop.Window(1, 3, 4, 4));
        // Ten attempts that do not fit (full area, extreme ratio on a 2x8 image) fall back to the central crop
        // of the largest allowed ratio: ratio 8/2 = 4 > 4/3, so height 2 and width round(2·4/3) = 3.
        double[] misses = new double[20];
        for (int i = 0; i < 20; i += 2) {
            misses[i] = 1.0;
            misses[i + 1] = 1.0;
        }
        assertThat(rrc.window(2, 8, new ScriptedRandom(misses))).isEqualTo(new RandomResizedCrop.Window(0, 2, 2, 3));
        assertThat(rrc.outputShape(3, 10, 12)).containsExactly(3, 2, 2);
    }

    @Test
    void randomResizedCropIsSeededAndStaysInside() {
        RandomResizedCrop rrc = new RandomResizedCrop(8);
        Random r = new Random(1);
        for (int i = 0; i < 200; i++) {
            RandomResizedCrop.Window w = rrc.window(20, 30, r);
            assertThat(w.top()).isBetween(0, 20 - w.height());
            assertThat(w.left()).isBetween(0, 30 - w.width());
            double ratio = (double) w.width() / w.height();
            assertThat(w.height() * (double) w.width()).isGreaterThan(0);
            assertThat(ratio).isBetween(0.5, 2.0);
        }
        float[] img = new float[3 * 20 * 30];
        for (int i = 0; i < img.length; i++) {
            img[i] = (i % 97) / 97f;
        }
        float[] a = rrc.apply(img.clone(), 3, 20, 30, new Random(5));
        assertThat(a).hasSize(3 * 8 * 8);
        assertThat(rrc.apply(img.clone(), 3, 20, 30, new Random(5))).containsExactly(a);
        assertThat(rrc.apply(img.clone(), 3, 20, 30, new Random(6))).isNotEqualTo(a);
    }

    @Test
    void pipelineTracksShapesThroughACrop() {
        AugmentationPipeline p = AugmentationPipeline.of(new CenterCrop(2), new HorizontalFlip(1.0));
        assertThat(p.outputShape(1, 4, 4)).containsExactly(1, 2, 2);
        float[] img = new float[16];
        for (int i = 0; i < 16; i++) {
            img[i] = i;
        }
        assertThat(p.apply(img, 1, 4, 4, new Random(0))).containsExactly(6, 5, 10, 9);
    }

    @Test
    void batchCutoutCutsTheSameSquareInEveryImage() {
        float[] batch = new float[3 * 2 * 4 * 4];
        Arrays.fill(batch, 1f);
        new BatchCutout(2).apply(batch, 3, 2, 4, 4, new ScriptedRandom(1, 2));
        // Centre (1, 2), size 2: rows [0, 2), columns [1, 3), in every channel of every image.
        for (int img = 0; img < 3; img++) {
            for (int ch = 0; ch < 2; ch++) {
                int base = (img * 2 + ch) * 16;
                for (int y = 0; y < 4; y++) {
                    for (int x = 0; x < 4; x++) {
                        boolean cut = y < 2 && x >= 1 && x < 3;
                        assertThat(batch[base + y * 4 + x]).isEqualTo(cut ? 0f : 1f);
                    }
                }
            }
        }
    }
}
