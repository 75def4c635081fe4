package io.sam4j.core.train;

import io.sam4j.core.optim.StatefulOptimizer;
import io.sam4j.core.random.Seeds;
import io.sam4j.core.util.Checks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Trains over epochs with a {@link TrainingStep}, evaluates after each epoch, and reports to
 * listeners.
 *
 * <p>Every random draw comes from {@link Seeds} as a function of (seed, epoch, step), so a loop
 * started at epoch e of a checkpoint continues exactly as the uninterrupted run would.
 */
public final class TrainingLoop {

    private final TrainingStep step;
    private final BatchSource trainData;
    private final BatchSource testData;
    private final Evaluator evaluator;
    private final int evaluateEvery;
    private final Seeds seeds;
    private final int epochs;
    private final int startEpoch;
    private final int lastEpoch;
    private final List<TrainingListener> listeners;
    private final List<EpochMetrics> history = new ArrayList<>();

    private TrainingLoop(Builder builder) {
        this.step = builder.step;
        this.trainData = builder.trainData;
        this.testData = builder.testData;
        this.evaluator = builder.evaluator;
        this.evaluateEvery = builder.evaluateEvery;
        this.seeds = builder.seeds;
        this.epochs = builder.epochs;
        this.startEpoch = builder.startEpoch;
        this.lastEpoch = (int) Math.min(builder.epochs, (long) builder.startEpoch + builder.epochLimit);
        this.listeners = List.copyOf(builder.listeners);
    }

    /** Returns a builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the step strategy. */
    public TrainingStep step() {
        return step;
    }

    /** Returns the run's seeds. */
    public Seeds seeds() {
        return seeds;
    }

    /** Returns the total number of epochs. */
    public int epochs() {
        return epochs;
    }

    /** Returns the number of epochs completed before this loop started. */
    public int startEpoch() {
        return startEpoch;
    }

    /** Returns the training data. */
    public BatchSource trainData() {
        return trainData;
    }

    /** Returns the evaluation data, or null without evaluation. */
    public BatchSource testData() {
        return testData;
    }

    /** Returns the metrics of the epochs this loop has run. */
    public List<EpochMetrics> history() {
        return List.copyOf(history);
    }

    /**
     * Runs epochs {@code startEpoch + 1 … epochs}, or fewer under an epoch limit.
     *
     * @return the metrics of the epochs run
     * @throws NonFiniteLossException if a loss becomes NaN or infinite; no listener sees that epoch end
     */
    public List<EpochMetrics> run() {
        listeners.forEach(l -> l.onTrainingStart(this));
        for (int epoch = startEpoch + 1; epoch <= lastEpoch; epoch++) {
            EpochMetrics metrics = runEpoch(epoch);
            history.add(metrics);
            listeners.forEach(l -> l.onEpochEnd(this, metrics));
        }
        listeners.forEach(l -> l.onTrainingEnd(this, history()));
        return history();
    }

    private EpochMetrics runEpoch(int epoch) {
        for (TrainingListener l : listeners) {
            l.onEpochStart(this, epoch);
        }
        double lossSum = 0;
        long correct = 0;
        long examples = 0;
        double gradientNormSum = 0;
        double epsilonNormSum = 0;
        int steps = 0;
        long start = System.nanoTime();
        try (BatchSource.Stream batches = trainData.open(epoch - 1, seeds)) {
            while (batches.hasNext()) {
                Batch batch = batches.next();
                long seed = seeds.of(Seeds.Stream.STEP, epoch - 1, steps);
                StepResult result;
                try {
                    result = step.step(batch, seed);
                } catch (NonFiniteLossException e) {
                    throw e.at(epoch, steps + 1L);
                }
                steps++;
                lossSum += (double) result.loss() * result.size();
                correct += result.correct();
                examples += result.size();
                gradientNormSum += result.gradientNorm();
                epsilonNormSum += result.epsilonNorm();
                for (TrainingListener l : listeners) {
                    l.onStepEnd(this, epoch, steps, result);
                }
            }
        }
        Checks.checkArgument(steps > 0, "epoch %s had no training batches", epoch);
        if (epoch == epochs) {
            // The method's own end of training (Momentum-SAM's BatchNorm recalibration) is part of its
            // training time, and the final evaluation and checkpoint see its result.
            step.finishTraining(trainData, seeds, epochs);
        }
        double trainSeconds = (System.nanoTime() - start) / 1e9;
        double testLoss = Double.NaN;
        double testAccuracy = Double.NaN;
        long evalStart = System.nanoTime();
        // The last epoch is always evaluated, so a run's final metrics never depend on --eval-every.
        if (testData != null && (epoch % evaluateEvery == 0 || epoch == epochs)) {
            for (TrainingListener l : listeners) {
                l.onEvaluationStart(this, epoch);
            }
            int evaluated = epoch;
            EvalResult eval = evaluator.evaluate(testData, seeds, (batch, size) -> {
                for (TrainingListener l : listeners) {
                    l.onEvaluationBatchEnd(this, evaluated, batch, size);
                }
            });
            testLoss = eval.loss();
            testAccuracy = eval.accuracy();
        }
        double evalSeconds = (System.nanoTime() - evalStart) / 1e9;
        double lr = step.optimizer() instanceof StatefulOptimizer s ? s.lastLearningRate() : Double.NaN;
        return new EpochMetrics(
                epoch,
                lossSum / examples,
                (double) correct / examples,
                testLoss,
                testAccuracy,
                lr,
                gradientNormSum / steps,
                epsilonNormSum / steps,
                trainSeconds,
                evalSeconds,
                new LinkedHashMap<>());
    }

