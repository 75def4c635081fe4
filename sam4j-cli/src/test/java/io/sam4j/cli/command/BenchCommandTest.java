package io.sam4j.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.sam4j.cli.ExitCodes;
import io.sam4j.cli.Sam4j;
import io.sam4j.cli.spec.ConfigFiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Argument handling of {@code sam4j bench}, and one tiny {@code bench hvp}. */
class BenchCommandTest {

    private record Result(int code, String err, String out) {}

    private static Result run(String... args) {
        PrintStream originalErr = System.err;
        PrintStream originalOut = System.out;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream captureErr = new PrintStream(err, true, StandardCharsets.UTF_8);
                PrintStream captureOut = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            System.setErr(captureErr);
            System.setOut(captureOut);
            int code = Sam4j.execute(args);
            return new Result(code, err.toString(StandardCharsets.UTF_8), out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(originalErr);
            System.setOut(originalOut);
        }
    }

    private static void assertUsageError(Result result, String fragment) {
        assertThat(result.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err().lines().count()).isEqualTo(1);
        assertThat(result.err()).startsWith("sam4j: error: ").contains(fragment);
    }

    @Test
    void rejectsMalformedInputShape() {
        assertUsageError(run("bench", "steps", "--input", "3x32"), "--input must look like CxHxW");
        assertUsageError(run("bench", "hvp", "--input", "3xAx32"), "--input must look like CxHxW");
        assertUsageError(run("bench", "memory", "mlp", "--input", "0x32x32"), "--input dimensions must be >= 1");
    }

    @Test
    void rejectsUnknownModel() {
        assertUsageError(run("bench", "steps", "--models", "mlp,no-such-model"), "no-such-model");
        assertUsageError(run("bench", "memory", "wrn-16"), "wrn-16");
    }

    @Test
    void rejectsOutOfRangeCounts() {
        assertUsageError(run("bench", "steps", "--steps", "0"), "--steps must be >= 1");
        assertUsageError(run("bench", "methods", "all", "--warmup", "-1"), "--warmup must be >= 0");
        assertUsageError(run("bench", "loader", "basic", "--threads", "0"), "--threads must be >= 1");
        assertUsageError(run("bench", "hvp", "--batch-size", "0"), "--batch-size must be >= 1");
    }

    @Test
    void rejectsBadSamMode() {
        assertUsageError(run("bench", "memory", "mlp", "--sam", "asam"), "--sam must be sam or none");
        assertUsageError(run("bench"), "bench needs a subcommand: steps, methods, memory, loader or hvp");
    }

