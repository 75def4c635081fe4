package io.sam4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.sam4j.cli.spec.ConfigFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
        ProcessHandle worker = awaitWorker(sweep);
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

    /** The sweep's worker JVM, once it has trained an epoch (so the kill lands mid-training). */
    private static ProcessHandle awaitWorker(CompletableFuture<CliRun> sweep) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (sweep.isDone()) {
                CliRun early = sweep.get();
                fail("the sweep ended before its worker could be killed: " + early.out() + early.err());
            }
            List<ProcessHandle> workers = ProcessHandle.current()
                    .descendants()
                    .filter(p -> p.info().arguments().map(List::of).orElse(List.of()).stream()
                            .anyMatch(a -> a.endsWith("SweepWorker")))
                    .toList();
            Optional<ProcessHandle> worker = workers.stream().findFirst();
            if (worker.isPresent() && trainedAnEpoch(worker.get())) {
                return worker.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no sweep worker started within 120 s");
    }

    private static boolean trainedAnEpoch(ProcessHandle worker) {
        List<String> args = worker.info().arguments().map(List::of).orElse(List.of());
        int at = args.indexOf("io.sam4j.cli.sweep.SweepWorker");
        if (at < 0 || at + 1 >= args.size()) {
            return false;
        }
        try {
            Path metrics = Path.of(args.get(at + 1)).resolve("metrics.jsonl");
            return Files.exists(metrics) && Files.size(metrics) > 0;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
