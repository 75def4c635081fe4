package io.sam4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sam4j.cli.spec.ConfigFiles;
import io.sam4j.core.testing.RequiredTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sam4j sweep --executor slurm} against a real Slurm: the single-node cluster that {@code
 * scripts/slurm-local.sh start} runs on loopback (as {@code .ci/run} does). Skipped where no Slurm
 * answers.
 */
class SweepSlurmTest {

    @BeforeAll
    static void slurmAnswers() {
        RequiredTool.assumeToolOrFailInCi(
                sinfoAnswers(), "no Slurm cluster answers 'sinfo'; start one with scripts/slurm-local.sh start");
    }

    private static boolean sinfoAnswers() {
        try {
            Process sinfo = new ProcessBuilder("sinfo", "-h")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return sinfo.waitFor(20, TimeUnit.SECONDS) && sinfo.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void aSweepOnSlurmFinishesAndReports(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("sweep");
        List<String> args = new ArrayList<>(List.of(
                "sweep",
                "--executor",
                "slurm",
                "--poll-seconds",
                "0.5",
                "--slurm-cpus",
                "1",
                "--slurm-time",
                "10:00",
                "--slurm-arg=--job-name=sam4j-test",
                "--grid",
                "sam=none,sam",
                "--out",
                out.toString()));
        args.addAll(List.of(SweepLocalTest.TINY));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out())
                .contains("submitted 2 runs as Slurm job array")
                .containsPattern("sam-none +done +2/2 +\\d+\\.\\d\\d%")
                .containsPattern("sam-sam +done +2/2 +\\d+\\.\\d\\d%")
                .contains("2 runs: 2 done, 0 failed");

        JsonNode index = ConfigFiles.JSON.readTree(out.resolve("sweep.json").toFile());
        assertThat(index.get("executor").asText()).isEqualTo("slurm");
        String arrayId = null;
        for (int i = 0; i < 2; i++) {
            JsonNode r = index.get("runs").get(i);
            assertThat(r.get("status").asText()).isEqualTo("done");
            assertThat(r.get("exit_code").asInt()).isZero();
            String job = r.get("slurm_job").asText();
            assertThat(job).matches("\\d+_" + i);
            arrayId = job.substring(0, job.indexOf('_'));
            Path runDir = out.resolve(r.get("name").asText());
            assertThat(Files.readAllLines(runDir.resolve("metrics.jsonl"))).hasSize(2);
            assertThat(Files.readString(runDir.resolve("sweep.log"))).contains("attempt 1 on ");
        }
        assertThat(out.resolve("slurm").resolve(arrayId + "_0.out")).exists();
        String script = Files.readString(Files.list(out.resolve("slurm"))
                .filter(p -> p.toString().endsWith(".sbatch"))
                .findFirst()
                .orElseThrow());
        assertThat(script)
                .contains(
                        "#SBATCH --array=0-1\n",
                        "#SBATCH --cpus-per-task=1\n",
                        "#SBATCH --time=10:00\n",
                        "#SBATCH --job-name=sam4j-test\n");

        CliRun again = CliRun.of(args.toArray(String[]::new));
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("2 done, 0 to run").doesNotContain("submitted");
    }
}
