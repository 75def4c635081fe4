package io.sam4j.core.sam;

import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;
import io.sam4j.core.train.GradientPass;
import io.sam4j.core.train.StepBuilder;
import io.sam4j.core.train.WeightDecay;
import io.sam4j.core.util.Checks;

/**
 * What every step strategy of the {@link SamMethods catalog} is built from, besides its own
 * parameters.
 *
 * @param pass the block, its parameters and the loss
 * @param optimizer the base optimizer (any DJL optimizer; a checkpointed run needs one of {@link
 *     io.sam4j.core.optim.Optimizers})
 * @param manager the manager under which per-step arrays are created
 * @param weightDecay the in-loss L2 penalty ({@link WeightDecay#none()} when decay is the optimizer's)
 * @param clipNorm the maximum global norm of the descent gradient, 0 for none
 * @param epochs the run's number of epochs (late-phase SAM places its start with it)
 * @param stepsPerEpoch the optimizer steps per epoch
 * @param microBatches the micro-batches over which each step accumulates its gradients (1: none)
 */
public record StepSettings(
        GradientPass pass,
        Optimizer optimizer,
        NDManager manager,
        WeightDecay weightDecay,
        double clipNorm,
        int epochs,
        int stepsPerEpoch,
        int microBatches) {

    public StepSettings {
        Checks.checkArgument(pass != null, "the step settings need a pass");
        Checks.checkArgument(optimizer != null, "the step settings need an optimizer");
        Checks.checkArgument(manager != null, "the step settings need a manager");
        Checks.checkArgument(weightDecay != null, "the step settings need a weight decay (WeightDecay.none())");
        Checks.checkNonNegative("clipNorm", clipNorm);
        Checks.checkPositive("epochs", epochs);
        Checks.checkPositive("stepsPerEpoch", stepsPerEpoch);
        Checks.checkPositive("micro-batches", microBatches);
    }

    /** Settings without gradient accumulation. */
    public StepSettings(
            GradientPass pass,
            Optimizer optimizer,
            NDManager manager,
            WeightDecay weightDecay,
            double clipNorm,
            int epochs,
            int stepsPerEpoch) {
        this(pass, optimizer, manager, weightDecay, clipNorm, epochs, stepsPerEpoch, 1);
    }

    /** Sets these settings on a step builder. */
    public <T extends StepBuilder<T>> T applyTo(T builder) {
        return builder.setPass(pass)
                .setOptimizer(optimizer)
                .setManager(manager)
                .optWeightDecay(weightDecay)
                .optClipNorm(clipNorm)
                .optMicroBatches(microBatches);
    }

    /** Returns the run's total number of optimizer steps. */
    public long totalSteps() {
        return (long) epochs * stepsPerEpoch;
    }
}
