package io.sam4j.zoo.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Each operation on a small image whose expected pixels were computed by hand from PIL's definitions. */
class ImageOpsTest {

    private static final float F = 9f; // fill marker, not a valid pixel value

    /** Levels (0–255) to [0, 1] values. */
    private static float[] levels(int... q) {
        float[] out = new float[q.length];
        for (int i = 0; i < q.length; i++) {
            out[i] = q[i] / 255f;
        }
        return out;
    }

    private static int[] toLevels(float[] x) {
        return Arrays.stream(toDoubles(x))
                .mapToInt(v -> (int) Math.round(v * 255))
                .toArray();
    }

    private static double[] toDoubles(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        return d;
    }

    @Test
    void invertMapsXToOneMinusX() {
        assertThat(toLevels(ImageOps.invert(levels(0, 10, 255)))).containsExactly(255, 245, 0);
    }

    @Test
    void posterizeKeepsTheTopBits() {
        // 4 bits: mask 0xF0. 200 = 0b11001000 -> 192; 15 -> 0; 255 -> 240; 16 -> 16.
        assertThat(toLevels(ImageOps.posterize(levels(200, 15, 255, 16), 4))).containsExactly(192, 0, 240, 16);
        assertThat(toLevels(ImageOps.posterize(levels(200, 15), 8))).containsExactly(200, 15);
        assertThat(toLevels(ImageOps.posterize(levels(200, 255), 0))).containsExactly(0, 0);
        assertThatThrownBy(() -> ImageOps.posterize(levels(1), 9))
                .hasMessage("posterize bits must be in [0, 8], got 9");
    }

    @Test
    void solarizeInvertsLevelsAtOrAboveTheThreshold() {
        assertThat(toLevels(ImageOps.solarize(levels(127, 128, 200, 0), 128))).containsExactly(127, 127, 55, 0);
        assertThat(toLevels(ImageOps.solarize(levels(255, 0), 256))).containsExactly(255, 0);
        assertThat(toLevels(ImageOps.solarize(levels(255, 0), 0))).containsExactly(0, 255);
    }

    @Test
    void autoContrastStretchesEachChannelToTheFullRange() {
        // Channel 0: levels 50..150, scale 2.55, offset -127.5: 50 -> 0, 100 -> trunc(127.5) = 127, 150 -> 255.
        // Channel 1: a single level, unchanged.
        float[] img = levels(50, 100, 150, 7, 7, 7);
        assertThat(toLevels(ImageOps.autoContrast(img, 2, 1, 3))).containsExactly(0, 127, 255, 7, 7, 7);
    }

    @Test
    void equalizeFollowsPilOnAKnownHistogram() {
        // 1024 pixels: 512 at level 10, 256 at 20, 256 at 30. step = (1024 - 256) / 255 = 3, n starts at 1:
        // lut[10] = 1/3 = 0; then n = 513: lut[20] = 171; then n = 769: lut[30] = 256, clipped to 255.
        int[] q = new int[1024];
        Arrays.fill(q, 0, 512, 10);
        Arrays.fill(q, 512, 768, 20);
        Arrays.fill(q, 768, 1024, 30);
        int[] out = toLevels(ImageOps.equalize(levels(q), 1, 32, 32));
        assertThat(out[0]).isZero();
        assertThat(out[600]).isEqualTo(171);
        assertThat(out[1000]).isEqualTo(255);
        // Fewer than 255 pixels below the top level: step = 0, unchanged (as PIL).
        assertThat(toLevels(ImageOps.equalize(levels(1, 2, 3, 4), 1, 2, 2))).containsExactly(1, 2, 3, 4);
    }

    @Test
    void brightnessColorAndContrastBlendAsPilDefinesThem() {
        // Brightness: x * f, clipped.
        assertThat(ImageOps.brightness(new float[] {0.2f, 0.8f}, 1.5f)).containsExactly(0.3f, 1f);
        // Color on one RGB pixel (R, G, B) = (1, 0, 0): L = 0.299; f = 0.5 -> L + 0.5 (x - L).
        float[] red = ImageOps.color(new float[] {1f, 0f, 0f}, 3, 1, 1, 0.5f);
        assertThat(red[0]).isCloseTo(0.6495f, within(1e-6f));
        assertThat(red[1]).isCloseTo(0.1495f, within(1e-6f));
        assertThat(red[2]).isCloseTo(0.1495f, within(1e-6f));
        // Contrast on a 1-channel 2-pixel image of levels 0 and 255: mean level round(127.5) = 128;
        // f = 0.5 -> 128/255 + 0.5 (x - 128/255).
        float[] c = ImageOps.contrast(levels(0, 255), 1, 1, 2, 0.5f);
        assertThat(c[0]).isCloseTo(64f / 255f, within(1e-6f));
        assertThat(c[1]).isCloseTo(191.5f / 255f, within(1e-6f));
        // Contrast of an RGB image uses the luma mean: one pixel (1, 0, 0) has luma level round(76.245) = 76.
        float[] rc = ImageOps.contrast(new float[] {1f, 0f, 0f}, 3, 1, 1, 0f);
        assertThat(rc).containsExactly(76f / 255f, 76f / 255f, 76f / 255f);
    }

