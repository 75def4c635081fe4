package io.sam4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sam4j.cli.spec.ConfigFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sam4j sweep} on this machine: bad arguments fail with one line before anything starts; a
 * failing run does not stop the others and is reported with its reason; running the sweep again
 * skips the finished run and retries the failed one; a different sweep in the same directory is
 * refused.
 */
class SweepLocalTest {

    static final String[] TINY = {
        "--train-limit", "300", "--test-limit", "200", "--epochs", "2", "--batch-size", "50", "--quiet"
    };

    static CliRun sweep(Path out, String grid, String... extra) {
        List<String> args = new ArrayList<>(List.of("sweep", "--grid", grid, "--out", out.toString()));
        args.addAll(List.of(TINY));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    static void assertOneLineError(CliRun run, String fragment) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.errorLines()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).contains(fragment).doesNotContain("\tat ");
    }

    @Test
    void badArgumentsFailWithOneLineAndCreateNothing(@TempDir Path dir) {
        Path out = dir.resolve("sweep");
        assertOneLineError(sweep(out, "rho=0.1,x"), "--grid: axis 'rho' takes numbers but 'x' is not one");
        assertOneLineError(sweep(out, "rhoo=0.1"), "did you mean 'rho'?");
        assertOneLineError(
                sweep(out, "seed=1", "--rhoo", "0.1"), "unknown sweep or train flag '--rhoo' (did you mean '--rho'?)");
        assertOneLineError(sweep(out, "seed=1", "--resume", "x"), "--resume cannot be given to a sweep");
        assertOneLineError(
                sweep(out, "sam=sam rho=-0.1"), "sweep run sam-sam_rho--0.1: --rho must be >= 0 but was -0.1");
        assertOneLineError(
                sweep(out, "seed=1", "--executor", "cloud"), "--executor must be local or slurm but was 'cloud'");
        assertThat(out).doesNotExist();
    }

    @Test
    void aFailingRunIsReportedAndRetriedWhileTheOthersFinish(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("sweep");
        // A signal model passes the grid (its name is known) and fails in its own JVM, where it meets images.
        CliRun first = sweep(out, "model=mlp,transformer-ts-tiny", "--jobs", "2");
        assertThat(first.exitCode()).as(first.out() + first.err()).isEqualTo(ExitCodes.FAILURE);
        assertThat(first.out())
                .containsPattern("model-mlp +done +2/2 +\\d+\\.\\d\\d%")
                .containsPattern("model-transformer-ts-tiny +failed .*transformer")
                .contains("2 runs: 1 done, 1 failed");

        JsonNode index = ConfigFiles.JSON.readTree(out.resolve("sweep.json").toFile());
        assertThat(index.get("grid").asText()).isEqualTo("model=mlp,transformer-ts-tiny");
        assertThat(index.at("/shared_flags/epochs").asText()).isEqualTo("2");
        JsonNode good = index.at("/runs/0");
        JsonNode bad = index.at("/runs/1");
        assertThat(good.get("name").asText()).isEqualTo("model-mlp");
        assertThat(good.get("status").asText()).isEqualTo("done");
        assertThat(good.get("exit_code").asInt()).isZero();
        assertThat(good.get("directory").asText())
                .isEqualTo(out.resolve("model-mlp").toString());
        assertThat(good.at("/flags/model").asText()).isEqualTo("mlp");
        assertThat(bad.get("status").asText()).isEqualTo("failed");
        assertThat(bad.get("exit_code").asInt()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.get("reason").asText()).contains("transformer");
        assertThat(bad.get("started").asText()).isNotBlank();
        assertThat(bad.get("ended").asText()).isNotBlank();
        byte[] goodSummary = Files.readAllBytes(out.resolve("model-mlp/summary.json"));

        CliRun again = sweep(out, "model=mlp,transformer-ts-tiny", "--jobs", "2");
        assertThat(again.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(again.out()).contains("1 done, 1 to run").doesNotContain("model-mlp started");
        JsonNode after = ConfigFiles.JSON.readTree(out.resolve("sweep.json").toFile());
        assertThat(after.at("/runs/0/attempts").asInt()).isEqualTo(1);
        assertThat(after.at("/runs/1/attempts").asInt()).isEqualTo(2);
        assertThat(Files.readAllBytes(out.resolve("model-mlp/summary.json"))).isEqualTo(goodSummary);

        assertOneLineError(sweep(out, "model=mlp"), "holds a different sweep");
        assertOneLineError(sweep(out, "model=mlp,transformer-ts-tiny", "--seed", "2"), "holds a different sweep");
        // A name no family knows fails before any run starts.
        assertOneLineError(
                sweep(dir.resolve("unknown"), "model=mlp,mlpp"), "unknown model 'mlpp' (did you mean 'mlp'?)");
    }
}
