package io.sam4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.sam4j.cli.spec.ConfigFiles;
import io.sam4j.cli.sweep.LogTail;
import io.sam4j.cli.sweep.SweepWorker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run whose JVM dies of a signal in native code, as libtorch's SIGFPE kills it on some CPUs: the
 * worker is sent a real SIGFPE ({@code kill -FPE}, which HotSpot handles as a fatal error in native
 * code, exactly as a hardware one). The sweep's status and {@code sweep.json} then say "crashed
 * (SIGFPE in native code), see RUN/hs_err_pidN.log", the error file is in the run directory, and the
 * report repeats the line.
 */
class SweepCrashTest {

    @Test
    void aWorkerKilledBySigfpeIsReportedAsANativeCrashWithItsErrorFile(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("sweep");
        CompletableFuture<CliRun> sweep = CompletableFuture.supplyAsync(() -> CliRun.of(
                "sweep",
                "--grid",
                "seed=1",
                "--out",
                out.toString(),
                "--model",
                "mlp",
                "--train-limit",
                "3000",
                "--test-limit",
                "200",
                "--batch-size",
                "32",
                "--epochs",
                "200",
                "--quiet"));
        ProcessHandle worker = awaitWorker(sweep, out.resolve("seed-1"));
        Process kill = new ProcessBuilder("kill", "-FPE", String.valueOf(worker.pid()))
                .inheritIO()
                .start();
        assertThat(kill.waitFor()).isZero();
        CliRun result = sweep.get(120, TimeUnit.SECONDS);

        Path runDir = out.resolve("seed-1");
        Path errorFile = runDir.resolve("hs_err_pid" + worker.pid() + ".log");
        assertThat(errorFile).exists();
        String expected = "crashed (SIGFPE in native code), see " + errorFile;
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.out()).as("the status table").contains("crashed (SIGFPE in native code)");
        JsonNode index = ConfigFiles.JSON.readTree(out.resolve("sweep.json").toFile());
        assertThat(index.get("runs").get(0).get("reason").asText()).isEqualTo(expected);

        Path page = dir.resolve("report.html");
        CliRun report = CliRun.of("report", out.toString(), "--out", page.toString());
        assertThat(report.exitCode()).as(report.out() + report.err()).isZero();
        assertThat(Files.readString(page)).contains(expected);
    }

    /**
     * The sweep's worker JVM, once it has trained an epoch (so the kill lands mid-training), by the
     * PID its attempt line in the run's log gives.
     */
    private static ProcessHandle awaitWorker(CompletableFuture<CliRun> sweep, Path runDir) throws Exception {
        Pattern attempt = Pattern.compile(Pattern.quote(LogTail.ATTEMPT_MARKER) + ".*, pid (\\d+),");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (sweep.isDone()) {
                CliRun early = sweep.get();
                fail("the sweep ended before its worker could be killed: " + early.out() + early.err());
            }
            Path log = runDir.resolve(SweepWorker.LOG_FILE);
            Path metrics = runDir.resolve("metrics.jsonl");
            if (Files.exists(log) && Files.exists(metrics) && Files.size(metrics) > 0) {
                Matcher m = attempt.matcher(Files.readString(log));
                if (m.find()) {
                    return ProcessHandle.of(Long.parseLong(m.group(1))).orElseThrow();
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no sweep worker trained an epoch within 120 s");
    }
}
