package io.sam4j.zoo.data;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * A seeded, class-stratified train/test split of a dataset that ships without one (TU graph sets,
 * PTB heartbeats): a held-out fraction, or fold {@code I} of {@code K} for cross-validation.
 *
 * <p>Each class's examples are shuffled with their own seed (derived from the split seed), then the
 * first {@code round(fraction × size)} go to the test set; for k-folds the shuffled examples are dealt
 * round-robin into K folds, so every fold has each class in proportion and the folds of one seed
 * partition the dataset.
 *
 * @param testFraction the held-out fraction in (0, 1), or 0 for a k-fold split
 * @param folds K (at least 2) for a k-fold split, else 0
 * @param fold I in [0, K) for a k-fold split
 */
public record HoldOutSplit(double testFraction, int folds, int fold) {

    /** The default: a 10% stratified hold-out. */
    public static final HoldOutSplit DEFAULT = new HoldOutSplit(0.1, 0, 0);

    /** The train and test positions, each sorted. */
    public record Indices(int[] train, int[] test) {}

    /** Validates the fields. */
    public HoldOutSplit {
        if (folds == 0) {
            if (!(testFraction > 0 && testFraction < 1)) {
                throw new IllegalArgumentException("test fraction must be in (0, 1) but was " + testFraction);
            }
        } else if (folds < 2 || fold < 0 || fold >= folds) {
            throw new IllegalArgumentException("fold " + fold + " of " + folds + ": need K >= 2 and 0 <= I < K");
        }
    }

    /**
     * Parses {@code F} (a test fraction such as {@code 0.1}) or {@code kfold:K:I}.
     *
     * @throws IllegalArgumentException with a one-line reason
     */
    public static HoldOutSplit parse(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT;
        }
        String t = text.trim();
        try {
            if (t.startsWith("kfold:")) {
                String[] parts = t.split(":");
                if (parts.length != 3) {
                    throw new IllegalArgumentException("expected kfold:K:I (e.g. kfold:10:0) but was '" + t + "'");
                }
                return new HoldOutSplit(0, Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
            }
            return new HoldOutSplit(Double.parseDouble(t), 0, 0);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a test fraction such as 0.1 or kfold:K:I but was '" + t + "'");
        }
    }

    /** Returns the text {@link #parse} reads back. */
    @Override
    public String toString() {
        return folds == 0 ? Double.toString(testFraction) : "kfold:" + folds + ":" + fold;
    }

    /**
     * Splits examples by their labels.
     *
     * @param labels one class in [0, numClasses) per example
     * @param numClasses the number of classes
     * @param seed the split's seed
     * @return the train and test positions
     */
    public Indices split(int[] labels, int numClasses, long seed) {
        List<List<Integer>> byClass = StratifiedSubset.groupByClass(labels, numClasses);
        SplittableRandom seeds = new SplittableRandom(seed);
        int[] test = new int[labels.length];
        int[] train = new int[labels.length];
        int nTest = 0;
        int nTrain = 0;
        for (List<Integer> members : byClass) {
            Collections.shuffle(members, new Random(seeds.nextLong()));
            int testCount = (int) Math.round(testFraction * members.size());
            for (int k = 0; k < members.size(); k++) {
                boolean held = folds == 0 ? k < testCount : k % folds == fold;
                if (held) {
                    test[nTest++] = members.get(k);
                } else {
                    train[nTrain++] = members.get(k);
                }
            }
        }
        int[] trainIdx = Arrays.copyOf(train, nTrain);
        int[] testIdx = Arrays.copyOf(test, nTest);
        Arrays.sort(trainIdx);
        Arrays.sort(testIdx);
        return new Indices(trainIdx, testIdx);
    }
}
