package io.sam4j.core.tensorboard;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import io.sam4j.core.loss.SmoothedCrossEntropy;
import io.sam4j.core.optim.MomentumSgd;
import io.sam4j.core.optim.Optimizers;
import io.sam4j.core.random.Seeds;
import io.sam4j.core.sam.SharpnessAwareStep;
import io.sam4j.core.schedule.LearningRateSchedule;
import io.sam4j.core.testing.Fixtures;
import io.sam4j.core.train.BaseStep;
import io.sam4j.core.train.BatchSource;
import io.sam4j.core.train.EpochMetrics;
import io.sam4j.core.train.Evaluator;
import io.sam4j.core.train.GradientPass;
import io.sam4j.core.train.ModelParameters;
import io.sam4j.core.train.TrainingLoop;
import io.sam4j.core.train.TrainingStep;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Tiny real trainings logged by a {@link TensorBoardListener}, for the tests of what it writes. */
final class LoggedRuns {

    static final int EPOCHS = 2;
    private static final BatchSource TRAIN = Fixtures.source(48, 16, 1);
    private static final BatchSource TEST = Fixtures.source(32, 16, 2);

    private LoggedRuns() {}

    /** The hyperparameters a run logs: the method, its rho when it has one, and the seed. */
    static Map<String, Object> hparams(boolean sam, long seed) {
        Map<String, Object> hparams = new LinkedHashMap<>();
        hparams.put("sam", sam ? "sam" : "none");
        if (sam) {
            hparams.put("rho", 0.05);
        }
        hparams.put("seed", seed);
        return hparams;
    }

    /**
     * Trains a small convolutional network for up to {@link #EPOCHS} epochs, with SAM (rho 0.05) or
     * plain SGD, logging to a new event file in {@code logDir}.
     *
     * @param epochLimit the most epochs to run now (as {@code --stop-after}), or null for all
     * @return the metrics of the epochs run
     */
    static List<EpochMetrics> train(Path logDir, boolean sam, long seed, Integer epochLimit) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Seeds seeds = new Seeds(seed);
            Block net = Fixtures.convNet(manager, (int) seeds.of(Seeds.Stream.INIT));
            ModelParameters parameters = ModelParameters.of(net);
            MomentumSgd optimizer = Optimizers.sgd()
                    .setLearningRate(LearningRateSchedule.cosine(0.1, (long) EPOCHS * TRAIN.batchesPerEpoch(), 0))
                    .optMomentum(0.9f)
                    .build();
            GradientPass pass = new GradientPass(net, parameters, new SmoothedCrossEntropy(0), manager);
            TrainingStep step = sam
                    ? SharpnessAwareStep.builder()
                            .setPass(pass)
                            .setManager(manager)
                            .setOptimizer(optimizer)
                            .optRho(0.05f)
                            .build()
                    : BaseStep.builder()
                            .setPass(pass)
                            .setManager(manager)
                            .setOptimizer(optimizer)
                            .build();
            TensorBoardListener tensorBoard;
            try {
                tensorBoard = new TensorBoardListener(new EventFileWriter(logDir), sam);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            tensorBoard.logHParams(hparams(sam, seed));
            TrainingLoop.Builder loop = TrainingLoop.builder()
                    .setStep(step)
                    .setTrainData(TRAIN)
                    .setSeeds(seeds)
                    .setEpochs(EPOCHS)
                    .optEvaluation(TEST, new Evaluator(net, new SmoothedCrossEntropy(0), manager))
                    .addListener(tensorBoard);
            if (epochLimit != null) {
                loop.optEpochLimit(epochLimit);
            }
            return loop.build().run();
        }
    }

    /** Every event of every event file in {@code logDir}. */
    static List<Event> events(Path logDir) {
        try {
            return EventFileReader.listEventFiles(logDir).stream()
                    .flatMap(file -> {
                        try {
                            return EventFileReader.read(file).stream();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
