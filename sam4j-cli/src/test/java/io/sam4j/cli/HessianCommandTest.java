package io.sam4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sam4j.cli.spec.ConfigFiles;
import io.sam4j.core.tensorboard.Event;
import io.sam4j.core.tensorboard.EventFileReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sam4j hessian} on a small trained run, and {@code sam4j train --hessian-every}: the files,
 * their keys and the consistency of their figures; bad flags give one-line errors.
 */
class HessianCommandTest {

    static final String[] TINY = {
        "--train-limit",
        "400",
        "--test-limit",
        "100",
        "--model",
        "cnn",
        "--batch-size",
        "32",
        "--lr",
        "0.05",
        "--epochs",
        "2",
        "--quiet"
    };

    @TempDir
    static Path dir;

    static Path plain;
    static Path tracked;

    @BeforeAll
    static void trainTwoRuns() {
        assertThat(TrainEndToEndTest.FASHION.resolve("train-images-idx3-ubyte.gz"))
                .exists();
        plain = dir.resolve("plain");
        tracked = dir.resolve("tracked");
        CliRun a = train(plain);
        assertThat(a.exitCode()).as(a.err()).isZero();
        CliRun b = train(tracked, "--hessian-every", "1", "--hessian-trace");
        assertThat(b.exitCode()).as(b.err()).isZero();
    }

