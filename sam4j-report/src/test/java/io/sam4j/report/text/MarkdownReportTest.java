package io.sam4j.report.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.sam4j.report.model.ReportModel;
import io.sam4j.report.testing.Fixtures;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownReportTest {

    @Test
    void tableHoldsTheFixtureMeansAndTheDifference() {
        String md = MarkdownReport.of(ReportModel.load(List.of(Fixtures.runs())));
        double[] sgd = Fixtures.testErrors("sgd-seed1", "sgd-seed2", "sgd-seed3");
        double[] sam = Fixtures.testErrors("sam-seed1", "sam-seed2", "sam-seed3");
        double half = 4.302652729749462 * Fixtures.sd(sgd) / Math.sqrt(3);
        String sgdRow = md.lines()
                .filter(l -> l.startsWith("| SGD | SGD | 3 |"))
                .findFirst()
                .orElseThrow();
        assertThat(sgdRow).contains(String.format(Locale.ROOT, "| %.2f ± %.2f |", Fixtures.mean(sgd), half));
        assertThat(sgdRow).contains("| 3 |");
        String diff = md.lines()
                .filter(l -> l.startsWith("| SAM ρ = 0.05 | SGD |"))
                .findFirst()
                .orElseThrow();
        assertThat(diff).contains(String.format(Locale.ROOT, "| %+.2f ± ", Fixtures.mean(sam) - Fixtures.mean(sgd)));
        // Results, SAM against SGD, and cost versus gain.
        assertThat(md.lines().filter(l -> l.startsWith("|---")).count()).isEqualTo(3);
    }

    @Test
    void cellsEscapePipesAndMarkup(@TempDir Path dir) {
        Fixtures.writeRun(
                dir.resolve("a"),
                "{\"sam\":\"none\",\"model\":\"a|b<i>\",\"seed\":1}",
                "{\"epoch\":1,\"test_accuracy\":0.5}");
        Fixtures.writeRun(
                dir.resolve("b"),
                "{\"sam\":\"none\",\"model\":\"c\",\"seed\":1}",
                "{\"epoch\":1,\"test_accuracy\":0.5}");
        String md = MarkdownReport.of(ReportModel.load(List.of(dir)));
        assertThat(md).contains("| SGD · model = a\\|b\\<i\\> |");
    }

    @Test
    void headlineAnswersTheQuestion() {
        Headline h = Headline.of(ReportModel.load(List.of(Fixtures.runs())));
        double[] sgd = Fixtures.testErrors("sgd-seed1", "sgd-seed2", "sgd-seed3");
        double[] sam = Fixtures.testErrors("sam-seed1", "sam-seed2", "sam-seed3");
        double d = Fixtures.mean(sam) - Fixtures.mean(sgd);
        assertThat(h.verdicts()).hasSize(1);
        assertThat(h.verdicts().get(0))
                .startsWith("SAM ρ = 0.05 " + (d < 0 ? "lowered" : "raised") + " test error by "
                        + String.format(Locale.ROOT, "%.2f ± ", Math.abs(d)))
                .contains("points vs SGD on Fashion-MNIST, 1,000 images, 3 epochs (");
        // The hand-made Hessian fixtures make SGD's λmax (48, 44) larger than SAM's (24, 22).
        assertThat(h.details())
                .anyMatch(
                        s -> s.startsWith("Is the minimum flatter? Yes: the Hessian's largest eigenvalue λmax is 23 ± ")
                                && s.contains("; Δλmax = -23 ± ")
                                && s.endsWith("(Welch's 95% interval, which excludes zero)."));
    }
}
