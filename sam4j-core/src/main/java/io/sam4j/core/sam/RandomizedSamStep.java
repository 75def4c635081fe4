package io.sam4j.core.sam;

import io.sam4j.core.train.Batch;
import io.sam4j.core.train.StepResult;
import io.sam4j.core.train.StepSeeds;
import io.sam4j.core.util.Checks;

/**
 * Randomized SAM, RST (Zhao, Zhang, Hu, "Randomized Sharpness-Aware Training for Boosting
 * Computational Efficiency in Deep Learning", arXiv:2203.09962, 2022): each step is a SAM step with
 * probability p and a step of the base optimizer otherwise.
 *
 * <pre>
 *   u = StepSeeds(seed).policyDraw() ∈ [0, 1)
 *   u &lt; p:  the SAM step (its m, ρ, perturbation, weight decay)      2 passes
 *   else:   w ← Optimizer(w, clip(∇L(w)))                          1 pass
 * </pre>
 *
 * The draw comes from the step's seed, so a run and its resumption draw the same coins and the step
 * keeps no state. Expected cost 1 + p passes per step. p = 1 is SAM and p = 0 the base optimizer,
 * bitwise. The paper's schedules of p over training are not included: p is fixed.
 */
public final class RandomizedSamStep extends SamVariantStep {

    private final double probability;

    private RandomizedSamStep(SharpnessAwareStep sam, double probability) {
        super(sam);
        this.probability = probability;
    }

    /**
     * Mixes {@code sam}'s steps with its {@link SharpnessAwareStep#baseStep() base steps}.
     *
     * @param probability p ∈ [0, 1], the probability of a SAM step
     */
    public static RandomizedSamStep of(SharpnessAwareStep sam, double probability) {
        Checks.checkArgument(probability >= 0 && probability <= 1, "p must be in [0, 1] but was %s", probability);
        return new RandomizedSamStep(sam, probability);
    }

    /** Returns p. */
    public double probability() {
        return probability;
    }

    /** Returns whether the step with seed {@code seed} is a SAM step. */
    public boolean isSamStep(long seed) {
        return new StepSeeds(seed).policyDraw() < probability;
    }

    @Override
    public StepResult step(Batch batch, long seed) {
        return isSamStep(seed) ? sam.step(batch, seed) : sam.baseStep().step(batch, seed);
    }
}
