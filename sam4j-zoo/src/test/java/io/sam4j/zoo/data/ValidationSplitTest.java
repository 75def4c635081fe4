package io.sam4j.zoo.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ValidationSplitTest {

    @Test
    void holdsOutAStratifiedDisjointFraction() {
        // Unbalanced classes: 600 of class 0, 300 of class 1, 100 of class 2.
        int[] labels =
                IntStream.range(0, 1000).map(i -> i < 600 ? 0 : i < 900 ? 1 : 2).toArray();
        ValidationSplit.Parts parts = ValidationSplit.split(labels, 3, 0.1, 11);
        assertThat(parts.validation()).hasSize(100).isSorted();
        assertThat(parts.train()).hasSize(900).isSorted();
        assertThat(IntStream.concat(IntStream.of(parts.train()), IntStream.of(parts.validation()))
                        .sorted()
                        .toArray())
                .as("disjoint and covering")
                .containsExactly(IntStream.range(0, 1000).toArray());
        int[] perClass = new int[3];
        for (int i : parts.validation()) {
            perClass[labels[i]]++;
        }
        assertThat(perClass).containsExactly(60, 30, 10);
    }

    @Test
    void seededAndReproducible() {
        int[] labels = IntStream.range(0, 500).map(i -> i % 7).toArray();
        assertThat(ValidationSplit.split(labels, 7, 0.2, 5).validation())
                .containsExactly(ValidationSplit.split(labels, 7, 0.2, 5).validation())
                .isNotEqualTo(ValidationSplit.split(labels, 7, 0.2, 6).validation());
    }

    @Test
    void rejectsFractionsOutsideTheOpenInterval() {
        int[] labels = {0, 1, 0, 1};
        assertThatThrownBy(() -> ValidationSplit.split(labels, 2, 0, 1))
                .hasMessage("validation fraction must be in (0, 1), got 0.0");
        assertThatThrownBy(() -> ValidationSplit.split(labels, 2, 1, 1))
                .hasMessage("validation fraction must be in (0, 1), got 1.0");
        assertThatThrownBy(() -> ValidationSplit.split(labels, 2, 0.1, 1))
                .hasMessage("validation fraction 0.1 of 4 examples leaves 0 for validation and 4 for training");
    }
}
