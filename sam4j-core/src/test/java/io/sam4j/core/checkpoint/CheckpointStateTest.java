package io.sam4j.core.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.sam4j.core.loss.SmoothedCrossEntropy;
import io.sam4j.core.optim.Optimizers;
import io.sam4j.core.random.Seeds;
import io.sam4j.core.sam.SharpnessAwareStep;
import io.sam4j.core.testing.Fixtures;
import io.sam4j.core.train.GradientPass;
import io.sam4j.core.train.ModelParameters;
import io.sam4j.core.train.TrainingLoop;
import io.sam4j.core.train.TrainingStep;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a checkpoint takes from a step: all of its state, or a refusal in one line. */
class CheckpointStateTest {

    private static TrainingStep samStep(NDManager manager, Block net, Optimizer optimizer) {
        ModelParameters parameters = ModelParameters.of(net);
        return SharpnessAwareStep.builder()
                .setPass(new GradientPass(net, parameters, new SmoothedCrossEntropy(0), manager))
                .setManager(manager)
                .setOptimizer(optimizer)
                .build();
    }

    /** DJL's own optimizers hide their state: training with a checkpoint is refused before any step. */
    @Test
    void djlOptimizersAreRefusedBeforeTheFirstStep(@TempDir Path dir) {
        Optimizer[] djl = {
            Optimizer.adam().build(),
            Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.1f)).build()
        };
        for (Optimizer optimizer : djl) {
            try (NDManager manager = NDManager.newBaseManager()) {
                Block net = Fixtures.convNet(manager, 3);
                List<float[]> before = Fixtures.weights(net);
                TrainingStep step = samStep(manager, net, optimizer);
                TrainingLoop loop = TrainingLoop.builder()
                        .setStep(step)
                        .setTrainData(Fixtures.source(32, 16, 1))
                        .setSeeds(new Seeds(1))
                        .setEpochs(1)
                        .addListener(new CheckpointListener(
                                dir.resolve("c.bin"), step.pass().parameters(), manager, m -> "{}"))
                        .build();
                String name = optimizer.getClass().getSimpleName();
                assertThatThrownBy(loop::run)
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageStartingWith("cannot checkpoint the optimizer " + name + ": DJL keeps its state")
                        .hasMessageNotContaining("\n");
                List<float[]> after = Fixtures.weights(net);
                for (int i = 0; i < before.size(); i++) {
                    assertThat(after.get(i)).containsExactly(before.get(i));
                }
                assertThat(dir.resolve("c.bin")).doesNotExist();
                assertThatThrownBy(() -> Checkpoint.capture(0, 0, step.pass().parameters(), step, "{}", manager))
                        .hasMessageStartingWith("cannot checkpoint the optimizer " + name);
            }
        }
    }

    /** A checkpoint written before steps had state (format 1) still resumes, with no step state. */
    @Test
    void formatOneCheckpointsStillRead(@TempDir Path dir) throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block net = Fixtures.convNet(manager, 3);
            TrainingStep step = samStep(
                    manager,
                    net,
                    Optimizers.sgd()
                            .setLearningRate(Tracker.fixed(0.1f))
                            .optMomentum(0.9f)
                            .build());
            step.step(Fixtures.randomImages(8, 1), 1);
            Checkpoint now = Checkpoint.capture(1, 5, step.pass().parameters(), step, "{\"a\":1}", manager);

            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.write("SAM4JCKP".getBytes(StandardCharsets.US_ASCII));
                out.writeInt(1);
                byte[] metadata = now.metadata().getBytes(StandardCharsets.UTF_8);
                out.writeInt(metadata.length);
                out.write(metadata);
                out.writeInt(now.epoch());
                out.writeLong(now.globalStep());
                for (NDList list : List.of(now.model(), now.optimizer())) {
                    byte[] block = list.encode();
                    out.writeInt(block.length);
                    out.write(block);
                }
            }
            byte[] body = bytes.toByteArray();
            CRC32 crc = new CRC32();
            crc.update(body);
            ByteArrayOutputStream file = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(file)) {
                out.write(body);
                out.writeLong(crc.getValue());
            }
            Path v1 = dir.resolve("v1.bin");
            Files.write(v1, file.toByteArray());

            Checkpoint read = CheckpointFile.read(v1, manager);
            assertThat(read.epoch()).isEqualTo(1);
            assertThat(read.globalStep()).isEqualTo(5);
            assertThat(read.step()).isEmpty();
            assertThat(read.optimizer()).hasSameSizeAs(now.optimizer());
            read.restore(step.pass().parameters(), step);
        }
    }
}
