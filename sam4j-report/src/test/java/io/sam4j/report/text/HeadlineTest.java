package io.sam4j.report.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.sam4j.report.model.ReportModel;
import io.sam4j.report.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeadlineTest {

    /** Writes SGD and SAM runs of the given seeds with the given test accuracies. */
    private static ReportModel runs(Path dir, int[] seeds, double[] sgdAccuracy, double[] samAccuracy) {
        for (int i = 0; i < seeds.length; i++) {
            Fixtures.writeRun(
                    dir.resolve("sgd-" + i),
                    "{\"sam\":\"none\",\"seed\":" + seeds[i] + "}",
                    "{\"epoch\":1,\"test_accuracy\":" + sgdAccuracy[i] + ",\"train_accuracy\":1.0}");
            Fixtures.writeRun(
                    dir.resolve("sam-" + i),
                    "{\"sam\":\"sam\",\"rho\":0.05,\"seed\":" + seeds[i] + "}",
                    "{\"epoch\":1,\"test_accuracy\":" + samAccuracy[i] + ",\"train_accuracy\":1.0}");
        }
        return ReportModel.load(List.of(dir));
    }

    @Test
    void twoSeedsGiveNoQuotedIntervalButSayItIsNotInformative(@TempDir Path dir) {
        // Test errors: SGD 20% and 10%, SAM 14% and 12%: SAM lowers the mean error by 2 points.
        Headline h = Headline.of(runs(dir, new int[] {1, 2}, new double[] {0.80, 0.90}, new double[] {0.86, 0.88}));

        assertThat(h.verdicts())
                .singleElement()
                .asString()
                .startsWith("SAM ρ = 0.05 lowered test error by 2.00 points vs SGD");
        assertThat(h.verdicts().get(0)).doesNotContain("points ±").doesNotContain("2.00 ±");
        assertThat(h.details().get(0))
                .startsWith("Not informative: a 95% interval from fewer than 3 distinct seeds per configuration"
                        + " (2 vs 2)");
    }

    @Test
    void threeSeedsQuoteTheWelchInterval(@TempDir Path dir) {
        // Test errors: SGD 20, 22, 24 (mean 22, variance 4); SAM 10, 12, 14 (mean 12, variance 4).
        // Welch: standard error √(4/3 + 4/3) = 1.63299, df = 4, t_{0.975,4} = 2.776445, half-width 4.53398.
        Headline h = Headline.of(
                runs(dir, new int[] {1, 2, 3}, new double[] {0.80, 0.78, 0.76}, new double[] {0.90, 0.88, 0.86}));

        assertThat(h.verdicts())
                .singleElement()
                .asString()
                .startsWith("SAM ρ = 0.05 lowered test error by 10.00 ± 4.53 points vs SGD");
        assertThat(h.details().get(0)).startsWith("The 95% Welch interval excludes zero (3 seeds each)");
    }

    /** Writes SGD and SAM runs of seeds 1-3 whose hessian.json holds the given λmax. */
    private static ReportModel lambdas(Path dir, double[] sgd, double[] sam) throws IOException {
        for (int i = 0; i < 3; i++) {
            Path a = Fixtures.writeRun(
                    dir.resolve("sgd-" + i),
                    "{\"sam\":\"none\",\"seed\":" + (i + 1) + "}",
                    "{\"epoch\":1,\"test_accuracy\":0.8,\"train_accuracy\":1.0}");
            Files.writeString(a.resolve("hessian.json"), "{\"eigenvalues\":[" + sgd[i] + "]}");
            Path b = Fixtures.writeRun(
                    dir.resolve("sam-" + i),
                    "{\"sam\":\"sam\",\"rho\":0.05,\"seed\":" + (i + 1) + "}",
                    "{\"epoch\":1,\"test_accuracy\":0.8,\"train_accuracy\":1.0}");
            Files.writeString(b.resolve("hessian.json"), "{\"eigenvalues\":[" + sam[i] + "]}");
        }
        return ReportModel.load(List.of(dir));
    }

    @Test
    void flatnessQuotesTheWelchIntervalOnDeltaLambdaMax(@TempDir Path dir) throws IOException {
        // λmax: SGD 100, 120, 140 and SAM 20, 40, 60: means 120 and 40, each s = 20. By hand: Welch's
        // standard error √(400/3 + 400/3) = 16.3299, df = (2·400/3)² / (2·(400/3)²/2) = 4, t_{0.975,4} =
        // 2.776445 (tables): half-width 45.339. Each mean's own interval: 4.302653·20/√3 = 49.683.
        ReportModel model = lambdas(dir, new double[] {100, 120, 140}, new double[] {20, 40, 60});
        double half = 2.7764451051977987 * Math.sqrt(400.0 / 3 + 400.0 / 3);
        assertThat(half).isCloseTo(45.339, org.assertj.core.api.Assertions.within(1e-3));
        assertThat(Headline.of(model).details())
                .contains("Is the minimum flatter? Yes: the Hessian's largest eigenvalue λmax is 40 ± 49.68 with"
                        + " SAM ρ = 0.05 vs 120 ± 49.68 with SGD; Δλmax = -80 ± 45.34 (Welch's 95% interval, which"
                        + " excludes zero).");
        // The comparison tables carry the same difference.
        assertThat(MarkdownReport.of(model)).contains("| SAM ρ = 0.05 | SGD |").contains("| -80 ± 45.34 |");
        assertThat(io.sam4j.report.html.HtmlReport.builder()
                        .setModel(model)
                        .build()
                        .render())
                .contains("<th>Δ λmax</th>")
                .contains(">-80 ± 45.34</td>");
    }

    @Test
    void aDifferenceWithinNoiseIsNotCalledFlatter(@TempDir Path dir) throws IOException {
        // SAM 100, 110, 120 against SGD 100, 120, 140: -10 ± well over 10, the interval includes zero.
        ReportModel model = lambdas(dir, new double[] {100, 120, 140}, new double[] {100, 110, 120});
        assertThat(Headline.of(model).details())
                .anySatisfy(d -> assertThat(d)
                        .startsWith("Is the minimum flatter? Not clearly: ")
                        .contains("; Δλmax = -10 ± ")
                        .endsWith("(Welch's 95% interval, which includes zero: the difference is within"
                                + " seed-to-seed noise)."));
    }
}
