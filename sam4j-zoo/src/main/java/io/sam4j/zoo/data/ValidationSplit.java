package io.sam4j.zoo.data;

import java.util.Arrays;

/**
 * Holds out a seeded, class-stratified fraction of a training set for validation, as the SAM paper did to
 * tune ρ (10% of the training set). The held-out part is {@link StratifiedSubset#select} of
 * {@code round(fraction·N)} examples; the training part is the rest, so the two are disjoint and cover
 * the set.
 */
public final class ValidationSplit {

    private ValidationSplit() {}

    /**
     * The two parts, as ascending index arrays into the original set.
     *
     * @param train the examples kept for training
     * @param validation the held-out examples
     */
    public record Parts(int[] train, int[] validation) {}

    /**
     * @param labels the training labels
     * @param numClasses number of classes
     * @param fraction the share to hold out, in (0, 1)
     * @param seed the random seed; the same inputs and seed always give the same split
     * @return the split
     * @throws IllegalArgumentException if the fraction is outside (0, 1) or leaves either part empty
     */
    public static Parts split(int[] labels, int numClasses, double fraction, long seed) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in (0, 1), got " + fraction);
        }
        int held = (int) Math.round(fraction * labels.length);
        if (held < 1 || held >= labels.length) {
            throw new IllegalArgumentException("validation fraction " + fraction + " of " + labels.length
                    + " examples leaves " + held + " for validation and " + (labels.length - held) + " for training");
        }
        int[] validation = StratifiedSubset.select(labels, numClasses, held, seed);
        boolean[] isHeld = new boolean[labels.length];
        for (int i : validation) {
            isHeld[i] = true;
        }
        int[] train = new int[labels.length - held];
        int at = 0;
        for (int i = 0; i < labels.length; i++) {
            if (!isHeld[i]) {
                train[at++] = i;
            }
        }
        return new Parts(train, Arrays.copyOf(validation, validation.length));
    }
}
