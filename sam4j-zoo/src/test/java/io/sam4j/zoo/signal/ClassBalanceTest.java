package io.sam4j.zoo.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Down-sampling a class by count or ratio, seeded, leaving the other classes alone. */
class ClassBalanceTest {

    private static int[] labels() {
        int[] labels = new int[1000];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i < 800 ? 0 : i < 900 ? 1 : 2;
        }
        return labels;
    }

    private static int count(int[] labels, int[] kept, int cls) {
        return (int) Arrays.stream(kept).filter(i -> labels[i] == cls).count();
    }

    @Test
    void keepsTheGivenCountOrRatioOfAClass() {
        int[] labels = labels();
        int[] kept = ClassBalance.parse("downsample:0=150").select(labels, 3, 7);
        assertThat(count(labels, kept, 0)).isEqualTo(150);
        assertThat(count(labels, kept, 1)).isEqualTo(100);
        assertThat(count(labels, kept, 2)).isEqualTo(100);
        assertThat(kept).isSorted();
        int[] ratio = ClassBalance.parse("downsample:0=0.25,1=0.5").select(labels, 3, 7);
        assertThat(count(labels, ratio, 0)).isEqualTo(200);
        assertThat(count(labels, ratio, 1)).isEqualTo(50);
        assertThat(count(labels, ratio, 2)).isEqualTo(100);
    }

    @Test
    void theSeedDecidesWhichExamplesAreKept() {
        int[] labels = labels();
        ClassBalance balance = ClassBalance.parse("downsample:0=100");
        assertThat(balance.select(labels, 3, 1)).containsExactly(balance.select(labels, 3, 1));
        assertThat(balance.select(labels, 3, 1)).isNotEqualTo(balance.select(labels, 3, 2));
        assertThat(ClassBalance.parse("none").select(labels, 3, 1)).hasSize(1000);
    }

    @Test
    void badSpecsAreRejectedWithTheReason() {
        assertThatThrownBy(() -> ClassBalance.parse("upsample:0=3")).hasMessageContaining("downsample:CLASS=N|RATIO");
        assertThatThrownBy(() -> ClassBalance.parse("downsample:0=1.5")).hasMessageContaining("ratio in (0, 1]");
        assertThatThrownBy(() -> ClassBalance.parse("downsample:0=x")).hasMessageContaining("'0=x'");
        assertThatThrownBy(() -> ClassBalance.parse("downsample:7=3").select(labels(), 3, 1))
                .hasMessage("class 7 does not exist (classes 0..2)");
        assertThat(ClassBalance.parse("downsample:1=0.5,0=20").toString()).isEqualTo("downsample:0=20,1=0.5");
    }
}
