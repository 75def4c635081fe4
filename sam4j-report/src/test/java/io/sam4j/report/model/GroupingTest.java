package io.sam4j.report.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sam4j.report.run.ReportInputException;
import io.sam4j.report.testing.Fixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupingTest {

    static String config(String sam, double rho, long seed, String optimizer) {
        return "{\"sam\":\"" + sam + "\",\"rho\":" + rho + ",\"seed\":" + seed + ",\"optimizer\":\"" + optimizer
                + "\",\"model\":\"cnn\",\"dataset\":\"fashion-mnist\",\"threads\":" + (seed + 1) + "}";
    }

    static String epoch(double testAccuracy) {
        return "{\"epoch\":1,\"test_accuracy\":" + testAccuracy
                + ",\"train_accuracy\":0.9,\"test_loss\":0.5,\"train_loss\":0.3}";
    }

    @Test
    void fixtureSeedsPoolIntoTwoGroupsWithTheBaselineFirst() {
        ReportModel model = ReportModel.load(List.of(Fixtures.runs()));
        assertThat(model.groups()).extracting(RunGroup::label).containsExactly("SGD", "SAM ρ = 0.05");
        assertThat(model.groups().get(0).seeds()).containsExactly("1", "2", "3");
        assertThat(model.groups().get(1).method()).isEqualTo("SGD + SAM (ρ = 0.05)");
        assertThat(model.comparisons()).hasSize(1);
        Comparison c = model.comparisons().get(0);
        assertThat(c.baseline().label()).isEqualTo("SGD");
        double[] sam = Fixtures.testErrors("sam-seed1", "sam-seed2", "sam-seed3");
        double[] sgd = Fixtures.testErrors("sgd-seed1", "sgd-seed2", "sgd-seed3");
        assertThat(c.difference(Column.TEST_ERROR).difference())
                .isCloseTo(Fixtures.mean(sam) - Fixtures.mean(sgd), within(1e-9));
    }

    @Test
    void groupsByEverythingButSeedAndPairsEachSamGroupWithItsOwnBaseline(@TempDir Path dir) {
        Fixtures.writeRun(dir.resolve("1"), config("none", 0.05, 1, "sgd"), epoch(0.80));
        Fixtures.writeRun(dir.resolve("2"), config("none", 0.05, 2, "sgd"), epoch(0.82));
        Fixtures.writeRun(dir.resolve("3"), config("sam", 0.05, 1, "sgd"), epoch(0.84));
        Fixtures.writeRun(dir.resolve("4"), config("sam", 0.1, 1, "sgd"), epoch(0.85));
        Fixtures.writeRun(dir.resolve("5"), config("sam", 0.05, 1, "adam"), epoch(0.70));
        Fixtures.writeRun(dir.resolve("6"), config("none", 0.3, 1, "adam"), epoch(0.60));
        ReportModel model = ReportModel.load(List.of(dir));
        assertThat(model.groups())
                .extracting(RunGroup::label)
                .containsExactly("SGD", "Adam", "SAM ρ = 0.05", "SAM ρ = 0.1", "Adam + SAM ρ = 0.05");
        assertThat(model.groups().get(0).runs()).hasSize(2);
        assertThat(model.comparisons())
                .extracting(c -> c.group().label() + " vs " + c.baseline().label())
                .containsExactly("SAM ρ = 0.05 vs SGD", "SAM ρ = 0.1 vs SGD", "Adam + SAM ρ = 0.05 vs Adam");
        assertThat(model.comparisons().get(2).baseline().method()).isEqualTo("Adam");
    }

    @Test
    void aSamGroupWithoutBaselineHasNoComparison(@TempDir Path dir) {
        Fixtures.writeRun(dir.resolve("1"), config("sam", 0.05, 1, "sgd"), epoch(0.84));
        ReportModel model = ReportModel.load(List.of(dir));
        assertThat(model.groups()).extracting(RunGroup::label).containsExactly("SAM ρ = 0.05");
        assertThat(model.comparisons()).isEmpty();
    }

    @Test
    void runsWithoutMetricsAreSkippedAndNoneAtAllIsAnError(@TempDir Path dir) {
        Fixtures.writeRun(dir.resolve("a"), config("sam", 0.05, 1, "sgd"), epoch(0.84));
        Fixtures.writeRun(dir.resolve("b"), config("sam", 0.05, 2, "sgd"));
        ReportModel model = ReportModel.load(List.of(dir));
        assertThat(model.runs()).hasSize(1);
        assertThat(model.skipped()).containsExactly("b: no epoch in metrics.jsonl");
        assertThatThrownBy(() -> ReportModel.load(List.of(dir.resolve("b"))))
                .isInstanceOf(ReportInputException.class)
                .hasMessage("nothing to report: none of the 1 run(s) under " + dir.resolve("b")
                        + " logged an epoch in metrics.jsonl");
    }

    /** Two runs of one configuration with one seed are one seed, flagged, not two with an interval. */
    @Test
    void aRepeatedSeedIsFlaggedAndNotCounted(@TempDir Path dir) {
        Fixtures.writeRun(dir.resolve("a"), config("sam", 0.05, 1, "sgd"), epoch(0.80));
        Fixtures.writeRun(dir.resolve("b"), config("sam", 0.05, 1, "sgd"), epoch(0.90));
        Fixtures.writeRun(dir.resolve("c"), config("sam", 0.05, 2, "sgd"), epoch(0.86));
        ReportModel model = ReportModel.load(List.of(dir));
        RunGroup group = model.groups().get(0);
        assertThat(group.seeds()).containsExactly("1", "2");
        assertThat(group.runs()).extracting(r -> r.name()).containsExactly("a", "c");
        assertThat(group.duplicates()).extracting(r -> r.name()).containsExactly("b");
        // Mean over the two distinct seeds: test error (1 - 0.80 + 1 - 0.86) / 2 in percent.
        assertThat(group.stat(Column.TEST_ERROR).mean()).isCloseTo(17.0, within(1e-9));
        assertThat(group.stat(Column.TEST_ERROR).n()).isEqualTo(2);
        assertThat(model.duplicateNotes())
                .containsExactly("b repeats seed 1 of a in configuration SAM ρ = 0.05 and is not counted");

        Fixtures.writeRun(dir.resolve("d"), config("sam", 0.05, 2, "sgd"), epoch(0.70));
        ReportModel twice = ReportModel.load(List.of(dir));
        assertThat(twice.groups().get(0).stat(Column.TEST_ERROR).mean()).isCloseTo(17.0, within(1e-9));
        assertThat(twice.duplicateNotes()).hasSize(2);
    }
}
