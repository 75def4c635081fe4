package io.sam4j.cli.run;

import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;
import io.sam4j.cli.spec.Choices.SamMethod;
import io.sam4j.cli.spec.Choices.WeightDecayMode;
import io.sam4j.cli.spec.RunSpec;
import io.sam4j.core.sam.Perturbation;
import io.sam4j.core.sam.SharpnessAwareStep;
import io.sam4j.core.train.BaseStep;
import io.sam4j.core.train.GradientPass;
import io.sam4j.core.train.TrainingStep;
import io.sam4j.core.train.WeightDecay;

/** Builds a run's training-step strategy (the base step, SAM or ASAM) from its settings. */
public final class StepFactory {

    private StepFactory() {}

    /** Builds the step over {@code pass} that updates through {@code optimizer}. */
    public static TrainingStep build(RunSpec spec, GradientPass pass, Optimizer optimizer, NDManager manager) {
        RunSpec.OptimizationSettings o = spec.optimization();
        WeightDecay inLoss = o.weightDecayMode() == WeightDecayMode.LOSS
                ? new WeightDecay((float) o.weightDecay())
                : WeightDecay.none();
        RunSpec.SamSettings sam = spec.sam();
        return switch (sam.method()) {
            case NONE ->
                BaseStep.builder()
                        .setPass(pass)
                        .setOptimizer(optimizer)
                        .setManager(manager)
                        .optWeightDecay(inLoss)
                        .optClipNorm(o.clipNorm())
                        .build();
            case SAM, ASAM ->
                SharpnessAwareStep.builder()
                        .setPass(pass)
                        .setOptimizer(optimizer)
                        .setManager(manager)
                        .optPerturbation(
                                sam.method() == SamMethod.ASAM
                                        ? Perturbation.asam((float) sam.eta())
                                        : Perturbation.sam())
                        .optRho((float) sam.rho())
                        .optGroupSize(sam.m())
                        .optWeightDecay(inLoss)
                        .optClipNorm(o.clipNorm())
                        .build();
        };
    }
}
