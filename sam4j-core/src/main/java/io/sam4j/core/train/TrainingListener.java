package io.sam4j.core.train;

import java.util.List;

/**
 * Receives the events of a {@link TrainingLoop}. Logging, progress bars and checkpointing are
 * listeners, so the loop body stays free of them.
 */
public interface TrainingListener {

    /** Called once before the first epoch that runs (after a resume, the first remaining one). */
    default void onTrainingStart(TrainingLoop loop) {}

    /** Called before each epoch's first step. */
    default void onEpochStart(TrainingLoop loop, int epoch) {}

    /**
     * Called after each step.
     *
     * @param epoch the 1-based epoch
     * @param step the 1-based step within the epoch
     */
    default void onStepEnd(TrainingLoop loop, int epoch, int step, StepResult result) {}

    /**
     * Called before an epoch's evaluation, on {@link TrainingLoop#testData()}, after its training
     * steps; epochs that {@code optEvaluateEvery} skips have none.
     */
    default void onEvaluationStart(TrainingLoop loop, int epoch) {}

    /**
     * Called after each evaluated batch.
     *
     * @param batch the 1-based batch within the evaluation
     * @param examples the examples in that batch
     */
    default void onEvaluationBatchEnd(TrainingLoop loop, int epoch, int batch, int examples) {}

    /** Called after each epoch, evaluation included; may add scalars to {@code metrics.extra()}. */
    default void onEpochEnd(TrainingLoop loop, EpochMetrics metrics) {}

    /** Called once after the last epoch. */
    default void onTrainingEnd(TrainingLoop loop, List<EpochMetrics> history) {}
}