    @Test
    void sharpnessBlendsWithPilSmoothFilterKeepingTheBorder() {
        // 3x3, centre 1, rest 0. SMOOTH at the centre: 5/13; border pixels keep their values.
        float[] img = new float[9];
        img[4] = 1f;
        float[] blurred = ImageOps.sharpness(img.clone(), 1, 3, 3, 0f);
        assertThat(blurred[4]).isCloseTo(5f / 13f, within(1e-6f));
        assertThat(blurred[0]).isZero();
        float[] sharp = ImageOps.sharpness(img.clone(), 1, 3, 3, 2f);
        assertThat(sharp[4]).isEqualTo(1f); // 5/13 + 2 (1 - 5/13) > 1, clipped
        assertThat(ImageOps.sharpness(img.clone(), 1, 3, 3, 1f)).containsExactly(img);
    }

    @Test
    void rotateBy90DegreesTurnsASquareCounterClockwise() {
        // 3x3 values 1..9 row-major; counter-clockwise: the right column becomes the top row.
        float[] img = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        assertThat(ImageOps.rotate(img, 1, 3, 3, 90, F)).containsExactly(3, 6, 9, 2, 5, 8, 1, 4, 7);
        assertThat(ImageOps.rotate(img, 1, 3, 3, -90, F)).containsExactly(7, 4, 1, 8, 5, 2, 9, 6, 3);
        assertThat(ImageOps.rotate(img, 1, 3, 3, 180, F)).containsExactly(9, 8, 7, 6, 5, 4, 3, 2, 1);
        float[] even = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
        assertThat(ImageOps.rotate(even, 1, 4, 4, 90, F))
                .containsExactly(4, 8, 12, 16, 3, 7, 11, 15, 2, 6, 10, 14, 1, 5, 9, 13);
    }

    @Test
    void translateMovesContentByWholePixelsAndFillsTheRest() {
        float[] row = {1, 2, 3, 4};
        assertThat(ImageOps.translateX(row, 1, 1, 4, 2, F)).containsExactly(3, 4, F, F);
        assertThat(ImageOps.translateX(row, 1, 1, 4, -1, F)).containsExactly(F, 1, 2, 3);
        float[] column = {1, 2, 3};
        assertThat(ImageOps.translateY(column, 1, 3, 1, 1, F)).containsExactly(2, 3, F);
        // Every channel gets the fill.
        assertThat(ImageOps.translateX(new float[] {1, 2, 5, 6}, 2, 1, 2, 1, F)).containsExactly(2, F, 6, F);
    }

    @Test
    void shearUsesNearestSamplingAtPixelCentres() {
        // 2x3, shear 1 along x: row y samples column floor(x + 0.5 + (y + 0.5)) = x + y + 1.
        float[] img = {1, 2, 3, 4, 5, 6};
        assertThat(ImageOps.shearX(img, 1, 2, 3, 1, F)).containsExactly(2, 3, F, 6, F, F);
        // Shear 0.5: row 0 samples floor(x + 0.75) = x; row 1 floor(x + 1.25) = x + 1.
        assertThat(ImageOps.shearX(img, 1, 2, 3, 0.5, F)).containsExactly(1, 2, 3, 5, 6, F);
        // Shear -1 along y on 3x2: column x samples row floor(y + 0.5 - (x + 0.5)) = y - x.
        float[] tall = {1, 2, 3, 4, 5, 6};
        assertThat(ImageOps.shearY(tall, 1, 3, 2, -1, F)).containsExactly(1, F, 3, 2, 5, 4);
    }

    @Test
    void levelRoundsAndClips() {
        assertThat(ImageOps.level(0.5f)).isEqualTo(128);
        assertThat(ImageOps.level(-0.1f)).isZero();
        assertThat(ImageOps.level(1.2f)).isEqualTo(255);
    }
}
