package io.sam4j.core.sam;

import ai.djl.ndarray.NDList;
import io.sam4j.core.train.Batch;
import io.sam4j.core.util.Checks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The groups of m-sharpness (Foret et al., "Sharpness-Aware Minimization for Efficiently Improving
 * Generalization", ICLR 2021, Section 4.1): a batch's examples in a seeded random order, cut into
 * consecutive groups of m. Training ({@link SharpnessAwareStep}) and the sharpness measurement of
 * sam4j-analysis use these same groups and the same weights.
 *
 * <p><b>Remainders: groups are weighted by their size.</b> When m does not divide the batch size
 * the last group holds the remaining examples, and every per-group quantity (the perturbed
 * gradient, the BatchNorm statistics, the sharpness, the norms a log reports) enters the batch's
 * value with weight |group| / |batch|. Every example thus counts once, as it does in the clean loss,
 * and when m divides the batch every weight is 1/n, the paper's plain mean over its n groups (the
 * official JAX code's groups, one per device, always divide the batch). sam4j does not refuse such
 * an m because its loaders keep the last, smaller batch of an epoch (60,000 examples in batches of
 * 128 end with one of 96): a refusal would have to forbid every m that does not also divide that
 * last batch, and m ≥ the batch size is SAM on the whole batch, a group of its own size.
 */
public final class MSharpness {

    private MSharpness() {}

    /**
     * Splits a batch into the groups of m-sharpness.
     *
     * @param batch the examples
     * @param m the examples per group, or 0 for one group (the whole batch); m ≥ the batch size also
     *     gives one group
     * @param seed the seed of the examples' order
     * @return the groups, each of m examples but the last, which holds the rest
     */
    public static List<Batch> groups(Batch batch, int m, long seed) {
        Checks.checkNonNegative("m", m);
        if (m == 0 || m >= batch.size()) {
            return List.of(batch);
        }
        List<Integer> order = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        List<Batch> groups = new ArrayList<>();
        for (int from = 0; from < order.size(); from += m) {
            List<Integer> members = order.subList(from, Math.min(order.size(), from + m));
            groups.add(batch.subset(members.stream().mapToInt(Integer::intValue).toArray()));
        }
        return groups;
    }

    /** Returns the weights |group| / |batch| of groups of the given sizes. */
    public static GroupWeights weights(int... sizes) {
        return new GroupWeights(sizes);
    }

    /** Returns the weights of {@code groups}. */
    public static GroupWeights weights(List<Batch> groups) {
        return new GroupWeights(groups.stream().mapToInt(Batch::size).toArray());
    }

    /**
     * The size-weighted mean over m-sharpness groups, computed in the paper's order when the groups
     * are equal (sum, then multiply by 1/n), so that results for an m that divides the batch do not
     * depend on the remainder rule.
     */
    public static final class GroupWeights {
        private final int[] sizes;
        private final long total;
        private final boolean equal;

        private GroupWeights(int[] sizes) {
            Checks.checkArgument(sizes.length > 0, "there are no groups");
            this.sizes = sizes.clone();
            long sum = 0;
            boolean same = true;
            for (int size : sizes) {
                Checks.checkPositive("group size", size);
                sum += size;
                same &= size == sizes[0];
            }
            this.total = sum;
            this.equal = same;
        }

        /** Returns the number of groups. */
        public int count() {
            return sizes.length;
        }

        /** Returns the examples in all groups. */
        public long total() {
            return total;
        }

        /** Returns whether all groups have one size. */
        public boolean equal() {
            return equal;
        }

        /** Returns |group| / |batch|. */
        public double weight(int group) {
            return (double) sizes[group] / total;
        }

        /** Returns Σ_g w_g·values[g]. */
        public double mean(double[] values) {
            Checks.checkArgument(
                    values.length == sizes.length, "expected %s values but got %s", sizes.length, values.length);
            double sum = 0;
            if (equal) {
                for (double v : values) {
                    sum += v;
                }
                return sum / values.length;
            }
            for (int g = 0; g < values.length; g++) {
                sum += values[g] * sizes[g];
            }
            return sum / total;
        }

        /**
         * Adds group {@code group}'s arrays to a running weighted sum, in place, and returns the sum.
         *
         * @param sum the running sum, or null before the first group (then {@code next} becomes it)
         * @param next the group's arrays; consumed (closed once added)
         */
        public NDList accumulate(NDList sum, NDList next, int group) {
            if (!equal) {
                float w = (float) weight(group);
                next.forEach(a -> a.muli(w));
            }
            if (sum == null) {
                return next;
            }
            for (int i = 0; i < sum.size(); i++) {
                sum.get(i).addi(next.get(i));
            }
            next.close();
            return sum;
        }

        /** Turns a running sum of all groups into the weighted mean, in place, and returns it. */
        public NDList finish(NDList sum) {
            if (equal && sizes.length > 1) {
                float inverse = 1f / sizes.length;
                sum.forEach(a -> a.muli(inverse));
            }
            return sum;
        }
    }
}
