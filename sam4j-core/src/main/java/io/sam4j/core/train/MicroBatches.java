package io.sam4j.core.train;

import io.sam4j.core.util.Checks;
import java.util.ArrayList;
import java.util.List;

/**
 * Gradient accumulation's split of a batch into consecutive micro-batches of nearly equal size (they
 * differ by at most one example), so that a step needs the activations of one micro-batch at a time.
 * A batch smaller than the number of micro-batches gives one example per micro-batch.
 */
public final class MicroBatches {

    private MicroBatches() {}

    /**
     * Splits {@code batch} into {@code count} consecutive micro-batches (fewer if it has fewer examples).
     *
     * @param count the number of micro-batches, at least 1; 1 returns the batch itself
     */
    public static List<Batch> split(Batch batch, int count) {
        Checks.checkPositive("micro-batches", count);
        int n = Math.min(count, batch.size());
        if (n == 1) {
            return List.of(batch);
        }
        List<Batch> parts = new ArrayList<>(n);
        int from = 0;
        for (int i = 0; i < n; i++) {
            int size = batch.size() / n + (i < batch.size() % n ? 1 : 0);
            int[] indices = new int[size];
            for (int k = 0; k < size; k++) {
                indices[k] = from + k;
            }
            parts.add(batch.subset(indices));
            from += size;
        }
        return parts;
    }
}
