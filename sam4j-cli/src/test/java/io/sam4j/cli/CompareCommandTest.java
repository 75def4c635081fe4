package io.sam4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sam4j.cli.spec.ConfigFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sam4j compare} end to end on a tiny task: it tunes on the hold-out, tests the chosen points on
 * fresh seeds, writes the table, and when run again reruns only what did not finish.
 */
class CompareCommandTest {

    private static CliRun compare(Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "compare",
                "--methods",
                "none,sam",
                "--out",
                out.toString(),
                "--seeds",
                "2",
                "--jobs",
                "2",
                "--model",
                "mlp",
                "--train-limit",
                "300",
                "--test-limit",
                "200",
                "--epochs",
                "1",
                "--batch-size",
                "50",
                "--label-noise",
                "0.2"));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static Map<Path, FileTime> summaries(Path out) throws Exception {
        Map<Path, FileTime> times = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(out)) {
            for (Path f : files.filter(p -> p.getFileName().toString().equals("summary.json"))
                    .sorted()
                    .toList()) {
                times.put(f, Files.getLastModifiedTime(f));
            }
        }
        return times;
    }

    @Test
    void tunesTestsReportsAndResumesWithoutRerunningFinishedRuns(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("cmp");
        CliRun first = compare(out);
        assertThat(first.exitCode()).as(first.out() + first.err()).isZero();

        JsonNode record = ConfigFiles.JSON.readTree(out.resolve("compare.json").toFile());
        JsonNode sam = record.at("/methods/1");
        assertThat(sam.get("name").asText()).isEqualTo("sam");
        assertThat(sam.get("grid")).hasSize(3);
        // The chosen point is the best by validation accuracy, and tuning ran on the hold-out.
        int best = 0;
        for (int i = 0; i < 3; i++) {
            double a = sam.at("/grid/" + i + "/validation_accuracy/0").asDouble();
            if (a > sam.at("/grid/" + best + "/validation_accuracy/0").asDouble()) {
                best = i;
            }
            Path run = out.resolve(sam.at("/grid/" + i + "/runs/0").asText());
            JsonNode summary =
                    ConfigFiles.JSON.readTree(run.resolve("summary.json").toFile());
            assertThat(summary.get("evaluated_on").asText()).isEqualTo("tune-split");
            assertThat(summary.get("seed").asInt()).isEqualTo(1);
        }
        assertThat(sam.get("chosen").asInt()).isEqualTo(best);
        String rho = sam.at("/grid/" + best + "/values/rho").asText();
        assertThat(sam.get("test_runs"))
                .extracting(JsonNode::asText)
                .containsExactly("test/sam-sam_rho-" + rho + "_seed-2", "test/sam-sam_rho-" + rho + "_seed-3");
        JsonNode testSummary =
                ConfigFiles.JSON.readTree(out.resolve(sam.at("/test_runs/0").asText())
                        .resolve("summary.json")
                        .toFile());
        assertThat(testSummary.get("evaluated_on").asText()).isEqualTo("test");

        String table = Files.readString(out.resolve("compare.md"));
        assertThat(table)
                .contains("## Summary\n\n| method | chosen | test error (%) | Δ vs SGD (pts) | passes × SGD |")
                .containsPattern(
                        "\\| sam \\| rho " + rho.replace(".", "\\.") + " \\| \\d+\\.\\d\\d ± \\d+\\.\\d\\d \\| "
                                + "[-+]\\d+\\.\\d\\d ± \\d+\\.\\d\\d \\| 2\\.00 \\|\n")
                .contains("| method | chosen | validation error (%) per grid point | test error (%) | Δ vs SGD (pts)")
                .containsPattern("\\| none \\| — \\| \\d+\\.\\d \\| \\d+\\.\\d\\d ± \\d+\\.\\d\\d \\|  \\| [-+]\\d")
                .containsPattern("\\| sam \\| rho " + rho.replace(".", "\\.") + " \\| .*\\*\\*rho "
                        + rho.replace(".", "\\.") + ": \\d+\\.\\d\\*\\*.* \\| 2\\.00 \\| \\d+\\.\\d\\d \\|")
                .contains("## The test runs");
        assertThat(first.out()).contains("| sam | rho " + rho);
        assertThat(out.resolve("report.html")).exists();

        // Run again: nothing to do, nothing rewritten.
        Map<Path, FileTime> before = summaries(out);
        assertThat(before).hasSize(8);
        CliRun again = compare(out);
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("4 runs, 4 done, 0 to run").doesNotContain("started");
        assertThat(summaries(out)).isEqualTo(before);

        // An interrupted test run (its directory gone) is the only one trained again.
        Path lost = out.resolve("test").resolve("sam-none_seed-3");
        try (Stream<Path> files = Files.walk(lost)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        CliRun resumed = compare(out);
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.out())
                .contains("sweep " + out.resolve("tune") + ": 4 runs, 4 done, 0 to run")
                .contains("sweep " + out.resolve("test") + ": 4 runs, 3 done, 1 to run")
                .containsOnlyOnce("started");
        Map<Path, FileTime> after = summaries(out);
        before.forEach((file, time) -> {
            if (!file.startsWith(lost)) {
                assertThat(after.get(file)).as(file.toString()).isEqualTo(time);
            }
        });
    }

    @Test
    void badArgumentsFailInOneLine(@TempDir Path dir) {
        Path out = dir.resolve("cmp");
        CliRun unknown = CliRun.of("compare", "--methods", "none,lookasm", "--out", out.toString());
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err()).contains("--methods: unknown SAM method 'lookasm' (did you mean 'looksam'?)");
        CliRun rho = CliRun.of("compare", "--methods", "sam", "--out", out.toString(), "--rho", "0.1");
        assertThat(rho.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(rho.errorLines()).isEqualTo(1);
        assertThat(rho.err()).contains("--rho cannot be given to compare");
        assertThat(out).doesNotExist();
    }
}
