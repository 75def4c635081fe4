package io.sam4j.zoo.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HorizontalFlipTest {

    /** 2×2×3: channel 0 rows [0 1 2] [3 4 5], channel 1 rows [6 7 8] [9 10 11]. */
    private static float[] image() {
        return new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
    }

    @Test
    void flipsEveryRowOfEveryChannel() {
        assertThat(HorizontalFlip.flip(image(), 2, 2, 3)).containsExactly(2, 1, 0, 5, 4, 3, 8, 7, 6, 11, 10, 9);
    }

    @Test
    void flipsOnlyWhenTheDrawIsBelowP() {
        HorizontalFlip flip = new HorizontalFlip(0.5);
        assertThat(flip.apply(image(), 2, 2, 3, new ScriptedRandom(0.49)))
                .containsExactly(2, 1, 0, 5, 4, 3, 8, 7, 6, 11, 10, 9);
        assertThat(flip.apply(image(), 2, 2, 3, new ScriptedRandom(0.5))).containsExactly(image());
    }

    @Test
    void flippingTwiceIsIdentity() {
        assertThat(HorizontalFlip.flip(HorizontalFlip.flip(image(), 1, 3, 4), 1, 3, 4))
                .containsExactly(image());
    }

    @Test
    void rejectsBadProbability() {
        assertThatThrownBy(() -> new HorizontalFlip(1.5)).hasMessage("flip probability must be in [0, 1], got 1.5");
        assertThatThrownBy(() -> new HorizontalFlip(Double.NaN))
                .hasMessage("flip probability must be in [0, 1], got NaN");
    }
}
