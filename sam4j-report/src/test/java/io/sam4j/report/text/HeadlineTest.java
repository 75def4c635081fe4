package io.sam4j.report.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.sam4j.report.model.ReportModel;
import io.sam4j.report.testing.Fixtures;
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
                .startsWith("SAM (ρ = 0.05) lowered test error by 2.00 points vs SGD");
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
                .startsWith("SAM (ρ = 0.05) lowered test error by 10.00 ± 4.53 points vs SGD");
        assertThat(h.details().get(0)).startsWith("The 95% Welch interval excludes zero (3 seeds each)");
    }
}
