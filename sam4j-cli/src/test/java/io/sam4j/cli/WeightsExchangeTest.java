package io.sam4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.JsonNode;
import io.sam4j.cli.run.InitFrom;
import io.sam4j.cli.run.ModelFactory;
import io.sam4j.cli.run.RunDirectory;
import io.sam4j.cli.run.RunWeights;
import io.sam4j.cli.spec.ConfigFiles;
import io.sam4j.cli.spec.RunSpec;
import io.sam4j.cli.spec.Specs;
import io.sam4j.core.random.Seeds;
import io.sam4j.core.util.Hashing;
import io.sam4j.core.weights.ModelWeights;
import io.sam4j.core.weights.NamedTensor;
import io.sam4j.core.weights.Npz;
import io.sam4j.core.weights.SafeTensors;
import io.sam4j.zoo.model.ModelCatalog;
import io.sam4j.zoo.model.ModelOptions;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sam4j export}, {@code --init-from} and {@code --freeze-bn} on a tiny Fashion-MNIST run. */
class WeightsExchangeTest {

    @TempDir
    static Path dir;

    static Path run;

    static final List<String> CNN_NAMES = List.of(
            "conv1.weight",
            "bn1.weight",
            "bn1.bias",
            "bn1.running_mean",
            "bn1.running_var",
            "conv2.weight",
            "bn2.weight",
            "bn2.bias",
            "bn2.running_mean",
            "bn2.running_var",
            "fc.weight",
            "fc.bias",
            "bn3.weight",
            "bn3.bias",
            "bn3.running_mean",
            "bn3.running_var",
            "classifier.weight",
            "classifier.bias");

    @BeforeAll
    static void trainATinyRun() {
        assertThat(TrainEndToEndTest.FASHION.resolve("train-images-idx3-ubyte.gz"))
                .exists();
        run = dir.resolve("run");
        CliRun result = tiny(run);
        assertThat(result.exitCode()).as(result.err()).isZero();
    }

