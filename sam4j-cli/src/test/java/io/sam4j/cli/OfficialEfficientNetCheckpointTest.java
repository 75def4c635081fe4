package io.sam4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import io.sam4j.cli.run.InitFrom;
import io.sam4j.cli.spec.ConfigFiles;
import io.sam4j.core.weights.NamedTensor;
import io.sam4j.core.weights.Npz;
import io.sam4j.zoo.model.ModelCatalog;
import io.sam4j.zoo.model.ModelOptions;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checkpoints in the official SAM code's layouts, written outside sam4j: {@code
 * src/test/python/official_efficientnet_fixture.py} writes an EfficientNet-B0-shaped network at
 * width 0.1 (16 MBConv blocks, 213 arrays, 49 BatchNorm statistics entries, 10 classes) with flax
 * 0.2.2's module names, as the pretrained pair and as a training checkpoint, each with flax 0.2.2's
 * {@code '<f4'} and flax 0.3's {@code 'float32'} dtypes, packed as {@code .tar.gz}; and the logits
 * that its own NumPy implementation of the official forward pass (TensorFlow "SAME" padding,
 * BatchNorm epsilon 1e-3) computes on two fixed images. sam4j must load each through {@code
 * --init-from}'s loader and compute those logits.
 */
class OfficialEfficientNetCheckpointTest {

    private static final String FIXTURES = "/io/sam4j/cli/official-efficientnet/";
    private static final Shape INPUT = new Shape(3, 32, 32);
    private static final double TOLERANCE = 1e-4;

    @TempDir
    static Path dir;

    static float[] input;
    static float[] expected;

    @BeforeAll
    static void readTheExpectedLogits() throws Exception {
        Map<String, NamedTensor> npz = Npz.read(fixture("expected.npz")).stream()
                .collect(Collectors.toMap(NamedTensor::name, Function.identity()));
        assertThat(npz.get("input").shape()).containsExactly(2, 3, 32, 32);
        assertThat(npz.get("logits").shape()).containsExactly(2, 10);
        input = npz.get("input").toFloats();
        expected = npz.get("logits").toFloats();
    }

    private static Path fixture(String name) throws Exception {
        return Path.of(OfficialEfficientNetCheckpointTest.class
                .getResource(FIXTURES + name)
                .toURI());
    }

