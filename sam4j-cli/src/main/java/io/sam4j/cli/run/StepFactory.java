package io.sam4j.cli.run;

import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;
import io.sam4j.cli.UserError;
import io.sam4j.cli.spec.Choices.WeightDecayMode;
import io.sam4j.cli.spec.Choices.WeightDecayOn;
import io.sam4j.cli.spec.RunSpec;
import io.sam4j.core.sam.StepSettings;
import io.sam4j.core.train.GradientPass;
import io.sam4j.core.train.TrainingStep;
import io.sam4j.core.train.WeightDecay;

/** Builds a run's training-step strategy, any method of the core's catalog, from its settings. */
public final class StepFactory {

    private StepFactory() {}

    /**
     * Builds the step over {@code pass} that updates through {@code optimizer}.
     *
     * @throws UserError for a method that cannot train this model with this optimizer (e.g. SAM-ON
     *     without normalization layers, Momentum-SAM without momentum)
     */
    public static TrainingStep build(
            RunSpec spec, GradientPass pass, Optimizer optimizer, NDManager manager, int stepsPerEpoch) {
        RunSpec.OptimizationSettings o = spec.optimization();
        WeightDecay inLoss = o.weightDecayMode() == WeightDecayMode.LOSS
                ? new WeightDecay(
                        (float) o.weightDecay(),
                        o.weightDecayOn() == WeightDecayOn.ALL ? WeightDecay.Scope.ALL : WeightDecay.Scope.RANK2)
                : WeightDecay.none();
        RunSpec.SamSettings sam = spec.sam();
        StepSettings settings = new StepSettings(
                pass, optimizer, manager, inLoss, o.clipNorm(), o.epochs(), stepsPerEpoch, sam.accumulate());
        try {
            return sam.method().factory().build(settings, sam.parameters());
        } catch (IllegalArgumentException e) {
            throw new UserError("--sam " + sam.method().name() + ": " + e.getMessage());
        }
    }
}