    /** Builds a {@link TrainingLoop}: {@code setX} for required values, {@code optX} for optional ones. */
    public static final class Builder {
        private TrainingStep step;
        private BatchSource trainData;
        private BatchSource testData;
        private Evaluator evaluator;
        private int evaluateEvery = 1;
        private Seeds seeds;
        private int epochs;
        private int startEpoch;
        private int epochLimit = Integer.MAX_VALUE;
        private final List<TrainingListener> listeners = new ArrayList<>();

        private Builder() {}

        /** Sets the step strategy (a {@link BaseStep} or a SAM step). */
        public Builder setStep(TrainingStep step) {
            this.step = step;
            return this;
        }

        /** Sets the training batches. */
        public Builder setTrainData(BatchSource trainData) {
            this.trainData = trainData;
            return this;
        }

        /** Sets the run's seeds. */
        public Builder setSeeds(Seeds seeds) {
            this.seeds = seeds;
            return this;
        }

        /** Sets the total number of epochs, at least 1. */
        public Builder setEpochs(int epochs) {
            Checks.checkPositive("epochs", epochs);
            this.epochs = epochs;
            return this;
        }

        /**
         * Evaluates only after every {@code every}-th epoch and after the last; the other epochs' test
         * metrics are NaN. Default 1: after each epoch.
         */
        public Builder optEvaluateEvery(int every) {
            Checks.checkArgument(every >= 1, "evaluation interval must be >= 1 but was %s", every);
            this.evaluateEvery = every;
            return this;
        }

        /** Evaluates on {@code testData} with {@code evaluator} after each epoch. */
        public Builder optEvaluation(BatchSource testData, Evaluator evaluator) {
            this.testData = testData;
            this.evaluator = evaluator;
            return this;
        }

        /** Sets the number of epochs already completed (resuming from a checkpoint; default 0). */
        public Builder optStartEpoch(int startEpoch) {
            Checks.checkNonNegative("startEpoch", startEpoch);
            this.startEpoch = startEpoch;
            return this;
        }

        /**
         * Stops after {@code limit} epochs in this run, as if interrupted at an epoch boundary
         * (clusters with time limits); the schedule still spans all epochs.
         */
        public Builder optEpochLimit(int limit) {
            Checks.checkPositive("epochLimit", limit);
            this.epochLimit = limit;
            return this;
        }

        /** Adds a listener. */
        public Builder addListener(TrainingListener listener) {
            listeners.add(listener);
            return this;
        }

        /** Builds the loop. */
        public TrainingLoop build() {
            Checks.checkArgument(step != null, "setStep is required");
            Checks.checkArgument(trainData != null, "setTrainData is required");
            Checks.checkArgument(seeds != null, "setSeeds is required");
            Checks.checkArgument(epochs > 0, "setEpochs is required");
            Checks.checkArgument(
                    startEpoch <= epochs, "startEpoch %s is beyond the %s epochs of the run", startEpoch, epochs);
            return new TrainingLoop(this);
        }
    }
}