    static CliRun tiny(Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "train",
                "--out",
                out.toString(),
                "--train-limit",
                "300",
                "--test-limit",
                "100",
                "--epochs",
                "1",
                "--batch-size",
                "100",
                "--quiet"));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void exportWritesPyTorchNamesAndInitFromRestoresThemBitwise() throws Exception {
        Path file = dir.resolve("cnn.safetensors");
        CliRun export = CliRun.of("export", run.toString(), "--format", "safetensors", "--out", file.toString());
        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(export.out()).contains("wrote 18 tensors").contains("after epoch 1");
        SafeTensors.Contents contents = SafeTensors.read(file);
        assertThat(contents.tensors()).extracting(NamedTensor::name).containsExactlyElementsOf(CNN_NAMES);
        assertThat(contents.metadata()).containsEntry("sam4j_model", "cnn").containsEntry("format", "pt");

        for (Path source : List.of(file, run)) {
            try (NDManager manager = NDManager.newBaseManager()) {
                RunSpec config = Specs.of("seed", "77");
                Block fresh = ModelFactory.build(
                        config.model(),
                        new RunDirectory(run).readModelInput().orElseThrow(),
                        new Seeds(config.run().seed()),
                        manager);
                assertThat(ModelWeights.export(fresh)).isNotEqualTo(contents.tensors());
                Map<String, Object> record = InitFrom.apply(source, fresh, note -> {});
                assertThat(ModelWeights.export(fresh)).as("from " + source).isEqualTo(contents.tensors());
                assertThat(record.get("head_replaced")).isEqualTo(false);
                assertThat(record.get("sha256"))
                        .isEqualTo(Hashing.sha256Hex(source == run ? run.resolve("checkpoint.bin") : file));
            }
        }

        Path continued = dir.resolve("continued");
        CliRun train = tiny(continued, "--init-from", file.toString());
        assertThat(train.exitCode()).as(train.err()).isZero();
        JsonNode provenance = ConfigFiles.JSON
                .readTree(continued.resolve("config.json").toFile())
                .get("provenance");
        assertThat(provenance.at("/init_from/sha256").asText()).isEqualTo(Hashing.sha256Hex(file));
        assertThat(provenance.at("/init_from/path").asText())
                .isEqualTo(file.toAbsolutePath().normalize().toString());
    }

    @Test
    void exportKeepsAnExistingFileUnlessForced() throws Exception {
        Path file = dir.resolve("notes.txt");
        Files.writeString(file, "my notes\n");
        CliRun refused = CliRun.of("export", run.toString(), "--out", file.toString(), "--format", "safetensors");
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(refused.err())
                .startsWith("sam4j: error: --out " + file
                        + " already exists; choose another file or pass --force to replace it");
        assertThat(Files.readString(file)).isEqualTo("my notes\n");

        CliRun forced =
                CliRun.of("export", run.toString(), "--out", file.toString(), "--format", "safetensors", "--force");
        assertThat(forced.exitCode()).as(forced.err()).isZero();
        assertThat(SafeTensors.read(file).tensors())
                .extracting(NamedTensor::name)
                .isEqualTo(CNN_NAMES);
        // Atomic: no temporary file is left beside it.
        try (Stream<Path> siblings = Files.list(dir)) {
            assertThat(siblings.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".tmp-"));
        }

        CliRun intoDirectory = CliRun.of("export", run.toString(), "--out", dir.toString(), "--force");
        assertThat(intoDirectory.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(intoDirectory.err()).contains("is a directory");
    }

    @Test
    void npzExportHoldsTheSameTensors() throws Exception {
        Path npz = dir.resolve("cnn.npz");
        CliRun export = CliRun.of("export", run.toString(), "--out", npz.toString());
        assertThat(export.exitCode()).as(export.err()).isZero();
        List<String> entries = new ArrayList<>();
        try (InputStream in = Files.newInputStream(npz);
                ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                entries.add(e.getName());
                byte[] bytes = zip.readAllBytes();
                assertThat(new String(bytes, 1, 5, StandardCharsets.US_ASCII)).isEqualTo("NUMPY");
            }
        }
        assertThat(entries)
                .containsExactlyElementsOf(
                        CNN_NAMES.stream().map(n -> n + ".npy").toList());

        // What export writes, --init-from reads: the run starts from the same tensors.
        try (NDManager manager = NDManager.newBaseManager()) {
            assertThat(Npz.read(npz))
                    .isEqualTo(ModelWeights.export(RunWeights.open(run, manager).block()));
        }
        Path fromNpz = dir.resolve("from-npz");
        CliRun train = tiny(fromNpz, "--init-from", npz.toString());
        assertThat(train.exitCode()).as(train.err()).isZero();
        JsonNode provenance = ConfigFiles.JSON
                .readTree(fromNpz.resolve("config.json").toFile())
                .get("provenance");
        assertThat(provenance.at("/init_from/kind").asText()).isEqualTo("npz");
    }

    @Test
    void aHeadForAnotherClassCountStartsFresh() throws Exception {
        Path file = dir.resolve("five-classes.safetensors");
        try (NDManager manager = NDManager.newBaseManager()) {
            Block five = ModelCatalog.standard().build("cnn", new Shape(1, 28, 28), 5, ModelOptions.DEFAULTS);
            Engine.getInstance().setRandomSeed(5);
            five.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));
            SafeTensors.write(file, ModelWeights.export(five), Map.of());
        }
        Path out = dir.resolve("head");
        CliRun train = tiny(out, "--init-from", file.toString());
        assertThat(train.exitCode()).as(train.err()).isZero();
        assertThat(train.err())
                .contains("sam4j: note: --init-from: the class count differs, so the classification"
                        + " head starts fresh (classifier.weight [5, 128] -> [10, 128], classifier.bias [5] -> [10])");
        JsonNode provenance =
                ConfigFiles.JSON.readTree(out.resolve("config.json").toFile()).get("provenance");
        assertThat(provenance.at("/init_from/head_replaced").asBoolean()).isTrue();
    }

    @Test
    void badSourcesGiveOneLineNamingTheProblem() throws Exception {
        Path truncated = dir.resolve("truncated.safetensors");
        byte[] whole = Files.readAllBytes(exportedFile());
        Files.write(truncated, Arrays.copyOf(whole, 200));
        CliRun a = tiny(dir.resolve("bad1"), "--init-from", truncated.toString());
        assertThat(a.exitCode()).isEqualTo(2);
        assertThat(a.errorLines()).isEqualTo(1);
        assertThat(a.err()).contains("sam4j: error: --init-from " + truncated + ": safetensors header length");

        Path mlp = dir.resolve("mlp.safetensors");
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = ModelCatalog.standard().build("mlp", new Shape(1, 28, 28), 10, ModelOptions.DEFAULTS);
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));
            SafeTensors.write(mlp, ModelWeights.export(block), Map.of());
        }
        CliRun b = tiny(dir.resolve("bad2"), "--init-from", mlp.toString());
        assertThat(b.exitCode()).isEqualTo(2);
        assertThat(b.errorLines()).isEqualTo(1);
        assertThat(b.err())
                .containsPattern("sam4j: error: --init-from " + Pattern.quote(mlp.toString())
                        + ": tensor \\S+ \\[[0-9, ]+\\] is not a parameter of the model");

        CliRun c = CliRun.of(
                "export",
                run.toString(),
                "--format",
                "onnx",
                "--out",
                dir.resolve("x").toString());
        assertThat(c.exitCode()).isEqualTo(2);
        assertThat(c.err()).contains("--format must be one of safetensors, npz but was 'onnx'");
    }

    @Test
    void freezeBnKeepsTheRunningStatisticsOfTheStart() throws Exception {
        Path frozen = dir.resolve("frozen");
        CliRun train = tiny(frozen, "--init-from", run.toString(), "--freeze-bn");
        assertThat(train.exitCode()).as(train.err()).isZero();
        Path file = dir.resolve("frozen.safetensors");
        assertThat(CliRun.of("export", frozen.toString(), "--out", file.toString())
                        .exitCode())
                .isZero();
        List<NamedTensor> after = SafeTensors.read(file).tensors();
        List<NamedTensor> before = SafeTensors.read(exportedFile()).tensors();
        for (int i = 0; i < after.size(); i++) {
            NamedTensor a = after.get(i);
            if (a.name().contains("running_")) {
                assertThat(a).as(a.name()).isEqualTo(before.get(i));
            } else if (a.name().equals("conv1.weight")) {
                assertThat(a).as("weights still train").isNotEqualTo(before.get(i));
            }
        }
    }

    private static Path exportedFile() {
        Path file = dir.resolve("reference.safetensors");
        if (!Files.exists(file)) {
            assertThat(CliRun.of("export", run.toString(), "--out", file.toString())
                            .exitCode())
                    .isZero();
        }
        return file;
    }
}
