package io.sam4j.core.train;

import java.util.SplittableRandom;

/**
 * The random draws of one step, derived from the step's seed.
 *
 * <p>Group 0's engine seed is the same for every step strategy, so that SAM with ρ = 0 draws the
 * dropout masks that plain training draws and follows its trajectory bitwise.
 */
public final class StepSeeds {

    private final long engineSeed;
    private final long groupSeed;
    private final double policyDraw;
    private final long maskSeed;

    /** Derives the draws of the step with seed {@code seed}. */
    public StepSeeds(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        // Drawn in this order so that adding a draw at the end never changes the earlier ones.
        this.engineSeed = random.nextLong();
        this.groupSeed = random.nextLong();
        this.policyDraw = random.nextDouble();
        this.maskSeed = random.nextLong();
    }

    /** Returns the engine seed of m-sharpness group {@code group} (0 for the whole batch). */
    public long engineSeed(int group) {
        return group == 0 ? engineSeed : new SplittableRandom(engineSeed + group).nextLong();
    }

    /**
     * Returns a uniform draw in [0, 1) with which a step chooses what kind of update it makes (e.g.
     * randomized SAM's coin).
     */
    public double policyDraw() {
        return policyDraw;
    }

    /** Returns the seed of a step's random choice of parameters (ESAM's stochastic weight perturbation). */
    public long maskSeed() {
        return maskSeed;
    }

    /** Returns the seed that assigns examples to m-sharpness groups. */
    public long groupSeed() {
        return groupSeed;
    }
}
