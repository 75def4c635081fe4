package io.sam4j.core.sam;

import static io.sam4j.core.sam.SharpnessAwareStepTest.assertBitwiseEqual;
import static io.sam4j.core.sam.SharpnessAwareStepTest.assertBitwiseUnequal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.loss.L2Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.sam4j.core.loss.SmoothedCrossEntropy;
import io.sam4j.core.optim.Optimizers;
import io.sam4j.core.schedule.LearningRateSchedule;
import io.sam4j.core.testing.CountingLoss;
import io.sam4j.core.testing.Fixtures;
import io.sam4j.core.train.Batch;
import io.sam4j.core.train.GradientPass;
import io.sam4j.core.train.ModelParameters;
import io.sam4j.core.train.StepResult;
import io.sam4j.core.train.StepSeeds;
import io.sam4j.core.train.TrainingStep;
import io.sam4j.core.train.WeightDecay;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The SAM family against SAM, the base step and double-precision recomputations: the degenerate
 * settings reproduce SAM or the base optimizer bitwise, the others follow their papers' update rules,
 * and each costs the passes its formula says.
 */
class SamFamilyTest {

    private static final int STEPS = 4;

    /** Builds a step from the common settings of the fixture conv net (momentum SGD, in-loss decay). */
    private static List<float[]> trainConvNet(Function<StepSettings, TrainingStep> factory) {
        return trainConvNet(factory, Fixtures::weights);
    }

