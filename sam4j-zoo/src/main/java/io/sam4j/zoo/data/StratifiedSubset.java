package io.sam4j.zoo.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Picks a seeded, class-stratified subset of a labelled dataset, e.g. to train on 10% of Fashion-MNIST
 * with the same class balance as the full set.
 */
public final class StratifiedSubset {

    private StratifiedSubset() {}

    /**
     * Allocates {@code n} picks to classes in proportion to their sizes, rounding with the largest-remainder
     * method (ties to the lower class index), then picks each class's examples by a seeded shuffle.
     *
     * @param labels one label in {@code [0, numClasses)} per example
     * @param numClasses number of classes
     * @param n the subset size; {@code n >= labels.length} selects everything
     * @param seed the random seed; the same inputs and seed always give the same subset
     * @return exactly {@code min(n, labels.length)} distinct indices, sorted ascending
     * @throws IllegalArgumentException if {@code n < 1}, {@code numClasses < 1} or a label is out of range
     */
    public static int[] select(int[] labels, int numClasses, int n, long seed) {
        if (n < 1) {
            throw new IllegalArgumentException("subset size must be at least 1, got " + n);
        }
        if (numClasses < 1) {
            throw new IllegalArgumentException("numClasses must be at least 1, got " + numClasses);
        }
        List<List<Integer>> byClass = groupByClass(labels, numClasses);
        if (n >= labels.length) {
            int[] all = new int[labels.length];
            Arrays.setAll(all, i -> i);
            return all;
        }
        int[] quota = allocate(byClass, labels.length, n);
        // One independent, reproducible shuffle seed per class, so a class's picks do not depend on others.
        SplittableRandom seeds = new SplittableRandom(seed);
        int[] picked = new int[n];
        int at = 0;
        for (int c = 0; c < numClasses; c++) {
            List<Integer> members = byClass.get(c);
            Collections.shuffle(members, new Random(seeds.nextLong()));
            for (int k = 0; k < quota[c]; k++) {
                picked[at++] = members.get(k);
            }
        }
        Arrays.sort(picked);
        return picked;
    }

    /**
     * @param labels one class in [0, numClasses) per example
     * @param numClasses the number of classes
     * @return for each class, the positions of its examples in ascending order
     * @throws IllegalArgumentException naming the first label outside [0, numClasses)
     */
    public static List<List<Integer>> groupByClass(int[] labels, int numClasses) {
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < numClasses; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException(
                        "label " + labels[i] + " at index " + i + " is outside [0, " + numClasses + ")");
            }
            byClass.get(labels[i]).add(i);
        }
        return byClass;
    }

    /** Largest-remainder (Hamilton) apportionment of {@code n} seats over the class sizes. */
    static int[] allocate(List<List<Integer>> byClass, int total, int n) {
        int classes = byClass.size();
        int[] quota = new int[classes];
        long[] remainder = new long[classes];
        int given = 0;
        for (int c = 0; c < classes; c++) {
            // Exact integer arithmetic: quota = floor(size·n / total), remainder compared as size·n mod total.
            long scaled = (long) byClass.get(c).size() * n;
            quota[c] = (int) (scaled / total);
            remainder[c] = scaled % total;
            given += quota[c];
        }
        Integer[] order = new Integer[classes];
        Arrays.setAll(order, c -> c);
        Arrays.sort(order, Comparator.<Integer>comparingLong(c -> -remainder[c]).thenComparingInt(c -> c));
        for (int k = 0; given < n; k++) {
            quota[order[k]]++;
            given++;
        }
        return quota;
    }
}
