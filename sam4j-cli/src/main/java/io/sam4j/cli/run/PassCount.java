package io.sam4j.cli.run;

import io.sam4j.core.run.RunKeys;
import io.sam4j.core.train.EpochMetrics;
import io.sam4j.core.train.GradientPass;
import io.sam4j.core.train.TrainingListener;
import io.sam4j.core.train.TrainingLoop;

/**
 * Adds an epoch's counted work to its metrics as {@code passes}: the examples that went through a
 * forward-backward pass, plus a third of those that went through a gradient-free forward (a backward
 * taken as twice a forward, as {@code sam4j bench} counts), over the training examples. The base
 * optimizer's epoch is 1, SAM's 2, LookSAM's about 1 + 1/k; what a method's steps actually did, not its
 * formula. {@code sam4j compare} reports cost relative to SGD from it.
 */
final class PassCount implements TrainingListener {

    private static final String KEY = RunKeys.Metrics.PASSES;

    private final GradientPass pass;
    private final int examples;
    private double atEpochStart;

    /**
     * @param pass the run's pass runner, whose counters it reads
     * @param examples the training examples of an epoch
     */
    PassCount(GradientPass pass, int examples) {
        this.pass = pass;
        this.examples = examples;
    }

    private double work() {
        return pass.passExamples() + pass.forwardExamples() / 3.0;
    }

    @Override
    public void onEpochStart(TrainingLoop loop, int epoch) {
        atEpochStart = work();
    }

    @Override
    public void onEpochEnd(TrainingLoop loop, EpochMetrics metrics) {
        metrics.extra().put(KEY, (work() - atEpochStart) / examples);
    }
}
