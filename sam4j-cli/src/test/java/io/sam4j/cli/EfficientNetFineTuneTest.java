package io.sam4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import io.sam4j.cli.run.InitFrom;
import io.sam4j.cli.spec.ConfigFiles;
import io.sam4j.core.weights.FlaxCheckpoint;
import io.sam4j.core.weights.FlaxEfficientNet;
import io.sam4j.core.weights.ModelWeights;
import io.sam4j.core.weights.NamedTensor;
import io.sam4j.core.weights.SafeTensors;
import io.sam4j.core.weights.TorchNames;
import io.sam4j.zoo.model.ModelCatalog;
import io.sam4j.zoo.model.ModelOptions;
import java.awt.image.BufferedImage;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fine-tuning EfficientNet-B0 from a checkpoint in the official Flax layout, written here from a
 * sam4j B0 whose BatchNorm statistics were calibrated on random images (a "pretrained" network with
 * 1000 classes), packed as the official {@code checkpoint.tar.gz} is.
 *
 * <p>The preset run checks that training starts from the checkpoint with the preset's settings;
 * that a fine-tuning run learns is {@link EfficientNetFineTuneLearnsTest}'s job, from a checkpoint
 * with the official initializers and statistics calibrated to them.
 */
class EfficientNetFineTuneTest {

    private static final Shape SMALL = new Shape(3, 32, 32);

    @TempDir
    static Path dir;

    static Path archive;
    static Path checkpointFile;
    static List<NamedTensor> pretrained;

