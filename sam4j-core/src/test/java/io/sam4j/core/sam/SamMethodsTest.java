package io.sam4j.core.sam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.loss.L2Loss;
import ai.djl.training.tracker.Tracker;
import io.sam4j.core.optim.Optimizers;
import io.sam4j.core.testing.Fixtures;
import io.sam4j.core.train.BaseStep;
import io.sam4j.core.train.GradientPass;
import io.sam4j.core.train.ModelParameters;
import io.sam4j.core.train.TrainingStep;
import io.sam4j.core.train.WeightDecay;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The method catalog as data: names, shared parameters, one-line validation, factories. */
class SamMethodsTest {

    @Test
    void listsEveryMethodOnceWithItsCostAndReference() {
        assertThat(SamMethods.names())
                .containsExactly(
                        "none",
                        "sam",
                        "asam",
                        "rst",
                        "looksam",
                        "late-sam",
                        "ae-sam",
                        "ae-looksam",
                        "esam",
                        "msam",
                        "gsam",
                        "fsam",
                        "sam-on");
        for (SamMethod m : SamMethods.all()) {
            assertThat(m.summary()).as(m.name()).isNotBlank().doesNotContain("\n");
            assertThat(m.cost()).as(m.name()).isNotBlank();
            assertThat(m.reference()).as(m.name()).isNotBlank();
            assertThat(m.passesPerStep(Map.of())).as(m.name()).isBetween(1.0, 2.0);
            for (SamParameter p : m.parameters()) {
                assertThat(p.help()).as(p.name()).isNotBlank().doesNotContain("\n");
                assertThat(p.validate(p.defaultValue())).isEqualTo(p.defaultValue());
            }
        }
    }

    /** One flag per name: a name means the same parameter (default, range, help) in every method. */
    @Test
    void sharedParameterNamesAreOneParameter() {
        Map<String, SamParameter> byName = new HashMap<>();
        for (SamMethod m : SamMethods.all()) {
            for (SamParameter p : m.parameters()) {
                SamParameter first = byName.putIfAbsent(p.name(), p);
                if (first != null) {
                    assertThat(p).as(m.name() + " " + p.name()).isEqualTo(first);
                }
            }
        }
        assertThat(byName.keySet())
                .contains("rho", "m", "eta", "p", "k", "looksam-alpha", "sam-start", "gsam-alpha", "fsam-sigma");
    }

