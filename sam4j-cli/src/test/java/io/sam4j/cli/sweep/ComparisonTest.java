package io.sam4j.cli.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sam4j.cli.UserError;
import io.sam4j.core.sam.SamMethods;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The plan of {@code sam4j compare}: its runs, the choice of a grid point, and the fresh test seeds. */
class ComparisonTest {

    private static Comparison plan(int tuneSeeds, int testSeeds, String... methods) {
        return Comparison.plan(
                java.util.Arrays.stream(methods).map(SamMethods::named).toList(),
                Map.of("epochs", "2"),
                tuneSeeds,
                testSeeds,
                0.1);
    }

    /** Hand-made validation results: the highest mean wins; NaN and empty points never do. */
    @Test
    void theBestPointHasTheHighestMeanValidationAccuracy() {
        assertThat(Comparison.best(List.of(new double[] {0.60}, new double[] {0.64}, new double[] {0.62})))
                .isEqualTo(1);
        // Means 0.61, 0.60, 0.62 although the second has the single best run.
        assertThat(Comparison.best(
                        List.of(new double[] {0.60, 0.62}, new double[] {0.70, 0.50}, new double[] {0.61, 0.63})))
                .isEqualTo(2);
        assertThat(Comparison.best(List.of(new double[] {Double.NaN}, new double[] {}, new double[] {0.1})))
                .isEqualTo(2);
        assertThatThrownBy(() -> Comparison.best(List.of(new double[] {Double.NaN})))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTieGoesToThePointDeclaredFirst() {
        assertThat(Comparison.best(List.of(new double[] {0.5}, new double[] {0.7}, new double[] {0.7})))
                .isEqualTo(1);
    }

    @Test
    void tuningRunsCoverEveryGridPointOnTheHoldOutAndTestRunsUseFreshSeeds() {
        Comparison c = plan(2, 3, "none", "asam");
        List<SweepPoint> tuning = c.tuningRuns();
        // none: 1 point, asam: 3 points; 2 tuning seeds each.
        assertThat(tuning).hasSize(8);
        assertThat(tuning.get(0).name()).isEqualTo("sam-none_seed-1");
        assertThat(tuning.get(2).name()).isEqualTo("sam-asam_rho-0.2_seed-1");
        assertThat(tuning.get(2).flags())
                .containsEntry("sam", "asam")
                .containsEntry("rho", "0.2")
                .containsEntry("eta", "0.01")
                .containsEntry("m", "0")
                .containsEntry("tune-split", "0.1")
                .containsEntry("epochs", "2");
        List<Comparison.GridPoint> chosen =
                List.of(c.gridPoints().get(0), c.gridPoints().get(2));
        List<SweepPoint> test = c.testRuns(chosen);
        assertThat(test)
                .extracting(SweepPoint::name)
                .containsExactly(
                        "sam-none_seed-3",
                        "sam-none_seed-4",
                        "sam-none_seed-5",
                        "sam-asam_rho-0.5_seed-3",
                        "sam-asam_rho-0.5_seed-4",
                        "sam-asam_rho-0.5_seed-5");
        assertThat(test).allSatisfy(r -> assertThat(r.flags()).doesNotContainKey("tune-split"));
        Set<String> tuneSeeds = tuning.stream().map(r -> r.flags().get("seed")).collect(Collectors.toSet());
        Set<String> testSeeds = test.stream().map(r -> r.flags().get("seed")).collect(Collectors.toSet());
        assertThat(tuneSeeds).containsExactlyInAnyOrder("1", "2").doesNotContainAnyElementsOf(testSeeds);
        assertThat(c.testDescription(chosen)).isEqualTo("compare test: none; asam (rho 0.5) seeds=3,4,5");
    }

    @Test
    void flagsTheComparisonSetsPerRunAreRefused() {
        for (String flag : List.of("rho", "seed", "sam", "validation-split", "gsam-alpha")) {
            assertThatThrownBy(() -> Comparison.plan(List.of(SamMethods.named("sam")), Map.of(flag, "1"), 1, 3, 0.1))
                    .isInstanceOf(UserError.class)
                    .hasMessageStartingWith("--" + flag + " cannot be given to compare");
        }
        assertThatThrownBy(() -> Comparison.plan(List.of(), Map.of(), 1, 3, 0.1))
                .hasMessageStartingWith("--methods is empty");
    }

    @Test
    void gsamsGridVariesRhoAndAlpha() {
        Comparison c = plan(1, 2, "gsam");
        assertThat(c.gridPoints())
                .extracting(Comparison.GridPoint::label)
                .containsExactly("gsam-alpha 0.4, rho 0.05", "gsam-alpha 0.4, rho 0.1", "gsam-alpha 0.6, rho 0.1");
    }
}
