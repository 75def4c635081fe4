package io.sam4j.zoo.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The order in which an epoch visits a dataset: positions 0..n−1, or their
 * {@code Collections.shuffle} with a seeded {@link Random} (DJL's RandomSampler is biased). Every
 * loader of the zoo (images, signals, graphs) takes its order from here, so one seed gives one order.
 */
public final class EpochOrder {

    private EpochOrder() {}

    /**
     * @param n the number of examples
     * @param shuffle whether to shuffle; if not, the dataset order
     * @param epochSeed the epoch's seed (unused without shuffling)
     * @return the example positions in visiting order
     */
    public static int[] of(int n, boolean shuffle, long epochSeed) {
        List<Integer> indices = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            indices.add(i);
        }
        if (shuffle) {
            Collections.shuffle(indices, new Random(epochSeed));
        }
        return indices.stream().mapToInt(Integer::intValue).toArray();
    }
}
