package io.sam4j.core.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import io.sam4j.core.loss.SmoothedCrossEntropy;
import io.sam4j.core.optim.MomentumSgd;
import io.sam4j.core.optim.Optimizers;
import io.sam4j.core.random.Seeds;
import io.sam4j.core.sam.SharpnessAwareStep;
import io.sam4j.core.schedule.LearningRateSchedule;
import io.sam4j.core.testing.Fixtures;
import io.sam4j.core.train.BatchSource;
import io.sam4j.core.train.EpochMetrics;
import io.sam4j.core.train.Evaluator;
import io.sam4j.core.train.GradientPass;
import io.sam4j.core.train.ModelParameters;
import io.sam4j.core.train.TrainingListener;
import io.sam4j.core.train.TrainingLoop;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Same seed, same metrics; a run resumed from a checkpoint ends exactly like an uninterrupted one. */
class ResumeTest {

    private static final int EPOCHS = 3;
    private static final BatchSource TRAIN = Fixtures.source(96, 16, 1);
    private static final BatchSource TEST = Fixtures.source(48, 16, 2);

    /** A run of {@code epochs} epochs, optionally starting from a checkpoint file. */
    private static List<EpochMetrics> run(
            int epochs, Path checkpointIn, Path checkpointOut, List<float[]> finalWeights) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Seeds seeds = new Seeds(11);
            Block net = Fixtures.convNet(manager, (int) seeds.of(Seeds.Stream.INIT));
            ModelParameters parameters = ModelParameters.of(net);
            MomentumSgd optimizer = Optimizers.sgd()
                    .setLearningRate(LearningRateSchedule.cosine(0.1, (long) EPOCHS * TRAIN.batchesPerEpoch(), 0))
                    .optMomentum(0.9f)
                    .build();
            SharpnessAwareStep step = SharpnessAwareStep.builder()
                    .setPass(new GradientPass(net, parameters, new SmoothedCrossEntropy(0.1f), manager))
                    .setManager(manager)
                    .setOptimizer(optimizer)
                    .optRho(0.05f)
                    .optGroupSize(8)
                    .build();
            int start = 0;
            if (checkpointIn != null) {
                Checkpoint c = CheckpointFile.read(checkpointIn, manager);
                c.restore(parameters, step);
                start = c.epoch();
            }
            TrainingLoop.Builder loop = TrainingLoop.builder()
                    .setStep(step)
                    .setTrainData(TRAIN)
                    .setSeeds(seeds)
                    .setEpochs(epochs)
                    .optStartEpoch(start)
                    .optEvaluation(TEST, new Evaluator(net, new SmoothedCrossEntropy(0), manager));
            if (checkpointOut != null) {
                loop.addListener(new TrainingListener() {
                    @Override
                    public void onEpochEnd(TrainingLoop l, EpochMetrics m) {
                        try (NDManager scratch = manager.newSubManager()) {
                            CheckpointFile.write(
                                    checkpointOut,
                                    Checkpoint.capture(
                                            m.epoch(),
                                            (long) m.epoch() * TRAIN.batchesPerEpoch(),
                                            parameters,
                                            step,
                                            "{}",
                                            scratch));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                });
            }
            List<EpochMetrics> history = loop.build().run();
            finalWeights.addAll(Fixtures.weights(net));
            return history;
        }
    }

    private static List<Double> comparable(List<EpochMetrics> history) {
        List<Double> out = new ArrayList<>();
        for (EpochMetrics m : history) {
            out.addAll(List.of(
                    m.trainLoss(),
                    m.trainAccuracy(),
                    m.testLoss(),
                    m.testAccuracy(),
                    m.learningRate(),
                    m.gradientNorm(),
                    m.epsilonNorm()));
        }
        return out;
    }

    @Test
    void sameSeedGivesIdenticalMetricsAndResumeEqualsUninterrupted(@TempDir Path dir) {
        List<float[]> fullWeights = new ArrayList<>();
        List<EpochMetrics> full = run(EPOCHS, null, null, fullWeights);
        List<float[]> againWeights = new ArrayList<>();
        List<EpochMetrics> again = run(EPOCHS, null, null, againWeights);
        assertThat(comparable(again)).containsExactlyElementsOf(comparable(full));

        Path checkpoint = dir.resolve("checkpoint.bin");
        run(1, null, checkpoint, new ArrayList<>());
        List<float[]> resumedWeights = new ArrayList<>();
        List<EpochMetrics> resumed = run(EPOCHS, checkpoint, null, resumedWeights);

        assertThat(resumed).hasSize(EPOCHS - 1);
        assertThat(comparable(resumed)).containsExactlyElementsOf(comparable(full.subList(1, EPOCHS)));
        for (int i = 0; i < fullWeights.size(); i++) {
            assertThat(resumedWeights.get(i)).containsExactly(fullWeights.get(i));
        }
        assertThat(full.get(EPOCHS - 1).testAccuracy()).isGreaterThan(0.6);
    }

    @Test
    void corruptOrForeignCheckpointsFailWithOneLine(@TempDir Path dir) throws Exception {
        Path checkpoint = dir.resolve("checkpoint.bin");
        run(1, null, checkpoint, new ArrayList<>());
        byte[] bytes = Files.readAllBytes(checkpoint);

        Path flipped = dir.resolve("flipped.bin");
        bytes[bytes.length / 2] ^= 0x40;
        Files.write(flipped, bytes);
        Path truncated = dir.resolve("truncated.bin");
        Files.write(truncated, Arrays.copyOf(Files.readAllBytes(checkpoint), 100));
        Path foreign = dir.resolve("foreign.bin");
        Files.writeString(foreign, "not a checkpoint at all");

        try (NDManager manager = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> CheckpointFile.read(flipped, manager))
                    .isInstanceOf(CheckpointException.class)
                    .hasMessageContaining(flipped.toString())
                    .hasMessageContaining("CRC mismatch");
            assertThatThrownBy(() -> CheckpointFile.read(truncated, manager))
                    .isInstanceOf(CheckpointException.class)
                    .hasMessageContaining("corrupt or truncated");
            assertThatThrownBy(() -> CheckpointFile.read(foreign, manager))
                    .isInstanceOf(CheckpointException.class)
                    .hasMessageContaining("bad magic");
            assertThatThrownBy(() -> CheckpointFile.read(dir.resolve("missing.bin"), manager))
                    .isInstanceOf(CheckpointException.class)
                    .hasMessageContaining("does not exist");

            Checkpoint good = CheckpointFile.read(checkpoint, manager);
            Block other = Fixtures.onesLinear(manager, 2, 1, false);
            assertThatThrownBy(() -> good.restore(ModelParameters.of(other), null))
                    .isInstanceOf(CheckpointException.class)
                    .hasMessageContaining("model arrays");
        }
    }
}
