package io.sam4j.core.sam;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import io.sam4j.core.checkpoint.Checkpoint;
import io.sam4j.core.checkpoint.CheckpointFile;
import io.sam4j.core.checkpoint.CheckpointListener;
import io.sam4j.core.loss.SmoothedCrossEntropy;
import io.sam4j.core.optim.Optimizers;
import io.sam4j.core.random.Seeds;
import io.sam4j.core.schedule.LearningRateSchedule;
import io.sam4j.core.testing.Fixtures;
import io.sam4j.core.train.BatchSource;
import io.sam4j.core.train.EpochMetrics;
import io.sam4j.core.train.GradientPass;
import io.sam4j.core.train.ModelParameters;
import io.sam4j.core.train.TrainingLoop;
import io.sam4j.core.train.TrainingStep;
import io.sam4j.core.train.WeightDecay;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every method of the catalog resumes bitwise: a run checkpointed after epoch 1 and resumed ends with
 * the weights and metrics of the uninterrupted run, the step's own state (LookSAM's stored component
 * and step count, late SAM's step count, FriendlySAM's moving average) included.
 */
class FamilyResumeTest {

    private static final int EPOCHS = 3;
    private static final BatchSource TRAIN = Fixtures.source(48, 16, 1);

    /** Settings whose state matters within 3 epochs of 3 steps. */
    private static final Map<String, Map<String, Number>> METHODS = Map.ofEntries(
            Map.entry("rst", Map.of("p", 0.5)),
            Map.entry("looksam", Map.of("k", 2)),
            Map.entry("late-sam", Map.of("sam-start", 0.5)),
            Map.entry("gsam", Map.of("gsam-alpha", 0.3, "m", 8)),
            Map.entry("fsam", Map.of("fsam-lambda", 0.5)),
            Map.entry("sam-on", Map.of("rho", 0.2)),
            Map.entry("asam", Map.of("m", 5)),
            Map.entry("msam", Map.of("rho", 0.3)),
            Map.entry("ae-sam", Map.of("ae-lambda-start", 0, "ae-lambda-end", 0)),
            Map.entry("ae-looksam", Map.of("ae-lambda-start", 0, "ae-lambda-end", 0)),
            Map.entry("esam", Map.of("esam-beta", 0.5, "esam-gamma", 0.5)));

    private record Outcome(List<EpochMetrics> history, List<float[]> weights) {}

    private static Outcome run(String method, int epochLimit, Path in, Path out) {
        return run(settings -> SamMethods.named(method).build(settings, METHODS.get(method)), epochLimit, in, out);
    }