    @Test
    void rejectsNonNumericOption() {
        Result result = run("bench", "steps", "--steps", "ten");
        assertThat(result.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).startsWith("sam4j: error: ").contains("--steps");
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertThat(BenchOptions.median(new double[] {3, 1, 2})).isEqualTo(2);
        assertThat(BenchOptions.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
    }

    @Test
    void rejectsBadLoaderSettings() {
        assertUsageError(run("bench", "loader", "mixup"), "--augment 'mixup': unknown augmentation 'mixup'");
        assertUsageError(run("bench", "loader", "basic", "--loader-images", "10"), "--loader-images must be >= 128");
        assertUsageError(run("bench", "loader", "basic", "--feed", "wrn-16"), "wrn-16");
    }

    @Test
    void loaderModeReportsImagesPerSecondForOneAndTwoWorkers(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path json = dir.resolve("loader.json");
        Result result = run(
                "bench",
                "loader",
                "basic,autoaugment",
                "--loader-images",
                "256",
                "--repeats",
                "1",
                "--feed",
                "none",
                "--json",
                json.toString());
        assertThat(result.code()).as(result.err()).isZero();
        JsonNode loader = ConfigFiles.JSON.readTree(json.toFile()).get("loader");
        assertThat(loader.get("augment").asText()).isEqualTo("basic,autoaugment");
        assertThat(loader.get("images_per_s_1_worker").asDouble()).isPositive();
        assertThat(loader.get("images_per_s_2_workers").asDouble()).isPositive();
    }

    /** bench hvp on a tiny model writes both kinds of product, each timed once per round, and their ratios. */
    @Test
    void hvpBenchmarkTimesBothKindsOfProduct(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("hvp.json");
        Result result = run(
                "bench",
                "hvp",
                "--models",
                "cnn",
                "--input",
                "1x8x8",
                "--batch-size",
                "4",
                "--warmup",
                "1",
                "--steps",
                "2",
                "--json",
                json.toString());
        assertThat(result.code()).as(result.err()).isZero();
        JsonNode r = ConfigFiles.JSON.readTree(json.toFile()).get("results").get(0);
        assertThat(r.get("model").asText()).isEqualTo("cnn");
        for (String key : List.of("grad_ms", "hvp_ms", "retained_hvp_ms")) {
            assertThat(r.get(key)).as(key).hasSize(2);
        }
        assertThat(r.get("hvp_grad_ratio").asDouble())
                .isCloseTo(
                        r.get("hvp_ms_median").asDouble()
                                / r.get("grad_ms_median").asDouble(),
                        within(1e-9));
        assertThat(r.get("retained_hvp_grad_ratio").asDouble()).isPositive();
        assertThat(r.get("retained_graphs").asInt()).isEqualTo(1);
        assertUsageError(run("bench", "hvp", "--models", "nope"), "nope");
    }

    @Test
    void methodsAreTimedSideBySideAgainstTheBaseStep(@TempDir Path dir) throws Exception {
        assertUsageError(run("bench", "methods", "looksamm"), "unknown method 'looksamm'");
        Path json = dir.resolve("methods.json");
        Result result = run(
                "bench",
                "methods",
                "rst,looksam,sam-on",
                "--models",
                "mlp",
                "--input",
                "1x8x8",
                "--batch-size",
                "16",
                "--warmup",
                "1",
                "--steps",
                "10",
                "--json",
                json.toString());
        assertThat(result.code()).as(result.err()).isZero();
        // mlp has no normalization layer for SAM-ON to perturb: left out with the reason, not fatal.
        assertThat(result.out())
                .contains("sam-on     left out: sam-on perturbs normalization layers only, and the model has none");
        JsonNode rows = ConfigFiles.JSON.readTree(json.toFile()).get("methods");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).get("method").asText()).isEqualTo("none");
        assertThat(rows.get(0).get("ratio_to_base").asDouble()).isEqualTo(1.0);
        assertThat(rows.get(1).get("method").asText()).isEqualTo("rst");
        assertThat(rows.get(1).get("passes_theory").asDouble()).isEqualTo(1.5);
        assertThat(rows.get(2).get("passes_theory").asDouble()).isEqualTo(1.2);
        // The passes the ten timed steps ran: one each for the base step, LookSAM's k = 5 exactly
        // (a whole run of ten steps: SAM at steps 0 and 5), RST what its coins gave.
        assertThat(rows.get(0).get("passes").asDouble()).isEqualTo(1.0);
        assertThat(rows.get(2).get("passes").asDouble()).isEqualTo(1.2);
        assertThat(rows.get(1).get("passes").asDouble()).isBetween(1.0, 2.0);
        for (JsonNode row : rows) {
            assertThat(row.get("ms")).hasSize(10);
            assertThat(row.get("ms_mean").asDouble()).isPositive();
            assertThat(row.get("ratio_to_passes").asDouble())
                    .isCloseTo(
                            row.get("ratio_to_base").asDouble()
                                    / row.get("passes").asDouble(),
                            within(1e-3));
        }
    }

    /** bench steps and bench memory on a tiny model: the shared JSON header and each one's figures. */
    @Test
    void stepsAndMemoryWriteTheirFigures(@TempDir Path dir) throws Exception {
        Path steps = dir.resolve("steps.json");
        String[] tiny = {"--input", "1x8x8", "--batch-size", "4", "--warmup", "0", "--steps", "3", "--seed", "7"};
        Result result =
                run(concat(new String[] {"bench", "steps", "--models", "mlp", "--json", steps.toString()}, tiny));
        assertThat(result.code()).as(result.err()).isZero();
        JsonNode root = ConfigFiles.JSON.readTree(steps.toFile());
        assertThat(root.get("seed").asLong()).isEqualTo(7);
        assertThat(root.get("input").asText()).isEqualTo("1x8x8");
        JsonNode r = root.get("results").get(0);
        assertThat(r.get("sgd_ms")).hasSize(3);
        double sam = r.get("sam_ms_median").asDouble();
        double sgd = r.get("sgd_ms_median").asDouble();
        // The medians are rounded to 0.1 ms in the JSON and the ratio to 0.001.
        assertThat(r.get("sam_sgd_ratio").asDouble())
                .isCloseTo(sam / sgd, within(sam / sgd * (0.05 / sam + 0.05 / sgd) + 0.0005));

        Path memory = dir.resolve("memory.json");
        result = run(
                concat(new String[] {"bench", "memory", "mlp", "--sam", "none", "--json", memory.toString()}, tiny));
        assertThat(result.code()).as(result.err()).isZero();
        JsonNode rss = ConfigFiles.JSON.readTree(memory.toFile()).get("rss");
        assertThat(rss.get("sam").asText()).isEqualTo("none");
        assertThat(rss.get("ms")).hasSize(3);
        assertThat(rss.get("peak_rss_kib").asLong())
                .isGreaterThanOrEqualTo(rss.get("rss_before_steps_kib").asLong());
    }

    /** The synthetic batch every bench uses: the seed's, shaped as asked, labels within the classes. */
    @Test
    void syntheticBatchIsTheSeeds() {
        BenchOptions a = new BenchOptions(1, 1);
        a.seed = new SeedOption();
        a.batchSize = 5;
        a.classes = 3;
        ai.djl.ndarray.types.Shape shape = new ai.djl.ndarray.types.Shape(2, 3, 4);
        io.sam4j.core.train.ArrayBatch one = a.syntheticBatch(shape);
        io.sam4j.core.train.ArrayBatch two = a.syntheticBatch(shape);
        assertThat(one.shape()).containsExactly(5, 2, 3, 4);
        assertThat(one.data()).hasSize(5 * 24).isEqualTo(two.data());
        assertThat(one.labelArray()).isEqualTo(two.labelArray());
        assertThat(java.util.Arrays.stream(one.labelArray()).allMatch(y -> y >= 0 && y < 3))
                .isTrue();
        a.seed.seed = 8L;
        assertThat(a.syntheticBatch(shape).data()).isNotEqualTo(one.data());
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
