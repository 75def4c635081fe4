package io.sam4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sam4j report} on sam4j-report's fixture runs (six real runs: SGD and SAM, seeds 1-3). */
class ReportCommandTest {

    static final Path FIXTURES = Path.of("../sam4j-report/src/test/resources/fixtures/runs");

    @BeforeAll
    static void fixturesExist() {
        assertThat(FIXTURES.resolve("sgd-seed1/metrics.jsonl")).exists();
    }

    @Test
    void anExistingPageIsKeptUnlessForced(@TempDir Path dir) throws Exception {
        Path page = dir.resolve("notes.html");
        Files.writeString(page, "my notes");
        CliRun refused = CliRun.of("report", FIXTURES.toString(), "--out", page.toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.errorLines()).isEqualTo(1);
        assertThat(refused.err())
                .startsWith("sam4j: error: --out " + page
                        + " already exists; choose another file or pass --force to replace it");
        assertThat(Files.readString(page)).isEqualTo("my notes");

        CliRun forced = CliRun.of("report", FIXTURES.toString(), "--out", page.toString(), "--force");
        assertThat(forced.exitCode()).as(forced.err()).isZero();
        assertThat(Files.readString(page)).startsWith("<!DOCTYPE html>");
    }

    @Test
    void writesThePagePngsAndMarkdown(@TempDir Path dir) throws Exception {
        Path page = dir.resolve("out/report.html");
        CliRun run = CliRun.of(
                "report",
                FIXTURES.toString(),
                "--out",
                page.toString(),
                "--png",
                dir.resolve("png").toString(),
                "--markdown",
                "--title",
                "Fixture <runs>");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("report: " + page + " (6 runs in 2 configurations)")
                .contains("SAM ρ = 0.05 raised test error by 2.40 ± 2.68 points vs SGD on Fashion-MNIST, 1,000 images,"
                        + " 3 epochs")
                .contains("figures: 8 PNG files in " + dir.resolve("png"))
                .contains("| SGD | SGD | 3 | 22.33 ± 3.23 |");
        String html = Files.readString(page);
        assertThat(html)
                .startsWith("<!DOCTYPE html>")
                .contains("<title>Fixture &lt;runs&gt;</title>")
                .contains("<meta name=\"generator\" content=\"sam4j " + Versions.sam4j() + "\">");
        assertThat(dir.resolve("png/test-error.png")).isNotEmptyFile();
        // Atomic writes leave no temporary files behind.
        try (var files = Files.list(page.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("report.html");
        }
    }

    @Test
    void badInputIsOneLineNamingIt(@TempDir Path dir) throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        CliRun run = CliRun.of(
                "report", empty.toString(), "--out", dir.resolve("r.html").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.errorLines()).isEqualTo(1);
        assertThat(run.err())
                .contains("sam4j: error: " + empty + " is not a sam4j run directory nor a folder of run directories");

        run = CliRun.of("report", dir.resolve("missing").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("sam4j: error: " + dir.resolve("missing") + " does not exist");

        Path noMetrics = Files.createDirectories(dir.resolve("fresh"));
        Files.writeString(noMetrics.resolve("config.json"), "{\"config\":{\"sam\":\"sam\"}}");
        run = CliRun.of(
                "report", noMetrics.toString(), "--out", dir.resolve("r.html").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("sam4j: error: nothing to report: none of the 1 run(s) under " + noMetrics);

        run = CliRun.of("report", FIXTURES.toString(), "--out", dir.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--out " + dir + " is a directory");
        assertThat(String.format(Locale.ROOT, "%s", run.out())).doesNotContain("report:");
    }
}