    private static Outcome run(Function<StepSettings, TrainingStep> factory, int epochLimit, Path in, Path out) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Seeds seeds = new Seeds(5);
            Block net = Fixtures.convNet(manager, (int) seeds.of(Seeds.Stream.INIT));
            ModelParameters parameters = ModelParameters.of(net);
            StepSettings settings = new StepSettings(
                    new GradientPass(net, parameters, new SmoothedCrossEntropy(0.1f), manager),
                    Optimizers.sgd()
                            .setLearningRate(
                                    LearningRateSchedule.cosine(0.1, (long) EPOCHS * TRAIN.batchesPerEpoch(), 0))
                            .optMomentum(0.9f)
                            .build(),
                    manager,
                    new WeightDecay(5e-4f),
                    0,
                    EPOCHS,
                    TRAIN.batchesPerEpoch());
            TrainingStep step = factory.apply(settings);
            int start = 0;
            if (in != null) {
                Checkpoint c = CheckpointFile.read(in, manager);
                c.restore(parameters, step);
                start = c.epoch();
            }
            TrainingLoop.Builder loop = TrainingLoop.builder()
                    .setStep(step)
                    .setTrainData(TRAIN)
                    .setSeeds(seeds)
                    .setEpochs(EPOCHS)
                    .optStartEpoch(start)
                    .optEpochLimit(epochLimit);
            if (out != null) {
                loop.addListener(new CheckpointListener(out, parameters, manager, m -> "{}"));
            }
            List<EpochMetrics> history = loop.build().run();
            return new Outcome(history, Fixtures.weights(net));
        }
    }

    private static List<Double> comparable(List<EpochMetrics> history) {
        List<Double> values = new ArrayList<>();
        for (EpochMetrics m : history) {
            values.addAll(
                    List.of(m.trainLoss(), m.trainAccuracy(), m.learningRate(), m.gradientNorm(), m.epsilonNorm()));
        }
        return values;
    }

    @Test
    void everyMethodResumesBitwise(@TempDir Path dir) {
        for (String method : METHODS.keySet()) {
            Outcome full = run(method, EPOCHS, null, null);
            Path checkpoint = dir.resolve(method + ".bin");
            run(method, 1, null, checkpoint);
            Outcome resumed = run(method, EPOCHS, checkpoint, null);
            assertResumedBitwise(method, full, resumed);
        }
    }

    /**
     * Each method built on a SAM step exports the wrapped step's state with its own: here FriendlySAM's
     * moving average of gradients, which LookSAM's checkpoints once dropped (a resumed run then
     * restarted the average and left the uninterrupted trajectory).
     */
    @Test
    void theWrappedPerturbationsStateResumesBitwise(@TempDir Path dir) {
        long steps = (long) EPOCHS * TRAIN.batchesPerEpoch();
        Map<String, Function<SharpnessAwareStep, TrainingStep>> methods = Map.of(
                "looksam", sam -> LookSamStep.of(sam, 2, 0.7f),
                "ae-looksam", sam -> AeSamStep.withLookSam(sam, new AdaptivePolicy(0.9, 0, 0, steps), 0.7f),
                "late-sam", sam -> LateSamStep.of(sam, 2),
                "rst", sam -> RandomizedSamStep.of(sam, 0.5),
                "gsam", sam -> GsamStep.of(sam, 0.3f),
                "esam", sam -> EfficientSamStep.of(sam, 0.5, 0.5));
        for (var method : methods.entrySet()) {
            Function<StepSettings, TrainingStep> factory = settings -> method.getValue()
                    .apply(settings.applyTo(SharpnessAwareStep.builder())
                            .optPerturbation(Perturbation.friendly(1, 0.5f))
                            .build());
            Outcome full = run(factory, EPOCHS, null, null);
            Path checkpoint = dir.resolve(method.getKey() + "-fsam.bin");
            run(factory, 1, null, checkpoint);
            try (NDManager manager = NDManager.newBaseManager()) {
                List<String> names = CheckpointFile.read(checkpoint, manager).step().stream()
                        .map(a -> a.getName())
                        .toList();
                assertThat(names).as(method.getKey()).contains("fsam.m.0");
            }
            assertResumedBitwise(method.getKey() + " around fsam", full, run(factory, EPOCHS, checkpoint, null));
        }
    }

    private static void assertResumedBitwise(String method, Outcome full, Outcome resumed) {
        assertThat(comparable(resumed.history()))
                .as(method)
                .containsExactlyElementsOf(comparable(full.history().subList(1, EPOCHS)));
        for (int i = 0; i < full.weights().size(); i++) {
            assertThat(resumed.weights().get(i))
                    .as(method + " array " + i)
                    .containsExactly(full.weights().get(i));
        }
    }

    /** Without its state a resumed LookSAM would start a new cycle: the checkpoint holds it. */
    @Test
    void stepStateIsInTheCheckpoint(@TempDir Path dir) {
        Path checkpoint = dir.resolve("looksam.bin");
        run("looksam", 1, null, checkpoint);
        try (NDManager manager = NDManager.newBaseManager()) {
            Checkpoint c = CheckpointFile.read(checkpoint, manager);
            List<String> names = c.step().stream().map(a -> a.getName()).toList();
            assertThat(names).contains("looksam.steps", "looksam.gv.0");
            assertThat(c.step().get(names.indexOf("looksam.steps")).getLong()).isEqualTo(3);
        }
    }
}
