package io.sam4j.zoo.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** Signal augmentations: each does what it says, within its bounds, from the seed alone. */
class SignalAugmentationTest {

    private static float[] ramp() {
        float[] x = new float[20];
        for (int k = 0; k < x.length; k++) {
            x[k] = k + 1;
        }
        return x;
    }

    @Test
    void shiftMovesTheSignalAndFillsWithZeros() {
        for (long seed = 0; seed < 20; seed++) {
            float[] x = ramp();
            SignalAugmentation.parse("shift:3").apply(x, 0, 20, new SplittableRandom(seed));
            // A shift by s puts value k + 1 at position k + s; find s from any non-zero entry.
            int first = 0;
            while (x[first] == 0) {
                first++;
            }
            int s = first - (int) x[first] + 1;
            assertThat(s).isBetween(-3, 3);
            for (int k = 0; k < 20; k++) {
                int from = k - s;
                assertThat(x[k]).isEqualTo(from >= 0 && from < 20 ? from + 1 : 0f);
            }
        }
    }

    @Test
    void scaleMultipliesByOneFactorInRangeAndNoneChangesNothing() {
        float[] x = ramp();
        SignalAugmentation.parse("scale:0.2").apply(x, 0, 20, new SplittableRandom(4));
        float factor = x[0];
        assertThat(factor).isBetween(0.8f, 1.2f).isNotEqualTo(1f);
        for (int k = 0; k < 20; k++) {
            assertThat(x[k]).isCloseTo((k + 1) * factor, Offset.offset(1e-5f));
        }
        float[] y = ramp();
        SignalAugmentation.parse("none").apply(y, 0, 20, new SplittableRandom(4));
        assertThat(y).containsExactly(ramp());
    }

    @Test
    void noiseHasTheRequestedSpreadAndUnknownNamesAreRejected() {
        float[] x = new float[20_000];
        SignalAugmentation.parse("noise:0.5").apply(x, 0, x.length, new SplittableRandom(1));
        double sum = 0;
        double squares = 0;
        for (float v : x) {
            sum += v;
            squares += v * v;
        }
        assertThat(sum / x.length).isBetween(-0.02, 0.02);
        assertThat(Math.sqrt(squares / x.length)).isBetween(0.49, 0.51);
        assertThatThrownBy(() -> SignalAugmentation.parse("scale,flip"))
                .hasMessageContaining("unknown signal augmentation 'flip'");
        assertThatThrownBy(() -> SignalAugmentation.parse("shift:1.5")).hasMessageContaining("whole number");
    }
}
