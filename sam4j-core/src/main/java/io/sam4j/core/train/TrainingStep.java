package io.sam4j.core.train;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;
import io.sam4j.core.random.Seeds;

/**
 * One optimizer update from one batch: the strategy that distinguishes SAM from plain training.
 *
 * <p>A step owns its gradient passes and calls the base optimizer itself; the loop around it only
 * feeds batches and seeds. A step whose next update depends on more than the weights, the base
 * optimizer and the seed it is given (a stored gradient, a moving average, a step counter) exports
 * that state, so that checkpoints hold it and a resumed run continues bitwise.
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
    Optimizer optimizer();

    /**
     * Runs what the method does once after the run's last update, before the run's final evaluation
     * and checkpoint (Momentum-SAM recomputes the BatchNorm statistics at the unperturbed weights).
     * {@link TrainingLoop} calls it at the end of the last epoch. Default: nothing.
     *
     * @param trainData the run's training batches (the last epoch's are {@code trainData.open(epochs -
     *     1, seeds)})
     * @param seeds the run's seeds
     * @param epochs the run's number of epochs
     */
    default void finishTraining(BatchSource trainData, Seeds seeds, int epochs) {}

    /**
     * Returns copies of the step's own state as named arrays (default: none, a stateless step).
     *
     * @param manager the manager for the copies
     */
    default NDList exportState(NDManager manager) {
        return new NDList();
    }

    /**
     * Replaces the step's own state with one {@link #exportState exported} by a step of the same kind
     * and settings.
     *
     * @throws IllegalArgumentException if the state does not fit this step
     */
    default void importState(NDList state) {
        if (!state.isEmpty()) {
            throw new IllegalArgumentException(
                    "this step keeps no state but the checkpoint holds " + state.size() + " step arrays");
        }
    }
}
