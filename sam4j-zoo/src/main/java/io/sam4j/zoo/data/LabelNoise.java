package io.sam4j.zoo.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Symmetric label noise, as in the label-noise experiments of Foret et al. 2021 ("Sharpness-Aware
 * Minimization for Efficiently Improving Generalization", §3.3), which follow the noisy-label protocol of
 * Jiang et al. 2020: a fraction {@code p} of the training examples gets a wrong label.
 *
 * <p>The rule: exactly {@code round(p·N)} examples, chosen by a seeded shuffle, each get a class drawn
 * uniformly from the {@code K − 1} classes other than its own. The realized fraction is therefore
 * {@code round(p·N) / N}, within {@code 1 / (2N)} of {@code p}, and every chosen label really changes
 * (unlike the variant that redraws from all K classes, whose realized noise is only {@code p·(K−1)/K}).
 */
public final class LabelNoise {

    private LabelNoise() {}

    /**
     * The noisy labels and what changed.
     *
     * @param labels the labels after noise (a new array)
     * @param flipped the indices whose label changed, ascending
     */
    public record Result(int[] labels, int[] flipped) {

        /** @return the realized noise: flipped examples over all examples (0 for no examples) */
        public double fraction() {
            return labels.length == 0 ? 0 : (double) flipped.length / labels.length;
        }
    }

    /**
     * @param labels clean labels in {@code [0, numClasses)}; not modified
     * @param numClasses K, at least 2 when {@code p > 0}
     * @param p the fraction of examples to mislabel, in [0, 1]
     * @param seed the random seed; the same inputs and seed always give the same noise
     * @return the noisy labels
     * @throws IllegalArgumentException for {@code p} outside [0, 1], fewer than 2 classes, or a bad label
     */
    public static Result apply(int[] labels, int numClasses, double p, long seed) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("label noise must be in [0, 1], got " + p);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException(
                        "label " + labels[i] + " at index " + i + " is outside [0, " + numClasses + ")");
            }
        }
        int[] noisy = labels.clone();
        int count = (int) Math.round(p * labels.length);
        if (count == 0) {
            return new Result(noisy, new int[0]);
        }
        if (numClasses < 2) {
            throw new IllegalArgumentException("label noise needs at least 2 classes, got " + numClasses);
        }
        SplittableRandom seeds = new SplittableRandom(seed);
        List<Integer> order = new ArrayList<>(labels.length);
        for (int i = 0; i < labels.length; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seeds.nextLong()));
        int[] flipped = new int[count];
        Random draw = new Random(seeds.nextLong());
        for (int k = 0; k < count; k++) {
            int i = order.get(k);
            // An offset in 1..K-1 reaches each other class exactly once, so the new class is uniform over them.
            noisy[i] = (labels[i] + 1 + draw.nextInt(numClasses - 1)) % numClasses;
            flipped[k] = i;
        }
        Arrays.sort(flipped);
        return new Result(noisy, flipped);
    }
}
