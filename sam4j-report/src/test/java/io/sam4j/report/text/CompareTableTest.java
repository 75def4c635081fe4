package io.sam4j.report.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.sam4j.report.model.TunedComparison;
import io.sam4j.report.run.RunReader;
import io.sam4j.report.run.RunRecord;
import io.sam4j.report.testing.Fixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tuned comparison's table against figures worked out by hand from hand-written runs. */
class CompareTableTest {

    /** t(0.975, 2), from tables. */
    private static final double T2 = 4.302652729749462;

    /** Two epochs of {@code seconds} and {@code passes} each, ending at {@code accuracy}. */
    private static RunRecord run(
            Path dir, String name, String sam, int seed, double seconds, double passes, double accuracy) {
        String epoch = ",\"train_seconds\":" + seconds + ",\"passes\":" + passes + "}";
        Path run = Fixtures.writeRun(
                dir.resolve(name),
                "{\"sam\":\"" + sam + "\",\"seed\":" + seed + "}",
                "{\"epoch\":1,\"test_accuracy\":0.5" + epoch,
                "{\"epoch\":2,\"test_accuracy\":" + accuracy + epoch);
        return RunReader.read(name, run);
    }

    /**
     * SGD: test errors 20, 18, 16% (18 ± t·2/√3), 10 s and 1 pass per epoch. SAM, chosen at its second
     * point (validation errors 40, 35, 38%): errors 15, 14, 13%, 20 s and 2 passes per epoch, so 2× SGD on
     * both counts; Δ = 14 − 18 = −4 points.
     */
    @Test
    void tableShowsTheChoiceTheGridTheIntervalsAndTheCost(@TempDir Path dir) {
        List<RunRecord> sgd = new ArrayList<>();
        List<RunRecord> sam = new ArrayList<>();
        double[] sgdAccuracy = {0.80, 0.82, 0.84};
        double[] samAccuracy = {0.85, 0.86, 0.87};
        for (int s = 0; s < 3; s++) {
            sgd.add(run(dir, "none-" + s, "none", s + 2, 10, 1, sgdAccuracy[s]));
            sam.add(run(dir, "sam-" + s, "sam", s + 2, 20, 2, samAccuracy[s]));
        }
        TunedComparison comparison = new TunedComparison(List.of(
                new TunedComparison.Method(
                        "none", List.of(new TunedComparison.GridPoint("", new double[] {0.63})), 0, sgd),
                new TunedComparison.Method(
                        "sam",
                        List.of(
                                new TunedComparison.GridPoint("rho 0.05", new double[] {0.60}),
                                new TunedComparison.GridPoint("rho 0.1", new double[] {0.66, 0.64}),
                                new TunedComparison.GridPoint("rho 0.2", new double[] {0.62})),
                        1,
                        sam)));
        String table = CompareTable.markdown(comparison);

        String sgdError = String.format(java.util.Locale.ROOT, "18.00 ± %.2f", T2 * 2 / Math.sqrt(3));
        String samError = String.format(java.util.Locale.ROOT, "14.00 ± %.2f", T2 * 1 / Math.sqrt(3));
        assertThat(table)
                .contains("| none | — | 37.0 | " + sgdError + " |  | +4.00 ± ")
                .contains("| sam | rho 0.1 | rho 0.05: 40.0 · **rho 0.1: 35.0** · rho 0.2: 38.0 | " + samError
                        + " | -4.00 ± ")
                .contains(" | 2.00 | 2.00 |")
                .contains("| 1.00 | 1.00 |")
                .contains(CompareTable.CAPTION);
        assertThat(comparison.passesRatio(comparison.method("sam").orElseThrow()))
                .isEqualTo(2.0);

        // The summary: the same cells less the grid, SAM's column and wall time.
        java.util.regex.Matcher samDelta =
                java.util.regex.Pattern.compile("\\| (-4\\.00 ± [0-9.]+) \\|").matcher(table);
        assertThat(samDelta.find()).isTrue();
        assertThat(CompareTable.summary(comparison))
                .isEqualTo("| method | chosen | test error (%) | Δ vs SGD (pts) | passes × SGD |\n"
                        + "|---|---|---:|---:|---:|\n"
                        + "| none | — | " + sgdError + " |  | 1.00 |\n"
                        + "| sam | rho 0.1 | " + samError + " | " + samDelta.group(1) + " | 2.00 |\n");
    }
}