    @Test
    void badValuesFailInOneLineNamingTheParameter() {
        SamMethod rst = SamMethods.named("rst");
        assertThatThrownBy(() -> rst.resolve(Map.of("p", 1.5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("p must be in [0, 1] but was 1.5");
        assertThatThrownBy(() -> SamMethods.named("looksam").resolve(Map.of("k", 0)))
                .hasMessage("k must be an integer >= 1 but was 0");
        assertThatThrownBy(() -> SamMethods.named("looksam").resolve(Map.of("k", 2.5)))
                .hasMessage("k must be an integer >= 1 but was 2.5");
        assertThatThrownBy(() -> SamMethods.named("fsam").resolve(Map.of("fsam-lambda", 1)))
                .hasMessage("fsam-lambda must be in [0, 1) but was 1");
        assertThatThrownBy(() -> SamMethods.named("sam").resolve(Map.of("rho", Double.NaN)))
                .hasMessage("rho must be >= 0 but was NaN");
        assertThatThrownBy(() -> SamMethods.named("sam").resolve(Map.of("k", 3)))
                .hasMessage("method sam has no parameter k (it takes rho, m)");
        assertThatThrownBy(() -> SamMethods.named("none").resolve(Map.of("rho", 0.1)))
                .hasMessage("method none has no parameter rho (it has none)");
        assertThatThrownBy(() -> SamMethods.named("lookasm"))
                .hasMessage("unknown SAM method 'lookasm' (did you mean 'looksam'?); one of none, sam, asam, rst,"
                        + " looksam, late-sam, ae-sam, ae-looksam, esam, msam, gsam, fsam, sam-on");
    }

    @Test
    void resolvedValuesTakeDefaultsForWhatIsNotGiven() {
        SamMethod.Values v = SamMethods.named("looksam").resolve(Map.of("k", 3));
        assertThat(v.integer("k")).isEqualTo(3);
        assertThat(v.decimal("looksam-alpha")).isEqualTo(0.7);
        assertThat(v.decimal("rho")).isEqualTo(0.05);
        assertThat(SamMethods.named("rst").passesPerStep(Map.of("p", 0.3))).isEqualTo(1.3);
        assertThat(SamMethods.named("late-sam").passesPerStep(Map.of())).isEqualTo(2 - 0.9);
        assertThat(SamParameter.decimal("x", 0.5, 0, 1, "h").range()).isEqualTo("[0, 1]");
        assertThat(SamMethods.K.range()).isEqualTo(">= 1");
        assertThat(SamMethods.RHO.defaultText()).isEqualTo("0.05");
    }

    /** The authors' values where they differ from SAM's; --rho given still wins. */
    @Test
    void eachMethodDefaultsToItsAuthorsRho() {
        assertThat(SamMethods.named("sam").resolve(Map.of()).decimal("rho")).isEqualTo(0.05);
        assertThat(SamMethods.named("asam").resolve(Map.of()).decimal("rho")).isEqualTo(0.5);
        assertThat(SamMethods.named("msam").resolve(Map.of()).decimal("rho")).isEqualTo(3.0);
        assertThat(SamMethods.named("sam-on").resolve(Map.of()).decimal("rho")).isEqualTo(0.5);
        assertThat(SamMethods.named("fsam").resolve(Map.of()).decimal("rho")).isEqualTo(0.2);
        assertThat(SamMethods.named("gsam").resolve(Map.of()).decimal("gsam-alpha"))
                .isEqualTo(0.4);
        assertThat(SamMethods.named("asam").resolve(Map.of("rho", 0.2)).decimal("rho"))
                .isEqualTo(0.2);
        assertThat(SamMethods.named("asam").defaultValue("eta")).isEqualTo(0.01);
        assertThatThrownBy(() -> SamMethods.named("sam").defaultValue("k")).hasMessage("method sam has no parameter k");
    }

    /**
     * Every method but the base optimizer cites its settings and has a three-point grid (the same tuning
     * budget); the base optimizer's one point is its (empty) defaults.
     */
    @Test
    void everyMethodHasASourceAndAThreePointGrid() {
        for (SamMethod m : SamMethods.all()) {
            List<Map<String, Double>> grid = m.tuningGrid();
            if (m.name().equals("none")) {
                assertThat(grid).containsExactly(Map.of());
                continue;
            }
            assertThat(m.authors().source()).as(m.name()).isNotBlank().isNotEqualTo("—");
            assertThat(m.authors().gridSource()).as(m.name()).isNotBlank().isNotEqualTo("—");
            assertThat(grid).as(m.name()).hasSize(3).doesNotHaveDuplicates();
            for (Map<String, Double> point : grid) {
                assertThat(point.keySet()).as(m.name()).containsExactlyElementsOf(m.names());
            }
        }
        assertThat(SamMethods.named("asam").tuningGrid().get(1))
                .containsEntry("rho", 0.5)
                .containsEntry("eta", 0.01)
                .containsEntry("m", 0.0);
        assertThat(SamMethods.named("gsam").tuningGrid())
                .extracting(p -> p.get("gsam-alpha"))
                .containsExactly(0.4, 0.4, 0.6);
    }

    @Test
    void aGridValueOutOfRangeOrForAnUnknownParameterIsRefused() {
        SamMethod sam = SamMethods.named("sam");
        assertThatThrownBy(() -> sam.withAuthors(AuthorSettings.from("x").grid("y", "rho", -1)))
                .hasMessage("rho must be >= 0 but was -1");
        assertThatThrownBy(() -> sam.withAuthors(AuthorSettings.from("x").grid("y", "k", 2)))
                .hasMessage("method sam: a grid value for k, which it lacks");
        assertThatThrownBy(() ->
                        sam.withAuthors(AuthorSettings.from("x").set("k", 2).grid("y", "rho", 1)))
                .hasMessage("method sam: a default for k, which it lacks");
    }

    @Test
    void factoriesBuildTheStepsWithTheirSettings() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block linear = Fixtures.onesLinear(manager, 2, 1, false);
            StepSettings settings = new StepSettings(
                    new GradientPass(linear, ModelParameters.of(linear), new L2Loss(), manager),
                    Optimizers.sgd().setLearningRate(Tracker.fixed(0.1f)).build(),
                    manager,
                    WeightDecay.none(),
                    0,
                    10,
                    7);
            assertThat(SamMethods.named("none").build(settings, Map.of())).isInstanceOf(BaseStep.class);
            SharpnessAwareStep asam = (SharpnessAwareStep)
                    SamMethods.named("asam").build(settings, Map.of("rho", 0.5, "eta", 0.1, "m", 4));
            assertThat(asam.rho()).isEqualTo(0.5f);
            assertThat(asam.groupSize()).isEqualTo(4);
            assertThat(asam.perturbation().name()).isEqualTo("asam");
            assertThat(((RandomizedSamStep) SamMethods.named("rst").build(settings, Map.of("p", 0.25))).probability())
                    .isEqualTo(0.25);
            LookSamStep look = (LookSamStep) SamMethods.named("looksam").build(settings, Map.of("k", 3));
            assertThat(look.interval()).isEqualTo(3);
            assertThat(look.alpha()).isEqualTo(0.7f);
            assertThat(((LateSamStep) SamMethods.named("late-sam").build(settings, Map.of("sam-start", 0.5)))
                            .startStep())
                    .isEqualTo(35);
            assertThat(((GsamStep) SamMethods.named("gsam").build(settings, Map.of("gsam-alpha", 0.2))).alpha())
                    .isEqualTo(0.2f);
            for (SamMethod m : SamMethods.all()) {
                if (!m.name().equals("sam-on") && !m.name().equals("msam")) {
                    TrainingStep step = m.build(settings, Map.of());
                    assertThat(step.optimizer()).isSameAs(settings.optimizer());
                    assertThat(step.pass()).isSameAs(settings.pass());
                }
            }
            SharpnessAwareStep grouped = settings.applyTo(SharpnessAwareStep.builder())
                    .optGroupSize(4)
                    .build();
            assertThatThrownBy(() -> LookSamStep.of(grouped, 2, 0.7f))
                    .hasMessage("looksam reuses one batch-level direction: m must be 0 but was 4");
            assertThat(List.of(asam.baseStep().pass())).containsExactly(settings.pass());
        }
    }
}
