package io.sam4j.zoo.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Seeded, stratified hold-out and k-fold splits. */
class HoldOutSplitTest {

    private static final int[] LABELS =
            IntStream.range(0, 100).map(i -> i < 70 ? 0 : 1).toArray();

    @Test
    void holdsOutTheFractionOfEveryClass() {
        HoldOutSplit.Indices split = HoldOutSplit.parse("0.2").split(LABELS, 2, 5);
        assertThat(split.test()).hasSize(20);
        assertThat(Arrays.stream(split.test()).filter(i -> LABELS[i] == 1).count())
                .isEqualTo(6);
        assertThat(IntStream.concat(Arrays.stream(split.train()), Arrays.stream(split.test()))
                        .sorted()
                        .toArray())
                .isEqualTo(IntStream.range(0, 100).toArray());
        assertThat(HoldOutSplit.parse("0.2").split(LABELS, 2, 5).test()).containsExactly(split.test());
        assertThat(HoldOutSplit.parse("0.2").split(LABELS, 2, 6).test()).isNotEqualTo(split.test());
    }

    @Test
    void theFoldsOfOneSeedPartitionTheData() {
        int[] seen = new int[100];
        for (int fold = 0; fold < 5; fold++) {
            HoldOutSplit.Indices split = HoldOutSplit.parse("kfold:5:" + fold).split(LABELS, 2, 9);
            assertThat(split.test()).hasSize(20);
            assertThat(split.train()).hasSize(80);
            for (int i : split.test()) {
                seen[i]++;
            }
        }
        assertThat(seen).containsOnly(1);
    }

    @Test
    void badTextIsRejected() {
        assertThatThrownBy(() -> HoldOutSplit.parse("1.5")).hasMessageContaining("(0, 1)");
        assertThatThrownBy(() -> HoldOutSplit.parse("kfold:5:5")).hasMessageContaining("0 <= I < K");
        assertThatThrownBy(() -> HoldOutSplit.parse("kfold:5")).hasMessageContaining("kfold:K:I");
        assertThatThrownBy(() -> HoldOutSplit.parse("a tenth")).hasMessageContaining("'a tenth'");
        assertThat(HoldOutSplit.parse(null)).isEqualTo(HoldOutSplit.DEFAULT);
    }
}
