package io.sam4j.zoo.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RandomCropTest {

    /** 1×4×4 ramp 0..15. */
    private static float[] ramp() {
        float[] a = new float[16];
        for (int i = 0; i < 16; i++) {
            a[i] = i;
        }
        return a;
    }

    @Test
    void zeroPaddingShiftsByTheOffset() {
        RandomCrop crop = new RandomCrop(2, PaddingMode.ZERO);
        // Offset (top 1, left 3) in the padded image = shift content down 1 and left 1.
        assertThat(crop.crop(ramp(), 1, 4, 4, 1, 3)).containsExactly(0, 0, 0, 0, 1, 2, 3, 0, 5, 6, 7, 0, 9, 10, 11, 0);
        // The centre offset (padding, padding) is the identity.
        assertThat(crop.crop(ramp(), 1, 4, 4, 2, 2)).containsExactly(ramp());
    }

    @Test
    void applyDrawsRowThenColumnOffsets() {
        RandomCrop crop = new RandomCrop(2, PaddingMode.ZERO);
        assertThat(crop.apply(ramp(), 1, 4, 4, new ScriptedRandom(1, 3)))
                .containsExactly(crop.crop(ramp(), 1, 4, 4, 1, 3));
    }

    @Test
    void reflectPaddingMatchesNumpy() {
        // np.pad(np.arange(16).reshape(4, 4), 4, mode='reflect') rows 0..3, columns 0..3 and 5..8.
        RandomCrop crop = new RandomCrop(4, PaddingMode.REFLECT);
        assertThat(crop.crop(ramp(), 1, 4, 4, 0, 0))
                .containsExactly(10, 11, 10, 9, 14, 15, 14, 13, 10, 11, 10, 9, 6, 7, 6, 5);
        assertThat(crop.crop(ramp(), 1, 4, 4, 3, 5)).containsExactly(5, 6, 7, 6, 1, 2, 3, 2, 5, 6, 7, 6, 9, 10, 11, 10);
        // np.pad(np.arange(3), 5, mode='reflect') = [1 0 1 2 1 0 1 2 1 0 1 2 1]
        int[] expected = {1, 0, 1, 2, 1, 0, 1, 2, 1, 0, 1, 2, 1};
        for (int i = 0; i < expected.length; i++) {
            assertThat(RandomCrop.reflect(i - 5, 3)).isEqualTo(expected[i]);
        }
    }

    @Test
    void cropsEveryChannelAlike() {
        float[] twoChannels = new float[32];
        for (int i = 0; i < 16; i++) {
            twoChannels[i] = i;
            twoChannels[16 + i] = 100 + i;
        }
        float[] out = new RandomCrop(1, PaddingMode.ZERO).crop(twoChannels, 2, 4, 4, 0, 0);
        assertThat(out[5]).isEqualTo(0f);
        assertThat(out[16 + 5]).isEqualTo(100f);
        assertThat(out[16]).isEqualTo(0f);
    }

    @Test
    void sameSeedSameCrop() {
        RandomCrop crop = new RandomCrop(4, PaddingMode.REFLECT);
        assertThat(crop.apply(ramp(), 1, 4, 4, new Random(3)))
                .containsExactly(crop.apply(ramp(), 1, 4, 4, new Random(3)));
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> new RandomCrop(-1, PaddingMode.ZERO))
                .hasMessage("crop padding must be at least 0, got -1");
        assertThatThrownBy(() -> new RandomCrop(1, PaddingMode.ZERO).crop(ramp(), 1, 4, 4, 3, 0))
                .hasMessage("crop offset (3, 0) is outside [0, 2]");
        assertThatThrownBy(() -> new RandomCrop(1, PaddingMode.ZERO).crop(ramp(), 1, 3, 4, 0, 0))
                .hasMessage("image has 16 values, shape 1x3x4 needs 12");
    }
}