    static CliRun train(Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "--out", out.toString()));
        args.addAll(List.of(TINY));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    /** Every figure the issue asks for, consistent with each other, plus the plot. */
    @Test
    void writesHessianJsonAndDensityPlot() throws Exception {
        CliRun run = CliRun.of(
                "hessian",
                plain.toString(),
                "--examples",
                "32",
                "--batch-size",
                "16",
                "--top-k",
                "3",
                "--iterations",
                "8",
                "--min",
                "--trace",
                "--probes",
                "2",
                "--density",
                "--lanczos-steps",
                "6",
                "--seed",
                "5");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("top-3 eigenvalues:").contains("hessian.json");
        JsonNode json = ConfigFiles.JSON.readTree(plain.resolve("hessian.json").toFile());
        for (String key : List.of(
                "eigenvalues",
                "lambda_max",
                "lambda_min",
                "lambda_max_over_lambda_min",
                "lambda_max_over_lambda_k",
                "trace",
                "density",
                "top_k_convergence",
                "settings",
                "seed",
                "sample",
                "timings")) {
            assertThat(json.has(key)).as(key).isTrue();
        }
        JsonNode eigenvalues = json.get("eigenvalues");
        assertThat(eigenvalues).hasSize(3);
        assertThat(eigenvalues.get(0).asDouble())
                .isGreaterThanOrEqualTo(eigenvalues.get(1).asDouble());
        assertThat(eigenvalues.get(1).asDouble())
                .isGreaterThanOrEqualTo(eigenvalues.get(2).asDouble());
        double lambdaMax = json.get("lambda_max").asDouble();
        double lambdaMin = json.get("lambda_min").asDouble();
        assertThat(lambdaMax).isPositive();
        assertThat(lambdaMin).isLessThan(lambdaMax);
        assertThat(json.get("lambda_max_over_lambda_min").asDouble())
                .isCloseTo(Math.abs(lambdaMax / lambdaMin), within(1e-9));
        assertThat(json.get("lambda_max_over_lambda_k").asDouble())
                .isCloseTo(lambdaMax / eigenvalues.get(2).asDouble(), within(1e-9));
        assertThat(json.at("/trace/probes").asInt()).isEqualTo(2);
        assertThat(json.at("/trace/standard_error").asDouble()).isPositive();
        assertThat(json.at("/top_k_convergence/method").asText()).isEqualTo("Lanczos with full reorthogonalization");
        assertThat(json.at("/top_k_convergence/eigenvalues/0/history").size())
                .isEqualTo(
                        json.at("/top_k_convergence/eigenvalues/0/iterations").asInt());
        // Converged means the residual bound met the tolerance, relative to the eigenvalue.
        JsonNode top = json.at("/top_k_convergence/eigenvalues/0");
        if (top.get("converged").asBoolean()) {
            assertThat(top.get("residual_bound").asDouble())
                    .isLessThanOrEqualTo(json.at("/settings/tolerance").asDouble() * lambdaMax);
        }
        assertThat(json.at("/settings/examples").asInt()).isEqualTo(32);
        // The sample: which examples, with which labels, and the loss on them.
        assertThat(json.at("/sample/seed").asLong()).isEqualTo(5);
        assertThat(json.at("/sample/examples").asInt()).isEqualTo(32);
        assertThat(json.at("/sample/batches").asInt()).isEqualTo(2);
        assertThat(json.at("/sample/noisy_labels").asBoolean()).isFalse();
        assertThat(json.at("/sample/labels").asText()).isEqualTo("clean");
        assertThat(json.at("/sample/indices_sha256").asText()).matches("[0-9a-f]{64}");
        assertThat(json.at("/sample/loss").asDouble())
                .isEqualTo(json.get("loss").asDouble());
        assertThat(json.get("seed").asLong()).isEqualTo(5);
        assertThat(json.at("/timings/retained_graphs").asInt()).isEqualTo(2);
        assertThat(run.out()).contains("kept the gradient graphs of 2 of 2 batches");
        JsonNode grid = json.at("/density/grid");
        JsonNode values = json.at("/density/values");
        assertThat(grid.size()).isEqualTo(values.size()).isGreaterThan(100);
        double integral = 0;
        for (int i = 1; i < grid.size(); i++) {
            integral += (values.get(i).asDouble() + values.get(i - 1).asDouble())
                    / 2
                    * (grid.get(i).asDouble() - grid.get(i - 1).asDouble());
        }
        assertThat(integral).isCloseTo(1, within(1e-6));
        Path png = plain.resolve("hessian-density.png");
        assertThat(png).exists();
        byte[] header = Files.readAllBytes(png);
        assertThat(header.length).isGreaterThan(1000);
        assertThat(new String(header, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");

        // The same seed gives the same figures.
        CliRun again = CliRun.of(
                "hessian",
                plain.toString(),
                "--examples",
                "32",
                "--batch-size",
                "16",
                "--top-k",
                "3",
                "--iterations",
                "8",
                "--seed",
                "5");
        assertThat(again.exitCode()).as(again.err()).isZero();
        JsonNode second =
                ConfigFiles.JSON.readTree(plain.resolve("hessian.json").toFile());
        assertThat(second.get("eigenvalues")).isEqualTo(eigenvalues);
        assertThat(second.get("sample")).isEqualTo(json.get("sample"));
        assertThat(second.has("density")).isFalse();

        // Without kept graphs every product starts from scratch (fused BatchNorm): the same spectrum.
        CliRun scratch = CliRun.of(
                "hessian",
                plain.toString(),
                "--examples",
                "32",
                "--batch-size",
                "16",
                "--top-k",
                "3",
                "--iterations",
                "8",
                "--seed",
                "5",
                "--graph-memory",
                "0");
        assertThat(scratch.exitCode()).as(scratch.err()).isZero();
        JsonNode third = ConfigFiles.JSON.readTree(plain.resolve("hessian.json").toFile());
        assertThat(third.at("/timings/retained_graphs").asInt()).isZero();
        for (int k = 0; k < 3; k++) {
            double expected = eigenvalues.get(k).asDouble();
            assertThat(third.get("eigenvalues").get(k).asDouble())
                    .isCloseTo(expected, within(1e-4 * Math.abs(expected)));
        }
    }

    /** --hessian-every records λmax and the trace each epoch, in metrics.jsonl and TensorBoard, without changing training. */
    @Test
    void trainRecordsSharpnessWithoutDisturbingTraining() throws Exception {
        List<JsonNode> with = TrainEndToEndTest.metrics(tracked);
        List<JsonNode> without = TrainEndToEndTest.metrics(plain);
        assertThat(with).hasSize(2);
        for (int e = 0; e < 2; e++) {
            JsonNode row = with.get(e).deepCopy();
            assertThat(row.get("hessian_lambda_max").asDouble()).isPositive();
            assertThat(row.get("hessian_trace").isNumber()).isTrue();
            ((ObjectNode) row).remove(List.of("hessian_lambda_max", "hessian_trace"));
            assertThat(row).isEqualTo(without.get(e));
        }
        List<Event> events =
                EventFileReader.read(EventFileReader.listEventFiles(tracked).get(0));
        assertThat(events.stream()
                        .filter(ev -> ev.scalars().containsKey("hessian/lambda_max"))
                        .count())
                .isEqualTo(2);
        JsonNode config =
                ConfigFiles.JSON.readTree(tracked.resolve("config.json").toFile());
        assertThat(config.at("/config/hessian-every").asInt()).isEqualTo(1);
    }

    /**
     * --sample-seed draws other examples (another hash, another loss); a sample as large as the training set
     * is all of it, whatever the seed.
     */
    @Test
    void sampleSeedChoosesTheExamples() throws Exception {
        JsonNode five = sample(plain, "32", "5");
        JsonNode six = sample(plain, "32", "6");
        assertThat(six.get("seed").asLong()).isEqualTo(6);
        assertThat(six.get("indices_sha256")).isNotEqualTo(five.get("indices_sha256"));
        assertThat(six.get("loss").asDouble()).isNotEqualTo(five.get("loss").asDouble());
        JsonNode allFive = sample(plain, "1000", "5");
        JsonNode allSix = sample(plain, "1000", "6");
        assertThat(allFive.get("examples").asInt()).isEqualTo(400);
        assertThat(allFive.get("requested_examples").asInt()).isEqualTo(1000);
        assertThat(allSix.get("indices_sha256")).isEqualTo(allFive.get("indices_sha256"));
        assertThat(allSix.get("loss").asDouble()).isEqualTo(allFive.get("loss").asDouble());
        // The positions 0..399, one per line, as the JSON says its hash is made.
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            all.append(i).append('\n');
        }
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
        assertThat(allFive.get("indices_sha256").asText())
                .isEqualTo(java.util.HexFormat.of()
                        .formatHex(sha.digest(all.toString().getBytes(StandardCharsets.US_ASCII))));
    }

    private static JsonNode sample(Path run, String examples, String sampleSeed) throws Exception {
        CliRun r = CliRun.of(
                "hessian",
                run.toString(),
                "--examples",
                examples,
                "--iterations",
                "3",
                "--sample-seed",
                sampleSeed,
                "--quiet");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("sample seed " + sampleSeed);
        return ConfigFiles.JSON.readTree(run.resolve("hessian.json").toFile()).get("sample");
    }

    @Test
    void badFlagsGiveOneLineErrors() {
        assertOneLine(CliRun.of("hessian", plain.toString(), "--top-k", "0"), "--top-k must be >= 1 but was 0");
        assertOneLine(CliRun.of("hessian", plain.toString(), "--examples", "0"), "--examples must be >= 1 but was 0");
        assertOneLine(
                CliRun.of("hessian", plain.toString(), "--tolerance", "2"),
                "--tolerance must be in (0, 1) but was 2.0");
        assertOneLine(
                CliRun.of("hessian", plain.toString(), "--trace", "--probes", "1"), "--trace needs --probes >= 2");
        assertOneLine(CliRun.of("hessian", dir.resolve("missing").toString()), "config.json is missing");
        assertOneLine(
                CliRun.of("hessian", plain.toString(), "--graph-memory", "4x"),
                "expected a size such as 0, 512m or 4g but was '4x'");
        assertOneLine(
                CliRun.of("train", "--hessian-trace", "--out", dir.resolve("x").toString()),
                "--hessian-trace needs --hessian-every");
        assertOneLine(
                CliRun.of(
                        "train",
                        "--hessian-every",
                        "-1",
                        "--out",
                        dir.resolve("y").toString()),
                "--hessian-every must be >= 0 but was -1");
    }

    private static void assertOneLine(CliRun run, String fragment) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.errorLines()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).contains(fragment).doesNotContain("\tat ");
    }
}