    /** Loads a fixture into a fresh model with {@code --init-from}'s loader and returns its logits. */
    private static float[] logits(String model, String fixture, List<String> notes, Map<String, Object>[] record)
            throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = ModelCatalog.standard().build(model, INPUT, 10, ModelOptions.DEFAULTS);
            Engine.getInstance().setRandomSeed(3);
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32, 32));
            record[0] = InitFrom.apply(fixture(fixture), block, notes::add);
            return block.forward(
                            new ParameterStore(manager, false),
                            new NDList(manager.create(input, new Shape(2, 3, 32, 32))),
                            false)
                    .singletonOrThrow()
                    .toFloatArray();
        }
    }

    /** max |a - b| over max |b|: the error relative to the logits' scale. */
    private static double relativeError(float[] actual, float[] reference) {
        double worst = 0;
        double scale = 0;
        for (int i = 0; i < reference.length; i++) {
            worst = Math.max(worst, Math.abs(actual[i] - reference[i]));
            scale = Math.max(scale, Math.abs(reference[i]));
        }
        return worst / scale;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "pretrained-f4.tar.gz",
                "pretrained-float32.tar.gz",
                "training-f4.tar.gz",
                "training-float32.tar.gz"
            })
    void everyLayoutAndEncodingGivesTheOfficialLogits(String fixture) throws Exception {
        List<String> notes = new ArrayList<>();
        @SuppressWarnings("unchecked")
        Map<String, Object>[] record = new Map[1];
        float[] actual = logits("tf-efficientnet-b0-narrow", fixture, notes, record);
        assertThat(record[0])
                .containsEntry("kind", "flax")
                .containsEntry("tensors_loaded", 311)
                .containsEntry("head_replaced", false)
                .containsEntry("flax_naming", "flax 0.2.2 (Stem_0, MBConvBlock_K, Head_n+1)");
        assertThat(notes).isEmpty();
        double error = relativeError(actual, expected);
        System.out.printf(Locale.ROOT, "%s: max relative logit error %.2e%n", fixture, error);
        assertThat(error).as(fixture).isLessThanOrEqualTo(TOLERANCE);
    }

    /** The same weights with torchvision's symmetric padding compute another function. */
    @Test
    void torchvisionPaddingWouldNotGiveThem() throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object>[] record = new Map[1];
        float[] symmetric = logits("efficientnet-b0-narrow", "pretrained-f4.tar.gz", new ArrayList<>(), record);
        assertThat(record[0]).containsEntry("tensors_loaded", 311);
        assertThat(relativeError(symmetric, expected)).isGreaterThan(0.05);
    }

    @Test
    void onlyFlaxSourcesSelectTheTensorFlowPadding() throws Exception {
        assertThat(InitFrom.isFlax(fixture("pretrained-f4.tar.gz"))).isTrue();
        assertThat(InitFrom.isFlax(fixture("expected.npz"))).isFalse();
        assertThat(ModelCatalog.tensorFlowPaddedForm("EfficientNet-B0")).hasValue("tf-efficientnet-b0");
        assertThat(ModelCatalog.tensorFlowPaddedForm("tf-efficientnet-b0")).isEmpty();
        assertThat(ModelCatalog.tensorFlowPaddedForm("resnet-50")).isEmpty();
    }

    /** Two classes of red or blue 32x32 noise: 4 images each to train, 2 to test. */
    private static Path writeColours(Path root) throws Exception {
        Random random = new Random(3);
        for (String split : new String[] {"train", "test"}) {
            for (String cls : new String[] {"blue", "red"}) {
                for (int i = 0; i < (split.equals("train") ? 4 : 2); i++) {
                    BufferedImage img = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
                    for (int y = 0; y < 32; y++) {
                        for (int x = 0; x < 32; x++) {
                            int strong = 190 + random.nextInt(30);
                            int weak = 20 + random.nextInt(30);
                            boolean red = cls.equals("red");
                            img.setRGB(x, y, (red ? strong : weak) << 16 | 30 << 8 | (red ? weak : strong));
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
    void thePresetFineTunesFromAnOfficialCheckpointWithItsPadding() throws Exception {
        Path data = writeColours(dir.resolve("colours"));
        Path run = dir.resolve("finetune");
        CliRun result = CliRun.of(
                "train",
                "--preset",
                "efficientnet-finetune",
                "--model",
                "efficientnet-b0-narrow",
                "--init-from",
                fixture("training-f4.tar.gz").toString(),
                "--dataset",
                "folder:" + data,
                "--image-size",
                "32",
                "--batch-size",
                "8",
                "--epochs",
                "1",
                "--out",
                run.toString(),
                "--quiet");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err())
                .contains("sam4j: note: --init-from " + fixture("training-f4.tar.gz")
                        + " is a Flax checkpoint of the official SAM code, whose convolutions pad as TensorFlow's"
                        + " 'SAME': training tf-efficientnet-b0-narrow");
        JsonNode written = ConfigFiles.JSON.readTree(run.resolve("config.json").toFile());
        JsonNode config = written.get("config");
        assertThat(config.get("model").asText()).isEqualTo("tf-efficientnet-b0-narrow");
        assertThat(config.get("preset").asText()).isEqualTo("efficientnet-finetune");
        assertThat(config.get("freeze-bn").asBoolean()).isTrue();
        JsonNode init = written.get("provenance").get("init_from");
        assertThat(init.get("kind").asText()).isEqualTo("flax");
        assertThat(init.get("flax_naming").asText()).startsWith("flax 0.2.2");
        // 10 classes in the checkpoint, 2 in the folder: the head starts fresh.
        assertThat(init.get("tensors_loaded").asInt()).isEqualTo(309);
        List<String> lines = Files.readAllLines(run.resolve("metrics.jsonl"));
        assertThat(lines).hasSize(1);
        JsonNode epoch = ConfigFiles.JSON.readTree(lines.get(0));
        assertThat(Double.isFinite(epoch.get("train_loss").asDouble()))
                .as(epoch.toString())
                .isTrue();

        Path exported = dir.resolve("narrow.safetensors");
        CliRun export = CliRun.of("export", run.toString(), "--out", exported.toString());
        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(export.err().lines().filter(l -> l.contains("pads as TensorFlow's 'SAME'")))
                .containsExactly("sam4j: note: tf-efficientnet-b0-narrow pads as TensorFlow's 'SAME' (asymmetric at"
                        + " stride 2) and torchvision's efficientnet_b0_narrow pads symmetrically, so these weights"
                        + " give other outputs there; timm's tf_efficientnet_b0_narrow pads as they need");
        assertThat(exported).exists();
    }
}
