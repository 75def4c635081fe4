package io.sam4j.zoo.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class LabelNoiseTest {

    private static int[] cycling(int n, int classes) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % classes;
        }
        return labels;
    }

    @Test
    void flipsExactlyRoundPNLabelsEachToADifferentClass() {
        int[] clean = cycling(1003, 10);
        int[] before = clean.clone();
        LabelNoise.Result noisy = LabelNoise.apply(clean, 10, 0.37, 42);
        assertThat(clean).as("input untouched").containsExactly(before);
        assertThat(noisy.flipped()).hasSize(371).isSorted().doesNotHaveDuplicates();
        assertThat(noisy.fraction()).isCloseTo(0.37, Assertions.within(0.5 / 1003));
        int changed = 0;
        for (int i = 0; i < clean.length; i++) {
            if (noisy.labels()[i] != clean[i]) {
                changed++;
            }
        }
        assertThat(changed).as("every flipped label differs, no other does").isEqualTo(371);
        for (int i : noisy.flipped()) {
            assertThat(noisy.labels()[i]).isNotEqualTo(clean[i]).isBetween(0, 9);
        }
    }

    /** On a large set, each wrong class gets 1/(K−1) of a class's flips: a chi-square test at p ≈ 0.001. */
    @Test
    void newClassesAreUniformOverTheOtherClasses() {
        int classes = 5;
        int[] clean = cycling(200_000, classes);
        LabelNoise.Result noisy = LabelNoise.apply(clean, classes, 0.5, 7);
        long[][] counts = new long[classes][classes];
        for (int i : noisy.flipped()) {
            counts[clean[i]][noisy.labels()[i]]++;
        }
        for (int from = 0; from < classes; from++) {
            long total = 0;
            for (int to = 0; to < classes; to++) {
                total += counts[from][to];
            }
            assertThat(counts[from][from]).isZero();
            double expected = total / (double) (classes - 1);
            double chi2 = 0;
            for (int to = 0; to < classes; to++) {
                if (to != from) {
                    chi2 += Math.pow(counts[from][to] - expected, 2) / expected;
                }
            }
            // 3 degrees of freedom: P(chi2 > 16.27) = 0.001.
            assertThat(chi2)
                    .as("class %d: %s", from, Arrays.toString(counts[from]))
                    .isLessThan(16.27);
        }
    }

    @Test
    void sameSeedSameFlipsOtherSeedOthers() {
        int[] clean = cycling(500, 10);
        LabelNoise.Result a = LabelNoise.apply(clean, 10, 0.2, 3);
        LabelNoise.Result b = LabelNoise.apply(clean, 10, 0.2, 3);
        LabelNoise.Result c = LabelNoise.apply(clean, 10, 0.2, 4);
        assertThat(a.labels()).containsExactly(b.labels());
        assertThat(a.flipped()).containsExactly(b.flipped());
        assertThat(a.flipped()).isNotEqualTo(c.flipped());
    }

    @Test
    void edgeCasesAndBadInput() {
        int[] clean = cycling(10, 2);
        assertThat(LabelNoise.apply(clean, 2, 0, 1).labels()).containsExactly(clean);
        assertThat(LabelNoise.apply(clean, 2, 0, 1).fraction()).isZero();
        // Two classes: every flipped label becomes the other one.
        LabelNoise.Result all = LabelNoise.apply(clean, 2, 1.0, 1);
        for (int i = 0; i < clean.length; i++) {
            assertThat(all.labels()[i]).isEqualTo(1 - clean[i]);
        }
        assertThatThrownBy(() -> LabelNoise.apply(clean, 2, 1.5, 1))
                .hasMessage("label noise must be in [0, 1], got 1.5");
        assertThatThrownBy(() -> LabelNoise.apply(new int[] {0, 0}, 1, 0.5, 1))
                .hasMessage("label noise needs at least 2 classes, got 1");
        assertThatThrownBy(() -> LabelNoise.apply(new int[] {0, 3}, 3, 0.5, 1))
                .hasMessage("label 3 at index 1 is outside [0, 3)");
    }
}
