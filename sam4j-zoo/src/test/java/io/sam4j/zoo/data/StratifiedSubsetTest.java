package io.sam4j.zoo.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class StratifiedSubsetTest {

    /** Class 0: 50 examples, class 1: 30, class 2: 20 — interleaved. */
    private static int[] labels() {
        int[] labels = new int[100];
        for (int i = 0; i < 100; i++) {
            labels[i] = i % 10 < 5 ? 0 : i % 10 < 8 ? 1 : 2;
        }
        return labels;
    }

    private static int[] perClass(int[] labels, int[] picked) {
        int[] counts = new int[3];
        for (int i : picked) {
            counts[labels[i]]++;
        }
        return counts;
    }

    @Test
    void exactSizeProportionalPerClassSortedDistinct() {
        int[] labels = labels();
        int[] picked = StratifiedSubset.select(labels, 3, 10, 42);
        assertThat(picked).hasSize(10).isSorted().doesNotHaveDuplicates();
        assertThat(perClass(labels, picked)).containsExactly(5, 3, 2);
    }

    @Test
    void largestRemainderRounding() {
        int[] labels = labels();
        // Quotas 50·7/100 = 3.5, 30·7/100 = 2.1, 20·7/100 = 1.4: floors 3,2,1 leave one, to the largest remainder.
        assertThat(perClass(labels, StratifiedSubset.select(labels, 3, 7, 1))).containsExactly(4, 2, 1);
        // 50·3/100 = 1.5, 0.9, 0.6: floors 1,0,0 leave two, to classes 1 (0.9) and 2 (0.6).
        assertThat(perClass(labels, StratifiedSubset.select(labels, 3, 3, 1))).containsExactly(1, 1, 1);
    }

    @Test
    void deterministicPerSeedAndSeedsDiffer() {
        int[] labels = labels();
        int[] a = StratifiedSubset.select(labels, 3, 20, 7);
        assertThat(StratifiedSubset.select(labels, 3, 20, 7)).containsExactly(a);
        assertThat(StratifiedSubset.select(labels, 3, 20, 8)).isNotEqualTo(a);
    }

    @Test
    void wholeSetWhenNIsAtLeastTheSize() {
        int[] all = new int[100];
        Arrays.setAll(all, i -> i);
        assertThat(StratifiedSubset.select(labels(), 3, 100, 0)).containsExactly(all);
        assertThat(StratifiedSubset.select(labels(), 3, 1000, 0)).containsExactly(all);
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> StratifiedSubset.select(labels(), 3, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("subset size must be at least 1, got 0");
        assertThatThrownBy(() -> StratifiedSubset.select(new int[] {0, 3}, 3, 1, 0))
                .hasMessage("label 3 at index 1 is outside [0, 3)");
    }
}