    @BeforeAll
    static void writeAPretrainedCheckpoint() throws Exception {
        Block net = ModelCatalog.standard().build("efficientnet-b0", SMALL, 1000, ModelOptions.DEFAULTS);
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(5);
            net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32, 32));
            // BatchNorm statistics from images like the folder's (red or blue noise, ImageNet-normalized),
            // so that the frozen statistics of the fine-tuning run suit its data, as a real
            // checkpoint's suit natural images.
            ParameterStore store = new ParameterStore(manager, false);
            Random random = new Random(1);
            // Many passes: the running variance starts at 1 and decays by the momentum 0.9 per pass,
            // while the true variance of some layers is far smaller.
            for (int i = 0; i < 80; i++) {
                net.forward(
                        store, new NDList(manager.create(colourNoise(random, 8, 16), new Shape(8, 3, 16, 16))), true);
            }
            pretrained = ModelWeights.export(net);
        }
        Path folder = Files.createDirectories(dir.resolve("efficientnet-b0"));
        checkpointFile = folder.resolve("checkpoint_7");
        FlaxCheckpoint.write(checkpointFile, FlaxEfficientNet.toFlaxTree(pretrained, 1e-5f));
        archive = dir.resolve("checkpoint.tar.gz");
        try (OutputStream file = Files.newOutputStream(archive);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(file))) {
            TarArchiveEntry entry = new TarArchiveEntry("efficientnet-b0/checkpoint_7");
            entry.setSize(Files.size(checkpointFile));
            tar.putArchiveEntry(entry);
            Files.copy(checkpointFile, tar);
            tar.closeArchiveEntry();
        }
    }

    /** A red or a blue pixel with a little noise, as 0-255 RGB. */
    private static int[] colour(Random random, boolean red) {
        int strong = 190 + random.nextInt(30);
        int weak = 20 + random.nextInt(30);
        return new int[] {red ? strong : weak, 30, red ? weak : strong};
    }

    /** Images like {@link #writeColours}, ImageNet-normalized as the folder loader does, (N, 3, S, S). */
    private static float[] colourNoise(Random random, int n, int side) {
        float[] mean = {0.485f, 0.456f, 0.406f};
        float[] std = {0.229f, 0.224f, 0.225f};
        float[] out = new float[n * 3 * side * side];
        for (int i = 0; i < n; i++) {
            boolean red = random.nextBoolean();
            for (int p = 0; p < side * side; p++) {
                int[] rgb = colour(random, red);
                for (int c = 0; c < 3; c++) {
                    out[(i * 3 + c) * side * side + p] = (rgb[c] / 255f - mean[c]) / std[c];
                }
            }
        }
        return out;
    }

    /** Two classes, nearly uniform red or blue 16x16 images: 12 per class to train, 4 to test. */
    private static Path writeColours(Path root) throws Exception {
        Random random = new Random(3);
        for (String split : new String[] {"train", "test"}) {
            for (String cls : new String[] {"blue", "red"}) {
                for (int i = 0; i < (split.equals("train") ? 12 : 4); i++) {
                    BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
                    for (int y = 0; y < 16; y++) {
                        for (int x = 0; x < 16; x++) {
                            int[] rgb = colour(random, cls.equals("red"));
                            img.setRGB(x, y, rgb[0] << 16 | rgb[1] << 8 | rgb[2]);
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

    private static Block fresh(String model, int classes, NDManager manager) {
        Block block = ModelCatalog.standard().build(model, SMALL, classes, ModelOptions.DEFAULTS);
        Engine.getInstance().setRandomSeed(99);
        block.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32, 32));
        return block;
    }

    @Test
    void theArchiveInitializesEveryTensorButTheNewHead() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = fresh("efficientnet-b0", 2, manager);
            Map<String, Parameter> model = TorchNames.of(block);
            List<String> notes = new ArrayList<>();
            Map<String, Object> record = InitFrom.apply(archive, block, notes::add);
            assertThat(record).containsEntry("kind", "flax").containsEntry("head_replaced", true);
            // 311 tensors (torchvision's 360 keys less 49 num_batches_tracked), the 2 of the head kept fresh.
            assertThat(record).containsEntry("tensors_loaded", 309);
            assertThat(notes)
                    .containsExactly("--init-from: the class count differs, so the classification head starts fresh"
                            + " (classifier.1.weight [1000, 1280] -> [2, 1280], classifier.1.bias [1000] -> [2])");
            for (NamedTensor t : pretrained) {
                if (t.name().startsWith("classifier.")) {
                    continue;
                }
                float[] loaded = model.get(t.name()).getArray().toFloatArray();
                if (t.name().endsWith("running_var")) {
                    // Through the checkpoint's epsilon 1e-3 and back: var - 0.00099 + 0.00099.
                    float[] expected = t.toFloats();
                    for (int i = 0; i < expected.length; i++) {
                        assertThat(loaded[i]).isCloseTo(expected[i], within(1e-6f));
                    }
                } else {
                    assertThat(loaded).as(t.name()).isEqualTo(t.toFloats());
                }
            }
        }
    }

    @Test
    void theFolderAndTheFileWorkTooAndMismatchesFailInOneLine() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block b0 = fresh("efficientnet-b0", 1000, manager);
            List<String> notes = new ArrayList<>();
            assertThat(InitFrom.apply(checkpointFile.getParent(), b0, notes::add))
                    .containsEntry("tensors_loaded", 311)
                    .containsEntry("head_replaced", false);
            assertThat(InitFrom.apply(checkpointFile, b0, notes::add)).containsEntry("kind", "flax");
            assertThat(notes).isEmpty();

            Block b1 = fresh("efficientnet-b1", 1000, manager);
            assertThatThrownBy(() -> InitFrom.apply(archive, b1, n -> {}))
                    .isInstanceOf(UserError.class)
                    .hasMessageNotContaining("\n")
                    // B1 repeats stage 1 twice, so its module 2 has no expansion where B0's has one.
                    .hasMessage("--init-from Flax checkpoint " + archive + "!efficientnet-b0/checkpoint_7 has"
                            + " 0/params/MBConvBlock_2/expand_conv2d_0/kernel"
                            + " [1, 1, 16, 96], which no tensor of the"
                            + " model takes (a checkpoint of another"
                            + " EfficientNet size?)");

            Block resnet = fresh("resnet-18", 10, manager);
            assertThatThrownBy(() -> InitFrom.apply(archive, resnet, n -> {}))
                    .hasMessageContaining("the model is not an EfficientNet");
        }
        Path truncated = dir.resolve("truncated");
        byte[] bytes = Files.readAllBytes(checkpointFile);
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        try (NDManager manager = NDManager.newBaseManager()) {
            Block b0 = fresh("efficientnet-b0", 1000, manager);
            assertThatThrownBy(() -> InitFrom.apply(truncated, b0, n -> {}))
                    .isInstanceOf(UserError.class)
                    .hasMessageStartingWith("--init-from " + truncated + ": is truncated")
                    .hasMessageNotContaining("\n");
            Path notAnArchive = dir.resolve("broken.tar.gz");
            Files.write(notAnArchive, Arrays.copyOf(Files.readAllBytes(archive), 100));
            assertThatThrownBy(() -> InitFrom.apply(notAnArchive, b0, n -> {}))
                    .isInstanceOf(UserError.class)
                    .hasMessageStartingWith("--init-from " + notAnArchive)
                    .hasMessageNotContaining("\n");
        }
    }

    @Test
    void safetensorsWithTorchvisionNamesRoundTrip() throws Exception {
        Path file = dir.resolve("b0.safetensors");
        SafeTensors.write(file, pretrained, Map.of());
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = fresh("efficientnet-b0", 1000, manager);
            Map<String, Parameter> model = TorchNames.of(block);
            Map<String, Object> record = InitFrom.apply(file, block, n -> {});
            assertThat(record).containsEntry("kind", "safetensors").containsEntry("tensors_loaded", 311);
            for (NamedTensor t : pretrained) {
                assertThat(model.get(t.name()).getArray().toFloatArray())
                        .as(t.name())
                        .isEqualTo(t.toFloats());
            }
        }
    }

    @Test
    void aPresetRunStartsFromTheArchive() throws Exception {
        Path data = writeColours(dir.resolve("Colours"));
        Path run = dir.resolve("finetune");
        CliRun result = CliRun.of(
                "train",
                "--model",
                "efficientnet-b0",
                "--init-from",
                archive.toString(),
                "--preset",
                "efficientnet-finetune",
                "--dataset",
                "folder:" + data,
                "--image-size",
                "16",
                "--batch-size",
                "8",
                "--epochs",
                "2",
                "--out",
                run.toString(),
                "--quiet");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err())
                .contains("sam4j: note: --init-from: the class count differs, so the classification head starts fresh");
        JsonNode written = ConfigFiles.JSON.readTree(run.resolve("config.json").toFile());
        JsonNode init = written.get("provenance").get("init_from");
        assertThat(init.get("kind").asText()).isEqualTo("flax");
        assertThat(init.get("tensors_loaded").asInt()).isEqualTo(309);
        JsonNode config = written.get("config");
        assertThat(config.get("preset").asText()).isEqualTo("efficientnet-finetune");
        assertThat(config.get("rho").asDouble()).isEqualTo(0.1);
        assertThat(config.get("freeze-bn").asBoolean()).isTrue();
        assertThat(config.get("lr").asDouble()).isEqualTo(0.1);
        assertThat(config.get("clip-norm").asDouble()).isEqualTo(1.0);
        assertThat(config.get("label-smoothing").asDouble()).isEqualTo(0.1);
        List<JsonNode> epochs = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
            epochs.add(ConfigFiles.JSON.readTree(line));
        }
        assertThat(epochs).hasSize(2);
        for (JsonNode epoch : epochs) {
            assertThat(Double.isFinite(epoch.get("train_loss").asDouble()))
                    .as(epoch.toString())
                    .isTrue();
            assertThat(Double.isFinite(epoch.get("test_loss").asDouble()))
                    .as(epoch.toString())
                    .isTrue();
        }
    }
}