    /** Trains the conv net and returns what {@code read} takes of it (its trainable tensors, say). */
    private static List<float[]> trainConvNet(
            Function<StepSettings, TrainingStep> factory, Function<Block, List<float[]>> read) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block net = Fixtures.convNet(manager, 42);
            GradientPass pass = new GradientPass(net, ModelParameters.of(net), new SmoothedCrossEntropy(0.1f), manager);
            StepSettings settings = new StepSettings(
                    pass,
                    Optimizers.sgd()
                            .setLearningRate(Tracker.fixed(0.05f))
                            .optMomentum(0.9f)
                            .build(),
                    manager,
                    new WeightDecay(5e-4f),
                    0,
                    1,
                    STEPS);
            TrainingStep step = factory.apply(settings);
            for (int i = 0; i < STEPS; i++) {
                step.step(Fixtures.randomImages(16, 100 + i), 1000 + i);
            }
            return read.apply(net);
        }
    }

    private static List<float[]> trainable(Block net) {
        return ModelParameters.of(net).trainable().stream()
                .map(p -> p.getArray().toFloatArray())
                .toList();
    }

    private static List<float[]> statistics(Block net) {
        return ModelParameters.of(net).state().stream()
                .map(p -> p.getArray().toFloatArray())
                .toList();
    }

    private static Function<StepSettings, TrainingStep> method(String name, Map<String, ? extends Number> values) {
        return settings -> SamMethods.named(name).build(settings, values);
    }

    @Test
    void degenerateSettingsAreSamBitwise() {
        List<float[]> sam = trainConvNet(method("sam", Map.of("rho", 0.1)));
        assertBitwiseEqual(trainConvNet(method("rst", Map.of("p", 1, "rho", 0.1))), sam);
        assertBitwiseEqual(trainConvNet(method("looksam", Map.of("k", 1, "rho", 0.1))), sam);
        assertBitwiseEqual(trainConvNet(method("late-sam", Map.of("sam-start", 0, "rho", 0.1))), sam);
        assertBitwiseEqual(trainConvNet(method("gsam", Map.of("gsam-alpha", 0, "rho", 0.1))), sam);
        assertBitwiseEqual(trainConvNet(method("fsam", Map.of("fsam-sigma", 0, "rho", 0.1))), sam);
        // ... and the non-degenerate settings are not.
        assertBitwiseUnequal(trainConvNet(method("looksam", Map.of("k", 2, "rho", 0.1))), sam);
        assertBitwiseUnequal(trainConvNet(method("gsam", Map.of("gsam-alpha", 0.5, "rho", 0.1))), sam);
        assertBitwiseUnequal(trainConvNet(method("fsam", Map.of("fsam-sigma", 1, "rho", 0.1))), sam);
    }

    @Test
    void degenerateSettingsAreTheBaseOptimizerBitwise() {
        List<float[]> base = trainConvNet(method("none", Map.of()));
        assertBitwiseEqual(trainConvNet(method("rst", Map.of("p", 0))), base);
        assertBitwiseEqual(trainConvNet(method("late-sam", Map.of("sam-start", 1))), base);
        assertBitwiseUnequal(trainConvNet(method("rst", Map.of("p", 0.5))), base);
    }

    @Test
    void aeSamAlwaysFiringIsSamAndNeverFiringIsTheBaseOptimizerBitwise() {
        AeSamStep[] built = new AeSamStep[1];
        Function<StepSettings, TrainingStep> always = settings -> built[0] = (AeSamStep) SamMethods.named("ae-sam")
                .build(settings, Map.of("ae-lambda-start", -5, "ae-lambda-end", -5, "rho", 0.1));
        List<float[]> ae = trainConvNet(always);
        assertThat(built[0].samSteps()).isEqualTo(STEPS);
        assertBitwiseEqual(ae, trainConvNet(method("sam", Map.of("rho", 0.1))));

        Function<StepSettings, TrainingStep> never = settings -> built[0] = (AeSamStep)
                SamMethods.named("ae-sam").build(settings, Map.of("ae-lambda-start", 5, "ae-lambda-end", 5));
        List<float[]> base = trainConvNet(never);
        assertThat(built[0].samSteps()).isZero();
        assertBitwiseEqual(base, trainConvNet(method("none", Map.of())));
    }

    @Test
    void aeLookSamWithoutReuseIsAeSamAndAlwaysFiringIsSamBitwise() {
        Map<String, Number> mixed = Map.of("ae-delta", 0.5, "ae-lambda-start", 1, "ae-lambda-end", 1, "rho", 0.1);
        AeSamStep[] built = new AeSamStep[1];
        List<float[]> aeSam = trainConvNet(
                settings -> built[0] = (AeSamStep) SamMethods.named("ae-sam").build(settings, mixed));
        assertThat(built[0].samSteps()).as("a mix of SAM and base steps").isBetween(1L, STEPS - 1L);
        Map<String, Number> noReuse = new HashMap<>(mixed);
        noReuse.put("looksam-alpha", 0);
        assertBitwiseEqual(trainConvNet(method("ae-looksam", noReuse)), aeSam);
        assertBitwiseUnequal(trainConvNet(method("ae-looksam", mixed)), aeSam);
        assertBitwiseEqual(
                trainConvNet(method("ae-looksam", Map.of("ae-lambda-start", -5, "ae-lambda-end", -5, "rho", 0.1))),
                trainConvNet(method("sam", Map.of("rho", 0.1))));
    }

    /**
     * AE-LookSAM, δ = 0.5, c = 0, α = 0.7, six steps on the linear model: where ‖g‖² ≥ μ (the policy,
     * fed the double-precision ‖g‖²) a SAM step that stores g_v = g_s − (⟨g_s, g⟩/‖g‖²)·g; elsewhere
     * the descent g + α·(‖g‖/‖g_v‖)·g_v.
     */
    @Test
    void aeLookSamReusesTheOrthogonalComponentWhereThePolicySaysNoSam() {
        double alpha = 0.7;
        int steps = 6;
        Map<String, Number> values =
                Map.of("ae-delta", 0.5, "ae-lambda-start", 0, "ae-lambda-end", 0, "looksam-alpha", alpha, "rho", RHO);
        AdaptivePolicy policy = new AdaptivePolicy(0.5, 0, 0, steps);
        double[] w = {1, 1};
        double[] gv = null;
        List<Boolean> decisions = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            float[][] x = t % 2 == 0 ? XA : XB;
            float[] y = t % 2 == 0 ? YA : YB;
            double[] g = gradient(w, x, y);
            boolean sam = policy.decide(dot(g, g));
            decisions.add(sam);
            double[] d;
            if (sam) {
                double[] gs = perturbedGradient(w, g, x, y);
                gv = axpy(-dot(gs, g) / dot(g, g), g, gs);
                d = gs;
            } else {
                d = gv == null ? g : axpy(alpha * Math.sqrt(dot(g, g)) / Math.sqrt(dot(gv, gv)), gv, g);
            }
            w = axpy(-LR, d, w);
            assertWeights(linearRun(method("ae-looksam", values), t + 1), w);
        }
        assertThat(decisions.get(0)).as("the first step stores g_v").isTrue();
        assertThat(decisions).as("SAM and reuse steps").contains(true, false);
    }

    /**
     * AE-SAM's policy on squared norms 4, 1, 9, 1 with δ = 0.5, worked by hand: μ = 2, 1.5, 5.25,
     * 3.125 and σ² = 2, 1.125, 7.59375, 6.0546875. With c = 0 SAM fires where x ≥ μ; with c going from
     * −1 to 1 over T = 4 steps (c = −1, −0.5, 0, 0.5) also at step 1, where 1 ≥ 1.5 − 0.5·√1.125.
     */
    @Test
    void aeSamPolicyFollowsItsMovingEstimates() {
        double[] x = {4, 1, 9, 1};
        double[] mean = {2, 1.5, 5.25, 3.125};
        double[] variance = {2, 1.125, 7.59375, 6.0546875};
        AdaptivePolicy flat = new AdaptivePolicy(0.5, 0, 0, 4);
        AdaptivePolicy ramp = new AdaptivePolicy(0.5, -1, 1, 4);
        List<Boolean> flatDecisions = new ArrayList<>();
        List<Boolean> rampDecisions = new ArrayList<>();
        for (int t = 0; t < x.length; t++) {
            flatDecisions.add(flat.decide(x[t]));
            rampDecisions.add(ramp.decide(x[t]));
            assertThat(flat.mean()).isEqualTo(mean[t]);
            assertThat(flat.variance()).isEqualTo(variance[t]);
            assertThat(ramp.variance()).isEqualTo(variance[t]);
        }
        assertThat(flatDecisions).containsExactly(true, false, true, false);
        assertThat(rampDecisions).containsExactly(true, true, true, false);
        assertThat(ramp.threshold(2)).isEqualTo(0);
        assertThat(ramp.steps()).isEqualTo(4);
        // Under normality the share of SAM steps is 1 − Φ(c): Φ(1) = 0.8413447460685429.
        assertThat(AdaptivePolicy.upperTail(1)).isCloseTo(1 - 0.8413447460685429, within(1e-9));
        assertThat(AdaptivePolicy.upperTail(-1)).isCloseTo(0.8413447460685429, within(1e-9));
        assertThat(AdaptivePolicy.expectedShare(-1, 1)).isCloseTo(0.5, within(1e-9));
        assertThat(SamMethods.named("ae-sam").passesPerStep(Map.of())).isCloseTo(1.5, within(1e-9));
        assertThatThrownBy(() -> new AdaptivePolicy(1, 0, 0, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("delta must be in [0, 1) but was 1.0");
    }

    /**
     * β = 1 with γ ≥ 0.99 (the official code's "all examples" threshold) trains the weights as SAM,
     * bitwise; the BatchNorm running statistics differ, since ESAM's code keeps what both passes left
     * and SAM's the clean pass's alone.
     */
    @Test
    void esamWithoutSelectionOrMaskIsSamBitwise() {
        List<float[]> sam = trainConvNet(method("sam", Map.of("rho", 0.1)), SamFamilyTest::trainable);
        Map<String, Number> degenerate = Map.of("esam-beta", 1, "esam-gamma", 1, "rho", 0.1);
        assertBitwiseEqual(trainConvNet(method("esam", degenerate), SamFamilyTest::trainable), sam);
        assertBitwiseEqual(
                trainConvNet(
                        method("esam", Map.of("esam-beta", 1, "esam-gamma", 0.99, "rho", 0.1)),
                        SamFamilyTest::trainable),
                sam);
        assertBitwiseUnequal(
                trainConvNet(method("esam", degenerate), SamFamilyTest::statistics),
                trainConvNet(method("sam", Map.of("rho", 0.1)), SamFamilyTest::statistics));
        assertBitwiseUnequal(
                trainConvNet(
                        method("esam", Map.of("esam-beta", 1, "esam-gamma", 0.5, "rho", 0.1)),
                        SamFamilyTest::trainable),
                sam);
        assertBitwiseUnequal(
                trainConvNet(
                        method("esam", Map.of("esam-beta", 0.5, "esam-gamma", 1, "rho", 0.1)),
                        SamFamilyTest::trainable),
                sam);
    }

    @Test
    void esamSelectsTheExamplesWhoseLossRoseMost() {
        // Increases 0.5, 0.1, 2, −1, 0.5: the two largest are examples 2 and 0 (0 before 4 on the tie).
        float[] before = {1, 2, 3, 4, 1};
        float[] after = {1.5f, 2.1f, 5, 3, 1.5f};
        assertThat(EfficientSamStep.largestIncreases(before, after, 2)).containsExactly(0, 2);
        assertThat(EfficientSamStep.largestIncreases(before, after, 3)).containsExactly(0, 2, 4);
        assertThat(EfficientSamStep.largestIncreases(before, after, 5)).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void esamMasksWholeTensorsFromTheStepSeed() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block net = Fixtures.convNet(manager, 42);
            GradientPass pass = new GradientPass(net, ModelParameters.of(net), new SmoothedCrossEntropy(0), manager);
            StepSettings settings = new StepSettings(
                    pass,
                    Optimizers.sgd().setLearningRate(Tracker.fixed(0.05f)).build(),
                    manager,
                    WeightDecay.none(),
                    0,
                    1,
                    STEPS);
            EfficientSamStep esam =
                    (EfficientSamStep) SamMethods.named("esam").build(settings, Map.of("esam-beta", 0.6));
            assertThat(esam.mask(7, 10)).containsExactly(esam.mask(7, 10));
            int kept = 0;
            int seeds = 2000;
            for (long seed = 0; seed < seeds; seed++) {
                for (boolean k : esam.mask(seed, 5)) {
                    kept += k ? 1 : 0;
                }
            }
            assertThat(kept / (5.0 * seeds)).isCloseTo(0.6, within(0.03));
            // The official code's count at γ = 0.5: ⌊0.5·16⌋ − 1 = 7 (strictly above the 8th largest rise).
            assertThat(esam.selected(16)).isEqualTo(7);
            assertThat(esam.selected(17)).isEqualTo(7);
            assertThat(esam.selected(2)).as("at least one").isEqualTo(1);
            assertThat(esam.selected(1)).isEqualTo(1);
            // One step's work: the clean pass on 16, the measuring forward on 16, the pass on 7.
            esam.step(Fixtures.randomImages(16, 100), 3);
            assertThat(pass.passExamples()).isEqualTo(16 + 7);
            assertThat(pass.forwardExamples()).isEqualTo(16);
            assertThat(SamMethods.named("esam").passesPerStep(Map.of())).isCloseTo(1 + 1.0 / 3 + 0.5, within(1e-12));
        }
    }

    /** RST draws its coin from the step seed: the same run as SAM and base steps chosen by that draw. */
    @Test
    void rstTakesSamStepsWhereTheSeededDrawIsBelowP() {
        double p = 0.5;
        List<Boolean> coins = new ArrayList<>();
        for (int i = 0; i < STEPS; i++) {
            coins.add(new StepSeeds(1000 + i).policyDraw() < p);
        }
        assertThat(coins).contains(true, false);
        List<float[]> rst = trainConvNet(method("rst", Map.of("p", p)));
        List<float[]> composed = trainConvNet(settings -> {
            SharpnessAwareStep sam =
                    settings.applyTo(SharpnessAwareStep.builder()).build();
            return new Alternating(sam, i -> coins.get(i));
        });
        assertBitwiseEqual(rst, composed);
    }

    /** Late-phase SAM: base steps before its start step, SAM steps from it on, step counting from 0. */
    @Test
    void lateSamSwitchesAtItsStartStep() {
        List<float[]> late = trainConvNet(settings ->
                LateSamStep.of(settings.applyTo(SharpnessAwareStep.builder()).build(), 2));
        List<float[]> composed = trainConvNet(settings -> {
            SharpnessAwareStep sam =
                    settings.applyTo(SharpnessAwareStep.builder()).build();
            return new Alternating(sam, i -> i >= 2);
        });
        assertBitwiseEqual(late, composed);
        // SAM for the last tenth of ten epochs of 7 steps: from the start of epoch 10, step 9·7.
        assertThat(SamMethods.lateStart(0.9, 10, 7)).isEqualTo(63);
        assertThat(SamMethods.lateStart(0, 10, 7)).isZero();
        assertThat(SamMethods.lateStart(1, 10, 7)).isEqualTo(70);
    }

    /** Runs SAM or base steps of {@code sam} by step index. */
    private static final class Alternating extends SamVariantStep {
        private final Function<Integer, Boolean> samAt;
        private int index;

        Alternating(SharpnessAwareStep sam, Function<Integer, Boolean> samAt) {
            super(sam);
            this.samAt = samAt;
        }

        @Override
        public StepResult step(Batch batch, long seed) {
            return samAt.apply(index++) ? sam.step(batch, seed) : sam.baseStep().step(batch, seed);
        }
    }

    // ---- double-precision recomputations on a linear model: L = mean ½(w·x − y)², w₀ = (1, 1) ----

    private static final float[][] XA = {{1, 2}, {2, 0.5f}};
    private static final float[] YA = {0, 0.5f};
    private static final float[][] XB = {{0.5f, 1}, {-1, 3}};
    private static final float[] YB = {1, -0.5f};
    private static final double RHO = 0.3;
    private static final double LR = 0.1;

    /** ∇ mean ½(w·x − y)² = mean (w·x − y)·x. */
    private static double[] gradient(double[] w, float[][] x, float[] y) {
        double[] g = new double[2];
        for (int i = 0; i < y.length; i++) {
            double r = w[0] * x[i][0] + w[1] * x[i][1] - y[i];
            g[0] += r * x[i][0] / y.length;
            g[1] += r * x[i][1] / y.length;
        }
        return g;
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1];
    }

    private static double[] axpy(double a, double[] x, double[] y) {
        return new double[] {a * x[0] + y[0], a * x[1] + y[1]};
    }

    /** g_p = ∇L(w + ρ·d/‖d‖). */
    private static double[] perturbedGradient(double[] w, double[] d, float[][] x, float[] y) {
        return gradient(axpy(RHO / (Math.sqrt(dot(d, d)) + 1e-12), d, w), x, y);
    }

    /** The linear model's settings with plain SGD, η = 0.1. */
    private static StepSettings linearSettings(NDManager manager, Block linear, int steps) {
        return linearSettings(
                manager,
                linear,
                Optimizers.sgd().setLearningRate(Tracker.fixed((float) LR)).build(),
                steps);
    }

    /** The linear model's settings: L2 loss, no weight decay, no clipping, whole batches. */
    private static StepSettings linearSettings(NDManager manager, Block linear, Optimizer optimizer, int steps) {
        return new StepSettings(
                new GradientPass(linear, ModelParameters.of(linear), new L2Loss(), manager),
                optimizer,
                manager,
                WeightDecay.none(),
                0,
                1,
                steps);
    }

    /** Runs {@code steps} steps on batches A, B, A, … from w₀ = (1, 1) with plain SGD, η = 0.1. */
    private static float[] linearRun(Function<StepSettings, TrainingStep> factory, int steps) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block linear = Fixtures.onesLinear(manager, 2, 1, false);
            StepSettings settings = linearSettings(manager, linear, steps);
            TrainingStep step = factory.apply(settings);
            for (int i = 0; i < steps; i++) {
                step.step(i % 2 == 0 ? Fixtures.regression(XA, YA) : Fixtures.regression(XB, YB), i);
            }
            return linear.getParameters().get("weight").getArray().toFloatArray();
        }
    }

    private static void assertWeights(float[] actual, double[] expected) {
        assertThat(actual[0]).isCloseTo((float) expected[0], within(2e-6f));
        assertThat(actual[1]).isCloseTo((float) expected[1], within(2e-6f));
    }

    /**
     * LookSAM, k = 3, α = 0.7: step 0 is SAM and stores g_v = g_s − (⟨g_s, g⟩/‖g‖²)·g; steps 1 and 2
     * descend along g + α·(‖g‖/‖g_v‖)·g_v; step 3 is SAM again.
     */
    @Test
    void lookSamReusesTheStoredOrthogonalComponent() {
        double alpha = 0.7;
        double[] w = {1, 1};
        double[] gv = null;
        for (int t = 0; t < 4; t++) {
            float[][] x = t % 2 == 0 ? XA : XB;
            float[] y = t % 2 == 0 ? YA : YB;
            double[] g = gradient(w, x, y);
            double[] d;
            if (t % 3 == 0) {
                double[] gs = perturbedGradient(w, g, x, y);
                gv = axpy(-dot(gs, g) / dot(g, g), g, gs);
                d = gs;
            } else {
                d = axpy(alpha * Math.sqrt(dot(g, g)) / Math.sqrt(dot(gv, gv)), gv, g);
            }
            w = axpy(-LR, d, w);
            float[] actual = linearRun(method("looksam", Map.of("k", 3, "looksam-alpha", alpha, "rho", RHO)), t + 1);
            assertWeights(actual, w);
        }
        assertThat(Math.sqrt(dot(gv, gv))).as("a non-trivial orthogonal part").isGreaterThan(1e-3);
    }

    /**
     * GSAM, α = 0.4: d = g_p − α·(g − (⟨g, g_p⟩/‖g_p‖²)·g_p), from the clean gradient g and the
     * perturbed gradient g_p, over two steps.
     */
    @Test
    void gsamRemovesPartOfTheOrthogonalComponentOfTheCleanGradient() {
        double alpha = 0.4;
        double[] w = {1, 1};
        for (int t = 0; t < 2; t++) {
            float[][] x = t % 2 == 0 ? XA : XB;
            float[] y = t % 2 == 0 ? YA : YB;
            double[] g = gradient(w, x, y);
            double[] gp = perturbedGradient(w, g, x, y);
            double[] vertical = axpy(-dot(g, gp) / dot(gp, gp), gp, g);
            w = axpy(-LR, axpy(-alpha, vertical, gp), w);
        }
        assertWeights(linearRun(method("gsam", Map.of("gsam-alpha", alpha, "rho", RHO)), 2), w);
    }

    /**
     * GSAM's ρ schedule, α = 0.4, ρ_max = 0.3, ρ_min = 0.1, five steps of a cosine learning rate from
     * 0.1 to 0 over a run of five steps: ρ_t = ρ_min + (ρ_max − ρ_min)·(lr_t − lr_min)/(lr_max − lr_min)
     * with lr_max and lr_min the run's largest and smallest rates, then GSAM's step at ρ_t and lr_t.
     */
    @Test
    void gsamRhoFollowsTheLearningRate() {
        double alpha = 0.4;
        double rhoMin = 0.1;
        int steps = 5;
        LearningRateSchedule schedule = LearningRateSchedule.cosine(LR, steps, 0);
        double lrMax = Double.NEGATIVE_INFINITY;
        double lrMin = Double.POSITIVE_INFINITY;
        for (int t = 0; t < steps; t++) {
            lrMax = Math.max(lrMax, schedule.valueAt(t));
            lrMin = Math.min(lrMin, schedule.valueAt(t));
        }
        Map<String, Number> values = Map.of("gsam-alpha", alpha, "rho", RHO, "gsam-rho-min", rhoMin);
        double[] w = {1, 1};
        for (int t = 0; t < steps; t++) {
            float[][] x = t % 2 == 0 ? XA : XB;
            float[] y = t % 2 == 0 ? YA : YB;
            double lr = schedule.valueAt(t);
            double rho = rhoMin + (RHO - rhoMin) * (lr - lrMin) / (lrMax - lrMin);
            double[] g = gradient(w, x, y);
            double[] gp = gradient(axpy(rho / Math.sqrt(dot(g, g)), g, w), x, y);
            double[] vertical = axpy(-dot(g, gp) / dot(gp, gp), gp, g);
            w = axpy(-lr, axpy(-alpha, vertical, gp), w);
            float[] rhos = new float[1];
            assertWeights(scheduledLinearRun(method("gsam", values), schedule, steps, t + 1, rhos), w);
            assertThat(rhos[0]).as("rho at step %s", t).isCloseTo((float) rho, within(1e-6f));
        }
        assertThat(lrMin).as("the schedule decays").isLessThan(lrMax / 5);
    }

    /**
     * With ρ_min = ρ_max GSAM keeps ρ fixed, whatever the learning rate does: at α = 0 it is SAM under
     * a decaying schedule, bitwise, while ρ_min below ρ_max is not. Out-of-range and unknown learning
     * rates are refused in one line.
     */
    @Test
    void gsamWithRhoMinEqualToRhoIsFixedRhoBitwise() {
        LearningRateSchedule schedule = LearningRateSchedule.cosine(LR, 4, 0);
        float[] sam = scheduledLinearRun(method("sam", Map.of("rho", RHO)), schedule, 4, 4, new float[1]);
        float[] fixed = scheduledLinearRun(
                method("gsam", Map.of("gsam-alpha", 0, "rho", RHO, "gsam-rho-min", RHO)), schedule, 4, 4, new float[1]);
        float[] scheduled = scheduledLinearRun(
                method("gsam", Map.of("gsam-alpha", 0, "rho", RHO, "gsam-rho-min", 0)), schedule, 4, 4, new float[1]);
        assertThat(fixed).containsExactly(sam);
        assertThat(scheduled).isNotEqualTo(sam);
        // A fixed ρ needs no learning rate: GsamStep.of(sam, α) is ρ_min = ρ_max.
        float[] twoArgument = scheduledLinearRun(
                settings -> GsamStep.of(
                        settings.applyTo(SharpnessAwareStep.builder())
                                .optRho((float) RHO)
                                .build(),
                        0.4f),
                schedule,
                4,
                4,
                new float[1]);
        assertThat(twoArgument)
                .containsExactly(scheduledLinearRun(
                        method("gsam", Map.of("gsam-alpha", 0.4, "rho", RHO, "gsam-rho-min", RHO)),
                        schedule,
                        4,
                        4,
                        new float[1]));
        try (NDManager manager = NDManager.newBaseManager()) {
            Block linear = Fixtures.onesLinear(manager, 2, 1, false);
            StepSettings settings = linearSettings(manager, linear, 4);
            assertThatThrownBy(() -> SamMethods.named("gsam").build(settings, Map.of("rho", 0.1, "gsam-rho-min", 0.2)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("gsam-rho-min must be in [0, rho] = [0, 0.1] but was 0.2");
            StepSettings djlSgd = linearSettings(
                    manager,
                    linear,
                    Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.1f)).build(),
                    4);
            assertThatThrownBy(() -> SamMethods.named("gsam").build(djlSgd, Map.of()))
                    .hasMessage("gsam's rho follows the learning rate, which the base optimizer Sgd does not expose:"
                            + " use one of sam4j's Optimizers, or a fixed rho (gsam-rho-min = rho)");
            assertThat(SamMethods.named("gsam")
                            .build(djlSgd, Map.of("rho", 0.1, "gsam-rho-min", 0.1))
                            .optimizer())
                    .isSameAs(djlSgd.optimizer());
        }
    }

    /**
     * Runs {@code steps} of a run of {@code runSteps} steps on the linear model with plain SGD at
     * {@code schedule}, and puts GSAM's ρ for the last step into {@code rho} (a step of another method:
     * 0).
     */
    private static float[] scheduledLinearRun(
            Function<StepSettings, TrainingStep> factory,
            LearningRateSchedule schedule,
            int runSteps,
            int steps,
            float[] rho) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block linear = Fixtures.onesLinear(manager, 2, 1, false);
            StepSettings settings = linearSettings(
                    manager, linear, Optimizers.sgd().setLearningRate(schedule).build(), runSteps);
            TrainingStep step = factory.apply(settings);
            for (int i = 0; i < steps; i++) {
                rho[0] = step instanceof GsamStep gsam ? gsam.rho() : 0;
                step.step(i % 2 == 0 ? Fixtures.regression(XA, YA) : Fixtures.regression(XB, YB), i);
            }
            return linear.getParameters().get("weight").getArray().toFloatArray();
        }
    }

    /**
     * FriendlySAM, σ = 0.8, λ = 0.6, three steps: d₀ = g₀ (m = g₀); d₁ = g₁ − σ·g₀, m = λg₀ + (1 − λ)g₁;
     * d₂ = g₂ − σ·m; ε = ρ·d/‖d‖ and SAM's descent along the gradient at w + ε.
     */
    @Test
    void friendlySamRemovesTheMovingAverageFromTheAscent() {
        double sigma = 0.8;
        double lambda = 0.6;
        double[] w = {1, 1};
        double[] m = null;
        for (int t = 0; t < 3; t++) {
            float[][] x = t % 2 == 0 ? XA : XB;
            float[] y = t % 2 == 0 ? YA : YB;
            double[] g = gradient(w, x, y);
            double[] d;
            if (m == null) {
                d = g;
                m = g;
            } else {
                d = axpy(-sigma, m, g);
                m = axpy(1 - lambda, g, new double[] {lambda * m[0], lambda * m[1]});
            }
            w = axpy(-LR, perturbedGradient(w, d, x, y), w);
        }
        assertWeights(linearRun(method("fsam", Map.of("fsam-sigma", sigma, "fsam-lambda", lambda, "rho", RHO)), 3), w);
    }

    /**
     * ESAM, β = 0.5, γ = 0.5, six steps on batches of two: ε = (m_t/β)·ρ·g/‖g‖, m_t ∈ {0, 1} the
     * step's draw for the one weight tensor; each example's loss ½(w·x − y)² at w and at w + ε; the
     * descent gradient is that of the example whose loss rose more (the first on a tie), taken at
     * w + ε.
     */
    @Test
    void esamDescendsOnTheExampleWhoseLossRoseMostAtTheMaskedPerturbation() {
        double beta = 0.5;
        Map<String, Double> values = Map.of("esam-beta", beta, "esam-gamma", 0.5, "rho", RHO);
        boolean[] kept = new boolean[6];
        try (NDManager manager = NDManager.newBaseManager()) {
            Block linear = Fixtures.onesLinear(manager, 2, 1, false);
            StepSettings settings = linearSettings(manager, linear, kept.length);
            EfficientSamStep esam = (EfficientSamStep) SamMethods.named("esam").build(settings, values);
            for (int t = 0; t < kept.length; t++) {
                kept[t] = esam.mask(t, 1)[0];
            }
        }
        assertThat(kept).as("the draws perturb on some steps and not on others").contains(true, false);
        double[] w = {1, 1};
        List<Integer> chosen = new ArrayList<>();
        for (int t = 0; t < kept.length; t++) {
            float[][] x = t % 2 == 0 ? XA : XB;
            float[] y = t % 2 == 0 ? YA : YB;
            double[] g = gradient(w, x, y);
            double scale = kept[t] ? RHO / beta / (Math.sqrt(dot(g, g)) + 1e-12) : 0;
            double[] at = axpy(scale, g, w);
            int best = 0;
            double bestRise = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < y.length; i++) {
                double rise = exampleLoss(at, x[i], y[i]) - exampleLoss(w, x[i], y[i]);
                if (rise > bestRise) {
                    best = i;
                    bestRise = rise;
                }
            }
            chosen.add(best);
            w = axpy(-LR, gradient(at, new float[][] {x[best]}, new float[] {y[best]}), w);
            assertWeights(linearRun(method("esam", values), t + 1), w);
        }
        assertThat(chosen).as("both examples are chosen at some step").contains(0, 1);
    }

    /**
     * ESAM's ε is normalized over the tensors its mask keeps, as the official code does (the dropped
     * tensors have no gradient there): on a linear model with a bias, a step whose draw keeps the
     * weight and drops the bias moves the weight by ε_w = (ρ/β)·g_w/‖g_w‖, so ‖ε‖ = ρ/β, and leaves
     * the bias unperturbed; the descent gradient (every tensor, bias included) is taken there.
     */
    @Test
    void esamNormalizesEpsilonOverTheKeptTensors() {
        double beta = 0.5;
        Map<String, Double> values = Map.of("esam-beta", beta, "esam-gamma", 1.0, "rho", RHO);
        try (NDManager manager = NDManager.newBaseManager()) {
            Block linear = Fixtures.onesLinear(manager, 2, 1, true);
            EfficientSamStep esam =
                    (EfficientSamStep) SamMethods.named("esam").build(linearSettings(manager, linear, 1), values);
            long seed = 0;
            while (!Arrays.equals(esam.mask(seed, 2), new boolean[] {true, false})) {
                seed++;
            }
            esam.step(Fixtures.regression(XA, YA), seed);
            // w = (1, 1), b = 0; r_i = w·x_i + b − y_i.
            double[] w = {1, 1};
            double[] gw = gradient(w, XA, YA);
            double scale = RHO / beta / Math.sqrt(dot(gw, gw));
            double[] at = axpy(scale, gw, w);
            double gb = 0;
            for (int i = 0; i < YA.length; i++) {
                gb += (at[0] * XA[i][0] + at[1] * XA[i][1] - YA[i]) / YA.length;
            }
            double[] expectedW = axpy(-LR, gradient(at, XA, YA), w);
            assertWeights(linear.getParameters().get("weight").getArray().toFloatArray(), expectedW);
            assertThat(linear.getParameters().get("bias").getArray().getFloat(0))
                    .isCloseTo((float) (-LR * gb), within(2e-6f));
        }
    }

    /** ½(w·x − y)², DJL's L2Loss on one example. */
    private static double exampleLoss(double[] w, float[] x, float y) {
        double r = w[0] * x[0] + w[1] * x[1] - y;
        return 0.5 * r * r;
    }

    /**
     * Momentum-SAM with momentum SGD (μ = 0.9): step 0 has no buffer and is a plain step, b₁ = g₀; then
     * g_t = ∇L(w_t − ρ·b_t/‖b_t‖), b_{t+1} = μ·b_t + g_t, w_{t+1} = w_t − η·b_{t+1}.
     */
    @Test
    void momentumSamPerturbsAgainstTheMomentumBuffer() {
        double mu = 0.9;
        double[] w = {1, 1};
        double[] b = null;
        for (int t = 0; t < 3; t++) {
            float[][] x = t % 2 == 0 ? XA : XB;
            float[] y = t % 2 == 0 ? YA : YB;
            double[] at = b == null ? w : axpy(-RHO / Math.sqrt(dot(b, b)), b, w);
            double[] g = gradient(at, x, y);
            b = b == null ? g : axpy(mu, b, g);
            w = axpy(-LR, b, w);
        }
        float[] actual = linearMomentumRun(Map.of("rho", RHO), 3);
        assertWeights(actual, w);
        // ρ = 0 is momentum SGD itself, bitwise.
        double[] plain = {1, 1};
        double[] buffer = null;
        for (int t = 0; t < 3; t++) {
            double[] g = gradient(plain, t % 2 == 0 ? XA : XB, t % 2 == 0 ? YA : YB);
            buffer = buffer == null ? g : axpy(mu, buffer, g);
            plain = axpy(-LR, buffer, plain);
        }
        assertWeights(linearMomentumRun(Map.of("rho", 0), 3), plain);
        assertThat(Math.abs(w[0] - plain[0])).isGreaterThan(1e-3);
    }

    private static float[] linearMomentumRun(Map<String, ? extends Number> values, int steps) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block linear = Fixtures.onesLinear(manager, 2, 1, false);
            StepSettings settings = linearSettings(
                    manager,
                    linear,
                    Optimizers.sgd()
                            .setLearningRate(Tracker.fixed((float) LR))
                            .optMomentum(0.9f)
                            .build(),
                    steps);
            TrainingStep step = SamMethods.named("msam").build(settings, values);
            for (int i = 0; i < steps; i++) {
                step.step(i % 2 == 0 ? Fixtures.regression(XA, YA) : Fixtures.regression(XB, YB), i);
            }
            return linear.getParameters().get("weight").getArray().toFloatArray();
        }
    }

    @Test
    void momentumSamRefusesOptimizersWithoutAMomentumBuffer() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block linear = Fixtures.onesLinear(manager, 2, 1, false);
            GradientPass pass = new GradientPass(linear, ModelParameters.of(linear), new L2Loss(), manager);
            StepSettings adam = new StepSettings(
                    pass,
                    Optimizers.adam().setLearningRate(Tracker.fixed(0.1f)).build(),
                    manager,
                    WeightDecay.none(),
                    0,
                    1,
                    1);
            assertThatThrownBy(() -> SamMethods.named("msam").build(adam, Map.of()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("msam perturbs along the momentum buffer, and the base optimizer AdamOptimizer has"
                            + " none: use sgd with momentum > 0");
            StepSettings sgd = new StepSettings(
                    pass,
                    Optimizers.sgd().setLearningRate(Tracker.fixed(0.1f)).build(),
                    manager,
                    WeightDecay.none(),
                    0,
                    1,
                    1);
            assertThatThrownBy(() -> SamMethods.named("msam").build(sgd, Map.of()))
                    .hasMessageContaining("the base optimizer sgd with momentum 0 has none");
        }
    }

    /** SAM-ON: ε = ρ·g_N/‖g_N‖ on BatchNorm's γ and β, exactly 0 on convolution and linear parameters. */
    @Test
    void samOnPerturbsOnlyNormalizationParameters() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block net = Fixtures.convNet(manager, 1);
            List<Parameter> trainable = ModelParameters.of(net).trainable();
            NDList gradients = new NDList();
            double normSquared = 0;
            for (int i = 0; i < trainable.size(); i++) {
                NDArray g = manager.ones(trainable.get(i).getArray().getShape()).muli(i + 1);
                gradients.add(g);
                if (SamOnPerturbation.isNormalization(trainable.get(i))) {
                    normSquared += (double) (i + 1) * (i + 1) * g.size();
                }
            }
            assertThat(normSquared).isPositive();
            Perturbation.Ascent ascent =
                    Perturbation.normalizationOnly(Perturbation.sam()).ascend(trainable, gradients, 0.5f);
            int perturbed = 0;
            for (int i = 0; i < trainable.size(); i++) {
                float[] epsilon = ascent.epsilon().get(i).toFloatArray();
                boolean normalization = SamOnPerturbation.isNormalization(trainable.get(i));
                perturbed += normalization ? 1 : 0;
                float expected = normalization ? (float) (0.5 * (i + 1) / Math.sqrt(normSquared)) : 0f;
                for (float e : epsilon) {
                    assertThat(e).isCloseTo(expected, within(1e-7f));
                }
            }
            assertThat(perturbed).isEqualTo(2);
            assertThat(ascent.gradientNorm()).isCloseTo(Math.sqrt(normSquared), within(1e-3));
            assertThat(ascent.epsilonNorm()).isCloseTo(0.5, within(1e-6));

            Block linear = Fixtures.onesLinear(manager, 2, 1, true);
            StepSettings settings = linearSettings(
                    manager,
                    linear,
                    Optimizers.sgd().setLearningRate(Tracker.fixed(0.1f)).build(),
                    1);
            assertThatThrownBy(() -> SamMethods.named("sam-on").build(settings, Map.of()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("sam-on perturbs normalization layers only, and the model has none"
                            + " (no BatchNorm or LayerNorm)");
        }
    }

    /** Counted passes per step: LookSAM 1 + 1/k exactly, RST 1 + (the seeded coins), late SAM 1 + f. */
    @Test
    void passesPerStepMatchTheCostFormulas() {
        int steps = 60;
        assertThat(countPasses("looksam", Map.of("k", 4), steps)).isEqualTo(steps + steps / 4);
        assertThat(SamMethods.named("looksam").passesPerStep(Map.of("k", 4))).isEqualTo(1.25);

        double p = 0.3;
        long samSteps = 0;
        for (int i = 0; i < steps; i++) {
            samSteps += new StepSeeds(i).policyDraw() < p ? 1 : 0;
        }
        assertThat(countPasses("rst", Map.of("p", p), steps)).isEqualTo(steps + samSteps);
        // The seeded coins land near p: within 10% of 1 + p passes per step.
        assertThat((steps + samSteps) / (double) steps).isCloseTo(1 + p, within(0.13));

        // Late SAM for the last quarter of 4 epochs of 15 steps: 45 base steps, then 15 SAM steps.
        assertThat(countPasses("late-sam", Map.of("sam-start", 0.75), steps)).isEqualTo(steps + 15);
        assertThat(SamMethods.named("late-sam").passesPerStep(Map.of("sam-start", 0.75)))
                .isEqualTo(1.25);
        assertThat(countMomentumPasses(7)).isEqualTo(7);
        for (String twoPass : List.of("sam", "asam", "gsam", "fsam")) {
            assertThat(countPasses(twoPass, Map.of(), 5)).as(twoPass).isEqualTo(10);
        }
        assertThat(countPasses("none", Map.of(), 5)).isEqualTo(5);
    }

    private static long countMomentumPasses(int steps) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block linear = Fixtures.onesLinear(manager, 2, 1, false);
            CountingLoss loss = new CountingLoss(new L2Loss());
            StepSettings settings = new StepSettings(
                    new GradientPass(linear, ModelParameters.of(linear), loss, manager),
                    Optimizers.sgd()
                            .setLearningRate(Tracker.fixed(0.01f))
                            .optMomentum(0.9f)
                            .build(),
                    manager,
                    WeightDecay.none(),
                    0,
                    1,
                    steps);
            TrainingStep step = SamMethods.named("msam").build(settings, Map.of());
            for (int i = 0; i < steps; i++) {
                step.step(Fixtures.regression(XA, YA), i);
            }
            return loss.evaluations();
        }
    }

    private static long countPasses(String name, Map<String, ? extends Number> values, int steps) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block linear = Fixtures.onesLinear(manager, 2, 1, false);
            CountingLoss loss = new CountingLoss(new L2Loss());
            StepSettings settings = new StepSettings(
                    new GradientPass(linear, ModelParameters.of(linear), loss, manager),
                    Optimizers.sgd().setLearningRate(Tracker.fixed(0.01f)).build(),
                    manager,
                    WeightDecay.none(),
                    0,
                    4,
                    steps / 4);
            TrainingStep step = SamMethods.named(name).build(settings, values);
            for (int i = 0; i < steps; i++) {
                step.step(Fixtures.regression(XA, YA), i);
            }
            return loss.evaluations();
        }
    }
}
