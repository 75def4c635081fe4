package io.sam4j.core.sam;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.sam4j.core.train.Batch;
import io.sam4j.core.train.PassResult;
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
 * sharpness-sensitive data selection (SDS).
 *
 * <pre>
 *   g, ℓᵢ(w) = ∇L(w), each example's loss          clean pass
 *   ε = Perturbation(g, w, ρ)
 *   SWP:  εₚ ← (mₚ/β)·εₚ for each parameter tensor p, mₚ ~ Bernoulli(β) from the step seed
 *   ℓᵢ(w + ε)                                      gradient-free forward (about 1/3 of a pass)
 *   S = the ⌈γ·n⌉ examples with the largest ℓᵢ(w + ε) − ℓᵢ(w)   (rounded, at least 1)
 *   w ← Optimizer(w, clip(∇L_S(w + ε)))           perturbed pass on S only
 * </pre>
 *
 * Cost about 1 + 1/3 + γ passes per step (a backward taken as twice a forward). γ = 1 selects every
 * example and skips the measuring forward; with β = 1 as well the step is SAM, bitwise. The mask
 * draws whole tensors, as the official code does (it turns gradients off for the tensors left out);
 * here the masked tensors are not perturbed but still get their gradient, so SWP changes the update,
 * not the cost. SDS takes each example's loss from an {@link io.sam4j.core.loss.ExampleLoss} (sam4j's
 * cross-entropy), or by evaluating any other loss on each example alone. BatchNorm statistics come
 * from the clean pass. Whole batches only (no m-sharpness, no micro-batches); stateless apart from
 * the seed.
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
     * @throws IllegalArgumentException in one line if {@code sam} uses m-sharpness, micro-batches or
     *     GSAM's descent
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

    /** Returns the number of examples S holds in a batch of {@code size}: γ·size rounded, at least 1. */
    public int selected(int size) {
        return (int) Math.max(1, Math.min(size, Math.round(gamma * size)));
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
        boolean selecting = gamma < 1;
        return sam.wholeBatchStep(batch, seed, new WholeBatchVariant() {
            @Override
            public boolean exampleLosses() {
                return selecting;
            }

            @Override
            public void adjust(NDList epsilon) {
                if (beta < 1) {
                    boolean[] kept = mask(seed, epsilon.size());
                    for (int p = 0; p < kept.length; p++) {
                        epsilon.get(p).muli(kept[p] ? (float) (1 / beta) : 0f);
                    }
                }
            }

            @Override
            public PassResult perturbed(
                    SamGroupPass pass,
                    Batch batch,
                    PassResult clean,
                    long engineSeed,
                    NDList epsilon,
                    NDList weights,
                    NDManager stepManager) {
                if (!selecting) {
                    return WholeBatchVariant.super.perturbed(
                            pass, batch, clean, engineSeed, epsilon, weights, stepManager);
                }
                int count = selected(batch.size());
                return pass.perturbedOn(
                        batch,
                        engineSeed,
                        epsilon,
                        weights,
                        stepManager,
                        after -> batch.subset(largestIncreases(clean.exampleLosses(), after, count)));
            }
        });
    }
}
