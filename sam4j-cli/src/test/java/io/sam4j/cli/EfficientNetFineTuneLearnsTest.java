package io.sam4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.JsonNode;
import io.sam4j.cli.run.InitFrom;
import io.sam4j.cli.spec.ConfigFiles;
import io.sam4j.core.weights.FlaxCheckpoint;
import io.sam4j.core.weights.FlaxEfficientNet;
import io.sam4j.core.weights.ModelWeights;
import io.sam4j.core.weights.NamedTensor;
import io.sam4j.zoo.model.ModelCatalog;
import io.sam4j.zoo.model.ModelOptions;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code --preset efficientnet-finetune} run from an EfficientNet-B0 checkpoint in the official
 * Flax layout learns an image-folder task.
 *
 * <p>The checkpoint is an untrained but well-initialized B0 written as the official code would save
 * it: every kernel drawn from a seeded generator with the official initializers (convolutions He
 * normal over fan-out, {@code kh·kw·out} of the HWIO kernel, so {@code kh·kw} for a depthwise one;
 * the dense head uniform in ±1/√classes), biases 0, BatchNorm scale 1 and bias 0. Its BatchNorm
 * statistics are then calibrated over generic images (one random colour each, with noise; not the
 * task's classes), because the preset freezes them: with frozen statistics a BatchNorm layer is a
 * fixed affine map, and the initial mean 0, variance 1 do not normalize He-initialized activations,
 * which then shrink 2 to 20 times per stage (to ~1e-7 at the head of B0, measured), so that a run
 * from such a checkpoint stays at chance. A real checkpoint's statistics are those of its
 * activations, as the calibrated ones are here.
 *
 * <p>The calibration is exact and takes one pass: in {@code tf-efficientnet-b0}, the network a Flax
 * checkpoint trains as (SAME padding, eps 1e-3, momentum 0.99), every running statistic is set to
 * 0, one batch of 128 images goes through in training mode, and each layer's running statistics,
 * then 1 - 0.99 of that batch's, are divided by 0.01. It used to be 400 passes of 16 images at
 * momentum 0.99, which leave 0.99^400 = 1.8% of the initial mean 0, variance 1 in every layer:
 * running variance ≈ 0.98·v + 0.018, while the true pre-BatchNorm variances v of this network on
 * these images are small (5th, 25th, 50th percentiles over all channels 8e-4, 0.031, 0.34; the
 * smallest layer median 0.011). Those statistics no longer normalize: comparing inference with
 * training mode on one batch (exact statistics blended with 1.8% of the initial ones), the
 * stem's output differs by 9%, stage 3's by 47%, and the head's features are 7.4 times smaller
 * (relative difference 1.0; logits std 0.056 against 0.42); with the 400 passes the test ended
 * at test accuracy 0.5 with losses ~0.9, in 321 s. With the exact statistics the head's features
 * differ by 0.54 (the running variance is the unbiased one, 128/127 at the 1x1 layers of this 16x16
 * input, compounding over ~36 layers).
 *
 * <p>With the exact statistics and the preset's ρ 0.1 (checkpoint seed 1, training seed 1) test
 * accuracy reached 0.94 from epoch 2 on, but the run diverged: gradient norm 116 at epoch 1, 3.7e3,
 * 3.4e5, 1.2e6 at epoch 4, train loss 1.38 rising to 16 at epoch 8. The same run from statistics
 * perturbed by ~1% learned cleanly (accuracy 1.0, loss 1.27 to 0.44), and at lr 0.005 it was still
 * at chance after 3 epochs: the official network from this untrained checkpoint is on the edge of
 * stability with SAM's fixed-size step at ρ 0.1. The run therefore also overrides ρ to 0.05, at
 * which it passes (seed 1, measured once on 2 loaded cores); a trained checkpoint is far flatter.
 *
 * <p>The preset's lr 0.1 is the official value for a trained EfficientNet-L2 at batch 512; this
 * untrained network at batch 8 is far sharper (gradient norms ~50 before clipping), and at lr 0.1,
 * and in some seeds even at 0.02, the run diverges (losses in the thousands). The run therefore
 * overrides lr to 0.01, with batch 8 and 8 epochs for the tiny folder; ρ 0.1, clipping 1.0, label
 * smoothing 0.1, frozen BatchNorm, Nesterov momentum, weight decay and the reference dropout and
 * drop-connect stay the preset's. In the torchvision-padded {@code efficientnet-b0} (eps 1e-5),
 * before Flax checkpoints trained as {@code tf-efficientnet-b0}, checkpoint seeds 1 and 3 and
 * training seeds 1-3 gave final test accuracy 1.0 in five runs and 0.78 in one (a loss spike late in
 * the run, where the learning rate is near 0), hence the threshold 0.75 against chance 0.5 (24 or
 * more of 32 right by chance: p ≈ 0.004). Runs
 * from the same checkpoint before calibration (identity statistics), at lr 0.1 and 0.01, stayed at
 * exactly 0.5. The run is deterministic for a given seed on one machine. Its time is that of 64
 * SAM steps (128 forward and backward passes of B0 at batch 8): the test took about 30 s on two
 * cores shared with other builds; on two cores at load 9 to 11 an epoch took 47 to 73 s (one
 * forward and backward pass of either B0 form 1 to 5 s), at lower load 1.7 s. The whole test took
 * 267 s under that load with the one-pass calibration, 321 s before with 400 passes.
 */
class EfficientNetFineTuneLearnsTest {

    private static final int SIDE = 16;
    private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] STD = {0.229f, 0.224f, 0.225f};

    /** DJL's BatchNorm momentum of {@code tf-efficientnet-*}, the official 0.99 (EfficientNetFamily). */
    private static final float TF_MOMENTUM = 0.99f;

    /** Images in the one calibration batch. */
    private static final int CALIBRATION = 128;

    @TempDir
    Path dir;

    /** Replaces every leaf of a Flax EfficientNet tree by the official code's initial value for it. */
    @SuppressWarnings("unchecked")
    private static void initialize(Map<String, Object> tree, Random random) {
        for (Map.Entry<String, Object> e : tree.entrySet()) {
            if (e.getValue() instanceof Map<?, ?> child) {
                initialize((Map<String, Object>) child, random);
                continue;
            }
            NamedTensor t = (NamedTensor) e.getValue();
            long[] shape = t.shape();
            float[] values = new float[Math.toIntExact(t.size())];
            String leaf = e.getKey();
            if (leaf.equals("depthwise_kernel") || leaf.equals("kernel") && shape.length == 4) {
                // HWIO (depthwise: kh, kw, C, 1): fan-out is kh * kw * O.
                double std = Math.sqrt(2.0 / (shape[0] * shape[1] * shape[3]));
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) (random.nextGaussian() * std);
                }
            } else if (leaf.equals("kernel")) {
                // The dense head (in, out): uniform in +-1/sqrt(out).
                double limit = 1 / Math.sqrt(shape[1]);
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) ((2 * random.nextDouble() - 1) * limit);
                }
            } else if (leaf.equals("scale") || leaf.equals("var")) {
                Arrays.fill(values, 1f);
            } else if (!leaf.equals("bias") && !leaf.equals("mean")) {
                throw new IllegalStateException("unexpected leaf " + t.name());
            }
            e.setValue(NamedTensor.ofFloats(t.name(), shape, values));
        }
    }

    /** N images of one random colour each plus noise, ImageNet-normalized as the folder loader does. */
    private static float[] anyColour(Random random, int n) {
        int plane = SIDE * SIDE;
        float[] out = new float[n * 3 * plane];
        for (int i = 0; i < n; i++) {
            int[] base = {random.nextInt(256), random.nextInt(256), random.nextInt(256)};
            for (int p = 0; p < plane; p++) {
                for (int c = 0; c < 3; c++) {
                    int v = Math.max(0, Math.min(255, base[c] + random.nextInt(81) - 40));
                    out[(i * 3 + c) * plane + p] = (v / 255f - MEAN[c]) / STD[c];
                }
            }
        }
        return out;
    }

    /** Writes {@code efficientnet-b0/checkpoint_0} under root, as the official archive extracts. */
    private static Path writeCheckpoint(Path root) throws Exception {
        Path folder = Files.createDirectories(root.resolve("efficientnet-b0"));
        Path file = folder.resolve("checkpoint_0");
        try (NDManager manager = NDManager.newBaseManager()) {
            // The official network's padding and BatchNorm, which a Flax checkpoint now trains as, so that
            // the statistics calibrated below are those of the network that is fine-tuned.
            Block net = ModelCatalog.standard()
                    .build("tf-efficientnet-b0", new Shape(3, SIDE, SIDE), 1000, ModelOptions.DEFAULTS);
            net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, SIDE, SIDE));
            // The tree's structure (paths, shapes) from the mapping; every value from the official initializers.
            Map<String, Object> tree = FlaxEfficientNet.toFlaxTree(ModelWeights.export(net), 1e-3f);
            initialize(tree, new Random(1));
            FlaxCheckpoint.write(file, tree);

            InitFrom.apply(file, net, note -> {});
            // Exact statistics in one pass: every running mean and variance set to 0, one forward pass in
            // training mode over one batch, in which each BatchNorm layer, normalizing by the batch's own
            // statistics, keeps 1 - momentum of them; dividing by 1 - momentum leaves those statistics.
            List<Parameter> statistics = new ArrayList<>();
            for (Pair<String, Parameter> p : net.getParameters()) {
                Parameter.Type type = p.getValue().getType();
                if (type == Parameter.Type.RUNNING_MEAN || type == Parameter.Type.RUNNING_VAR) {
                    statistics.add(p.getValue());
                }
            }
            assertThat(statistics).hasSize(2 * 49);
            statistics.forEach(p -> p.getArray().muli(0));
            ParameterStore store = new ParameterStore(manager, false);
            net.forward(
                    store,
                    new NDList(manager.create(
                            anyColour(new Random(11), CALIBRATION), new Shape(CALIBRATION, 3, SIDE, SIDE))),
                    true);
            statistics.forEach(p -> p.getArray().divi(1 - TF_MOMENTUM));
            FlaxCheckpoint.write(file, FlaxEfficientNet.toFlaxTree(ModelWeights.export(net), 1e-3f));
        }
        return folder;
    }

    /** Red or blue images with strong per-pixel noise: 32 per class to train, 16 to test. */
    private static Path writeColours(Path root) throws Exception {
        Random random = new Random(3);
        for (String split : new String[] {"train", "test"}) {
            for (String cls : new String[] {"blue", "red"}) {
                for (int i = 0; i < (split.equals("train") ? 32 : 16); i++) {
                    BufferedImage img = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
                    for (int y = 0; y < SIDE; y++) {
                        for (int x = 0; x < SIDE; x++) {
                            int strong = 150 + random.nextInt(80);
                            int weak = 20 + random.nextInt(80);
                            int green = 20 + random.nextInt(100);
                            boolean red = cls.equals("red");
                            img.setRGB(x, y, (red ? strong : weak) << 16 | green << 8 | (red ? weak : strong));
                        }
                    }
                    Path file = root.resolve(split).resolve(cls).resolve(i + ".png");
                    Files.createDirectories(file.getParent());
                    ImageIO.write(img, "png", file.toFile());
                }
            }
        }
        return root;
    }

    @Test
    void aPresetRunFromTheCheckpointFolderLearns() throws Exception {
        Path checkpoint = writeCheckpoint(dir.resolve("ckpts"));
        Path data = writeColours(dir.resolve("Colours"));
        Path run = dir.resolve("finetune");
        CliRun result = CliRun.of(
                "train",
                "--model",
                "efficientnet-b0",
                "--init-from",
                checkpoint.toString(),
                "--preset",
                "efficientnet-finetune",
                "--dataset",
                "folder:" + data,
                "--image-size",
                String.valueOf(SIDE),
                // The preset's lr 0.1 diverges on this untrained network (see the class comment).
                "--lr",
                "0.01",
                // The preset's rho 0.1 diverges on this untrained network (see the class comment).
                "--rho",
                "0.05",
                "--batch-size",
                "8",
                "--epochs",
                "8",
                "--seed",
                "1",
                "--out",
                run.toString(),
                "--quiet");
        assertThat(result.exitCode()).as(result.err()).isZero();

        JsonNode written = ConfigFiles.JSON.readTree(run.resolve("config.json").toFile());
        JsonNode init = written.get("provenance").get("init_from");
        assertThat(init.get("kind").asText()).isEqualTo("flax");
        assertThat(init.get("tensors_loaded").asInt()).isEqualTo(309);
        JsonNode config = written.get("config");
        assertThat(config.get("rho").asDouble()).isEqualTo(0.05);
        assertThat(config.get("freeze-bn").asBoolean()).isTrue();

        List<JsonNode> epochs = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
            epochs.add(ConfigFiles.JSON.readTree(line));
        }
        assertThat(epochs).hasSize(8);
        JsonNode first = epochs.get(0);
        JsonNode last = epochs.get(epochs.size() - 1);
        assertThat(last.get("train_loss").asDouble())
                .as(epochs.toString())
                .isLessThan(first.get("train_loss").asDouble());
        assertThat(last.get("test_accuracy").asDouble()).as(epochs.toString()).isGreaterThanOrEqualTo(0.75);
    }
}
