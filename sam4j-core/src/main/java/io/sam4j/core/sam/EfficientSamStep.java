package io.sam4j.core.sam;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import io.sam4j.core.train.Batch;
import io.sam4j.core.train.StepResult;
import io.sam4j.core.train.StepSeeds;
import io.sam4j.core.util.Checks;
import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * ESAM (Du, Yan, Feng, Zhou, Zhen, Goh, Tan, "Efficient Sharpness-aware Minimization for Improved
 * Training of Neural Networks", ICLR 2022): SAM with a stochastic weight perturbation (SWP) and a
 * sharpness-sensitive data selection (SDS), as the authors' code does it ({@code
 * dydjw9/Efficient_SAM}, {@code utils/Esam.py}):
 *
 * <pre>
 *   g, ℓᵢ(w) = ∇L(w), each example's loss          clean pass
 *   SWP:  mₚ ~ Bernoulli(β) for each parameter tensor p, from the step seed
 *   ε = Perturbation(m ⊙ g, w, ρ) / β               normalized over the kept tensors: ‖ε‖ = ρ/β for SAM's
 *   ℓᵢ(w + ε)                                      gradient-free forward (about 1/3 of a pass)
 *   S = the ⌊γ·n⌋ − 1 examples with the largest ℓᵢ(w + ε) − ℓᵢ(w)   (all when γ ≥ 0.99; at least 1)
 *   w ← Optimizer(w, clip(∇L_S(w + ε)))           perturbed pass on S, gradients for every tensor
 * </pre>
 *
 * Where the paper and the code differ, this follows the code:
 * <ul>
 *   <li>The paper scales ε by 1/β after SAM's normalization; the code leaves the dropped tensors out
 *       of the gradient norm (they have no gradient in its clean pass), so ‖ε‖ = ρ/β rather than
 *       about ρ/√β.</li>
 *   <li>The code keeps the examples whose rise exceeds the ⌊γn⌋-th largest, strictly: ⌊γn⌋ − 1 of
 *       them (no ties), and all of them when γ ≥ 0.99. Where that would be none (γn &lt; 2) one is
 *       kept, since the code's empty batch gives a NaN loss.</li>
 *   <li>Every pass runs in training mode, so BatchNorm's running statistics take the clean pass, the
 *       measuring forward and the pass on S (SAM keeps the clean pass's alone).</li>
 *   <li>The code draws the mask with Python's global generator at the end of the previous step (the
 *       first step perturbs every tensor); here it comes from the step seed, with the same law, so
 *       that runs are reproducible and resumable.</li>
 * </ul>
 *
 * Cost about 1 + 1/3 + γ passes per step (a backward taken as twice a forward). γ ≥ 0.99 selects every
 * example and skips the measuring forward. SDS takes each example's loss from an {@link
 * io.sam4j.core.loss.ExampleLoss} (sam4j's cross-entropy), or by evaluating any other loss on each
 * example alone. Whole batches only (no m-sharpness, no micro-batches); stateless apart from the seed.
 */
public final class EfficientSamStep extends SamVariantStep {

    private final double beta;
    private final double gamma;

    private EfficientSamStep(SharpnessAwareStep sam, double beta, double gamma) {
        super(sam);
        this.beta = beta;
        this.gamma = gamma;
    }

    /**
     * ESAM around {@code sam}'s perturbation, ρ, weight decay and clipping.
     *
     * @param beta β ∈ (0, 1], the probability that a parameter tensor is perturbed
     * @param gamma γ ∈ (0, 1], the share of examples the descent gradient is taken on
     * @throws IllegalArgumentException in one line if {@code sam} uses m-sharpness or micro-batches
     */
    public static EfficientSamStep of(SharpnessAwareStep sam, double beta, double gamma) {
        Checks.checkArgument(beta > 0 && beta <= 1, "beta must be in (0, 1] but was %s", beta);
        Checks.checkArgument(gamma > 0 && gamma <= 1, "gamma must be in (0, 1] but was %s", gamma);
        sam.requireWholeBatches("esam", "selects from the whole batch");
        return new EfficientSamStep(sam, beta, gamma);
    }

    /** Returns β. */
    public double beta() {
        return beta;
    }

    /** Returns γ. */
    public double gamma() {
        return gamma;
    }

    /**
     * Returns the number of examples S holds in a batch of {@code size}: ⌊γ·size⌋ − 1 (the official
     * code's strict cut below the ⌊γ·size⌋-th largest rise), every example when γ ≥ 0.99, at least 1.
     */
    public int selected(int size) {
        if (!selects()) {
            return size;
        }
        return Math.max(1, (int) (size * gamma) - 1);
    }

    private boolean selects() {
        return selects(gamma);
    }

    /**
     * Whether a step at {@code gamma} selects examples at all: the official code takes them all from
     * γ = 0.99 on ({@code prob >= 0.99}), and so skips the measuring forward.
     */
    static boolean selects(double gamma) {
        return gamma < 0.99;
    }

    /** Returns which parameter tensors the step with {@code seed} perturbs (SWP's mask). */
    public boolean[] mask(long seed, int tensors) {
        SplittableRandom random = new SplittableRandom(new StepSeeds(seed).maskSeed());
        boolean[] kept = new boolean[tensors];
        for (int p = 0; p < tensors; p++) {
            kept[p] = random.nextDouble() < beta;
        }
        return kept;
    }

    /**
     * Returns the positions of the {@code count} examples whose loss rose most, in ascending order of
     * position (ties go to the earlier example).
     */
    public static int[] largestIncreases(float[] before, float[] after, int count) {
        Checks.checkArgument(
                before.length == after.length, "%s losses before but %s after", before.length, after.length);
        int[] top = IntStream.range(0, before.length)
                .boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -((double) after[i] - before[i]))
                        .thenComparingInt(i -> i))
                .limit(count)
                .mapToInt(Integer::intValue)
                .toArray();
        Arrays.sort(top);
        return top;
    }

    @Override
    public StepResult step(Batch batch, long seed) {
        boolean selecting = selects();
        try (SharpnessAwareStep.Pieces step = sam.begin(batch, seed)) {
            step.keepEveryPassStatistics(); // the code runs all three passes in training mode
            NDList g = selecting ? step.cleanWithExampleLosses() : step.clean();
            if (beta < 1) { // SWP: the dropped tensors leave the ascent and its norm
                boolean[] kept = mask(seed, g.size());
                for (int p = 0; p < kept.length; p++) {
                    if (!kept[p]) {
                        g.get(p).muli(0f);
                    }
                }
            }
            Perturbation.Ascent ascent = step.ascend(g);
            if (beta < 1) {
                for (NDArray e : ascent.epsilon()) {
                    e.muli((float) (1 / beta));
                }
            }
            if (!selecting) {
                return step.update(step.perturbed(ascent));
            }
            // SDS: the examples whose loss rose most from w to w + ε.
            float[] before = step.exampleLosses();
            int count = selected(batch.size());
            return step.update(step.perturbedOn(ascent, after -> batch.subset(largestIncreases(before, after, count))));
        }
    }
}
