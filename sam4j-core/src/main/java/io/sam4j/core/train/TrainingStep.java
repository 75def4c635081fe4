package io.sam4j.core.train;

/**
 * One optimizer update from one batch: the strategy that distinguishes SAM from plain training.
 *
 * <p>A step owns its gradient passes and calls the base optimizer itself; the loop around it only
 * feeds batches and seeds.
 */
public interface TrainingStep {

    /**
     * Runs one step.
     *
     * @param batch the examples
     * @param seed the step's seed, from which the step derives every random draw it makes
     * @return the clean pass's measurements
     * @throws NonFiniteLossException if a loss is NaN or infinite (the weights are left untouched)
     */
    StepResult step(Batch batch, long seed);

    /** Returns the pass runner (block, parameters and loss) the step trains. */
    GradientPass pass();

    /** Returns the base optimizer. */
    ai.djl.training.optimizer.Optimizer optimizer();
}
