package io.sam4j.zoo.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CutoutTest {

    private static float[] ones(int n) {
        float[] a = new float[n];
        Arrays.fill(a, 1f);
        return a;
    }

    @Test
    void zeroesTheSquareAroundTheCentre() {
        // size 2, centre (2, 1): rows [1, 3), columns [0, 2).
        assertThat(new Cutout(2).cut(ones(16), 1, 4, 4, 2, 1))
                .containsExactly(1, 1, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1);
    }

    @Test
    void clipsAtTheBordersInEveryChannel() {
        // size 4, centre (0, 3): rows [-2, 2) -> [0, 2), columns [1, 5) -> [1, 4).
        float[] out = new Cutout(4).cut(ones(32), 2, 4, 4, 0, 3);
        float[] plane = {
            1, 0, 0, 0,
            1, 0, 0, 0,
            1, 1, 1, 1,
            1, 1, 1, 1
        };
        assertThat(Arrays.copyOfRange(out, 0, 16)).containsExactly(plane);
        assertThat(Arrays.copyOfRange(out, 16, 32)).containsExactly(plane);
    }

    @Test
    void applyDrawsRowThenColumnCentre() {
        assertThat(new Cutout(2).apply(ones(16), 1, 4, 4, new ScriptedRandom(2, 1)))
                .containsExactly(new Cutout(2).cut(ones(16), 1, 4, 4, 2, 1));
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> new Cutout(0)).hasMessage("cutout size must be at least 1, got 0");
        assertThatThrownBy(() -> new Cutout(2).cut(ones(16), 1, 4, 4, 4, 0))
                .hasMessage("cutout centre (4, 0) is outside the 4x4 image");
    }
}
