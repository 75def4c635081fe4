package io.sam4j.cli.run;

import ai.djl.training.optimizer.Optimizer;
import io.sam4j.cli.spec.Choices.WeightDecayMode;
import io.sam4j.cli.spec.RunSpec.OptimizationSettings;
import io.sam4j.core.optim.Optimizers;
import io.sam4j.core.schedule.LearningRateSchedule;

/** Builds a run's base optimizer with its per-step learning-rate schedule. */
public final class OptimizerFactory {

    private OptimizerFactory() {}

    /** Builds the optimizer for {@code stepsPerEpoch} steps in each of the run's epochs. */
    public static Optimizer build(OptimizationSettings o, int stepsPerEpoch) {
        long total = (long) o.epochs() * stepsPerEpoch;
        long warmup = Math.round(o.warmupEpochs() * stepsPerEpoch);
        LearningRateSchedule schedule = switch (o.schedule()) {
            case COSINE -> LearningRateSchedule.cosine(o.lr(), total, warmup);
            case STEP ->
                LearningRateSchedule.step(
                        o.lr(),
                        o.lrMilestones().stream()
                                .mapToLong(f -> Math.round(f * total))
                                .distinct()
                                .sorted()
                                .toArray(),
                        o.lrGamma());
            case CONSTANT -> LearningRateSchedule.constant(o.lr());
        };
        schedule = schedule.withLinearWarmup(warmup);
        float decay = o.weightDecayMode() == WeightDecayMode.OPTIMIZER ? (float) o.weightDecay() : 0f;
        return switch (o.optimizer()) {
            case ADAM ->
                Optimizers.adam()
                        .setLearningRate(schedule)
                        .optWeightDecay(decay)
                        .build();
            case ADAMW ->
                Optimizers.adamW()
                        .setLearningRate(schedule)
                        .optWeightDecay(decay)
                        .build();
            case SGD ->
                Optimizers.sgd()
                        .setLearningRate(schedule)
                        .optMomentum((float) o.momentum())
                        .optNesterov(o.nesterov())
                        .optWeightDecay(decay)
                        .build();
        };
    }
}
