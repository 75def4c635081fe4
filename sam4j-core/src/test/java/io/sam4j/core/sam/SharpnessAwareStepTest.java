package io.sam4j.core.sam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.loss.L2Loss;
import ai.djl.training.tracker.Tracker;
import io.sam4j.core.loss.SmoothedCrossEntropy;
import io.sam4j.core.optim.Optimizers;
import io.sam4j.core.testing.Fixtures;
import io.sam4j.core.train.BaseStep;
import io.sam4j.core.train.Batch;
import io.sam4j.core.train.GradientPass;
import io.sam4j.core.train.ModelParameters;
import io.sam4j.core.train.NonFiniteLossException;
import io.sam4j.core.train.StepResult;
import io.sam4j.core.train.StepSeeds;
import io.sam4j.core.train.TrainingStep;
import io.sam4j.core.train.WeightDecay;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One step of SAM and ASAM on a ones-initialized {@code Linear}, against values worked out by hand,
 * and the invariants of the step: ρ = 0 is the base optimizer, m = batch is SAM, BatchNorm
 * statistics come from the clean pass only.
 */
class SharpnessAwareStepTest {

    private static final float[][] X = {{1, 2}};
    private static final float[] Y = {0};

    private static SharpnessAwareStep sam(
            NDManager manager, Block block, Perturbation perturbation, float rho, float lr) {
        GradientPass pass = new GradientPass(block, ModelParameters.of(block), new L2Loss(), manager);
        return SharpnessAwareStep.builder()
                .setPass(pass)
                .setManager(manager)
                .setOptimizer(
                        Optimizers.sgd().setLearningRate(Tracker.fixed(lr)).build())
                .optPerturbation(perturbation)
                .optRho(rho)
                .build();
    }

    /**
     * w = (1, 1), x = (1, 2), y = 0, L = ½(w·x − y)², ρ = 0.5, η = 0.1 (plain SGD).
     *
     * <pre>
     * g  = (w·x)x = 3·(1, 2) = (3, 6),  ‖g‖ = 3√5
     * ε  = ρg/‖g‖ = (0.5/√5, 1/√5) = (0.2236068, 0.4472136)
     * w+ε·x = 3 + 2.5/√5 = 3 + √5/2 = 4.1180340
     * g' = 4.1180340·(1, 2)
     * w' = (1 − 0.41180340, 1 − 0.82360680) = (0.5881966, 0.1763932)
     * </pre>
     */
    @Test
    void samStepMatchesHandComputation() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block linear = Fixtures.onesLinear(manager, 2, 1, false);
            StepResult result =
                    sam(manager, linear, Perturbation.sam(), 0.5f, 0.1f).step(Fixtures.regression(X, Y), 1);

            float[] w = linear.getParameters().get("weight").getArray().toFloatArray();
            assertThat(w[0]).isCloseTo(0.5881966f, within(1e-6f));
            assertThat(w[1]).isCloseTo(0.1763932f, within(1e-6f));
            assertThat(result.loss()).isEqualTo(4.5f);
            assertThat(result.gradientNorm()).isCloseTo(3 * Math.sqrt(5), within(1e-5));
            assertThat(result.epsilonNorm()).isCloseTo(0.5, within(1e-6));
        }
    }

    /**
     * ASAM with a bias: w = (1, 1), b = 0, ρ = 0.5, η_asam = 0.01, SGD η = 0.1.
     *
     * <pre>
     * g_w = 3·(1, 2), g_b = 3;  T_w = |w| + 0.01 = 1.01, T_b = 1
     * ‖Tg‖ = √(1.01²·45 + 9) = 7.4097571
     * ε_w = ρ·1.01²·g_w/‖Tg‖ = (0.2065047, 0.4130095),  ε_b = ρ·3/‖Tg‖ = 0.2024358
     * f' = (1 + ε_w1) + 2(1 + ε_w2) + ε_b = 4.2349595
     * w' = 1 − 0.1·f'·(1, 2) = (0.5765040, 0.1530081),  b' = −0.1·f' = −0.4234960
     * </pre>
     */
    @Test
    void asamStepMatchesHandComputation() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block linear = Fixtures.onesLinear(manager, 2, 1, true);
            sam(manager, linear, Perturbation.asam(0.01f), 0.5f, 0.1f).step(Fixtures.regression(X, Y), 1);

            double tgNorm = Math.sqrt(1.01 * 1.01 * 45 + 9);
            double epsW1 = 0.5 * 1.01 * 1.01 * 3 / tgNorm;
            double epsW2 = 0.5 * 1.01 * 1.01 * 6 / tgNorm;
            double epsB = 0.5 * 3 / tgNorm;
            double f = (1 + epsW1) + 2 * (1 + epsW2) + epsB;
            assertThat(tgNorm).isCloseTo(7.4097571, within(1e-6));
            assertThat(f).isCloseTo(4.2349595, within(1e-6));

            float[] w = linear.getParameters().get("weight").getArray().toFloatArray();
            float b = linear.getParameters().get("bias").getArray().toFloatArray()[0];
            assertThat(w[0]).isCloseTo(0.5765040f, within(1e-6f));
            assertThat(w[1]).isCloseTo(0.1530081f, within(1e-6f));
            assertThat(b).isCloseTo(-0.4234960f, within(1e-6f));
        }
    }

    /**
     * m = 1 on two examples: each example gets its own ε, the descent gradient is the mean of the
     * two perturbed gradients (computed here in double precision, independently of the step).
     */
    @Test
    void mSharpnessAveragesPerGroupPerturbedGradients() {
        float[][] x = {{1, 2}, {2, -1}};
        float[] y = {0, 0.5f};
        double rho = 0.3;
        double lr = 0.1;
        double[] expectedDescent = new double[2];
        for (int i = 0; i < 2; i++) {
            double residual = x[i][0] + x[i][1] - y[i];
            double[] g = {residual * x[i][0], residual * x[i][1]};
            double norm = Math.hypot(g[0], g[1]) + 1e-12;
            double[] w = {1 + rho * g[0] / norm, 1 + rho * g[1] / norm};
            double perturbedResidual = w[0] * x[i][0] + w[1] * x[i][1] - y[i];
            expectedDescent[0] += perturbedResidual * x[i][0] / 2;
            expectedDescent[1] += perturbedResidual * x[i][1] / 2;
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            Block linear = Fixtures.onesLinear(manager, 2, 1, false);
            GradientPass pass = new GradientPass(linear, ModelParameters.of(linear), new L2Loss(), manager);
            SharpnessAwareStep step = SharpnessAwareStep.builder()
                    .setPass(pass)
                    .setManager(manager)
                    .setOptimizer(Optimizers.sgd()
                            .setLearningRate(Tracker.fixed((float) lr))
                            .build())
                    .optRho((float) rho)
                    .optGroupSize(1)
                    .build();
            step.step(Fixtures.regression(x, y), 7);
            float[] w = linear.getParameters().get("weight").getArray().toFloatArray();
            assertThat(w[0]).isCloseTo((float) (1 - lr * expectedDescent[0]), within(1e-6f));
            assertThat(w[1]).isCloseTo((float) (1 - lr * expectedDescent[1]), within(1e-6f));
        }
    }

    /**
     * m = 2 on three examples leaves a group of one: the descent gradient weights the groups' perturbed
     * gradients by their sizes, 2/3 and 1/3 (recomputed here in double precision from the groups the
     * step draws), and the reported loss is the mean over all three examples.
     */
    @Test
    void aGroupThatMDoesNotFillCountsByItsSize() {
        float[][] x = {{1, 2}, {2, -1}, {0.5f, 1.5f}};
        float[] y = {0, 0.5f, -1};
        double rho = 0.3;
        double lr = 0.1;
        long seed = 7;
        Batch batch = Fixtures.regression(x, y);
        List<Batch> groups = MSharpness.groups(batch, 2, new StepSeeds(seed).groupSeed());
        assertThat(groups).extracting(Batch::size).containsExactly(2, 1);
        double[] expectedDescent = new double[2];
        double cleanLoss = 0;
        for (Batch group : groups) {
            Fixtures.RegressionBatch rows = (Fixtures.RegressionBatch) group;
            int n = rows.y().length;
            double[] g = new double[2];
            for (int i = 0; i < n; i++) {
                double residual = rows.x()[i][0] + rows.x()[i][1] - rows.y()[i];
                cleanLoss += 0.5 * residual * residual / 3;
                g[0] += residual * rows.x()[i][0] / n;
                g[1] += residual * rows.x()[i][1] / n;
            }
            double norm = Math.hypot(g[0], g[1]) + 1e-12;
            double[] w = {1 + rho * g[0] / norm, 1 + rho * g[1] / norm};
            for (int i = 0; i < n; i++) {
                double residual = w[0] * rows.x()[i][0] + w[1] * rows.x()[i][1] - rows.y()[i];
                // The group's mean perturbed gradient, weighted n/3: each example enters with 1/3.
                expectedDescent[0] += residual * rows.x()[i][0] / 3;
                expectedDescent[1] += residual * rows.x()[i][1] / 3;
            }
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            Block linear = Fixtures.onesLinear(manager, 2, 1, false);
            GradientPass pass = new GradientPass(linear, ModelParameters.of(linear), new L2Loss(), manager);
            SharpnessAwareStep step = SharpnessAwareStep.builder()
                    .setPass(pass)
                    .setManager(manager)
                    .setOptimizer(Optimizers.sgd()
                            .setLearningRate(Tracker.fixed((float) lr))
                            .build())
                    .optRho((float) rho)
                    .optGroupSize(2)
                    .build();
            StepResult result = step.step(batch, seed);
            float[] w = linear.getParameters().get("weight").getArray().toFloatArray();
            assertThat(w[0]).isCloseTo((float) (1 - lr * expectedDescent[0]), within(1e-6f));
            assertThat(w[1]).isCloseTo((float) (1 - lr * expectedDescent[1]), within(1e-6f));
            assertThat((double) result.loss()).isCloseTo(cleanLoss, within(1e-5));
        }
    }

    @Test
    void groupSizeEqualToBatchIsPlainSamBitwise() {
        List<float[]> plain = trainConvNet(4, 0, 0.1f, 0);
        List<float[]> grouped = trainConvNet(4, 16, 0.1f, 0);
        assertBitwiseEqual(plain, grouped);
        assertBitwiseUnequal(plain, trainConvNet(4, 4, 0.1f, 0));
    }

    @Test
    void rhoZeroFollowsTheBaseOptimizerBitwise() {
        List<float[]> base = trainConvNet(5, 0, -1f, 5e-4f);
        List<float[]> samRhoZero = trainConvNet(5, 0, 0f, 5e-4f);
        assertBitwiseEqual(base, samRhoZero);
        assertBitwiseUnequal(base, trainConvNet(5, 0, 0.05f, 5e-4f));
    }

    /**
     * Trains the fixture conv net for {@code steps} steps of batch 16 with momentum SGD.
     *
     * @param rho SAM's ρ, or a negative value for the base step
     */
    private static List<float[]> trainConvNet(int steps, int groupSize, float rho, float weightDecay) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block net = Fixtures.convNet(manager, 42);
            GradientPass pass = new GradientPass(net, ModelParameters.of(net), new SmoothedCrossEntropy(0), manager);
            var optimizer = Optimizers.sgd()
                    .setLearningRate(Tracker.fixed(0.05f))
                    .optMomentum(0.9f)
                    .build();
            TrainingStep step = rho < 0
                    ? BaseStep.builder()
                            .setPass(pass)
                            .setManager(manager)
                            .setOptimizer(optimizer)
                            .optWeightDecay(new WeightDecay(weightDecay))
                            .build()
                    : SharpnessAwareStep.builder()
                            .setPass(pass)
                            .setManager(manager)
                            .setOptimizer(optimizer)
                            .optRho(rho)
                            .optGroupSize(groupSize)
                            .optWeightDecay(new WeightDecay(weightDecay))
                            .build();
            for (int i = 0; i < steps; i++) {
                step.step(Fixtures.randomImages(16, 100 + i), 1000 + i);
            }
            return Fixtures.weights(net);
        }
    }

    @Test
    void batchNormStatisticsComeFromTheCleanPassOnly() {
        Batch batch = Fixtures.randomImages(16, 5);
        try (NDManager manager = NDManager.newBaseManager()) {
            Block samNet = Fixtures.convNet(manager, 7);
            Block cleanOnly = Fixtures.convNet(manager, 7);
            ModelParameters samParameters = ModelParameters.of(samNet);
            List<float[]> before = stateOf(samParameters);

            GradientPass pass = new GradientPass(samNet, samParameters, new SmoothedCrossEntropy(0), manager);
            SharpnessAwareStep.builder()
                    .setPass(pass)
                    .setManager(manager)
                    .setOptimizer(Optimizers.sgd()
                            .setLearningRate(Tracker.fixed(0.1f))
                            .build())
                    .optRho(2f)
                    .build()
                    .step(batch, 3);

            // The reference: one training-mode forward pass at the clean weights.
            new GradientPass(cleanOnly, ModelParameters.of(cleanOnly), new SmoothedCrossEntropy(0), manager)
                    .run(batch, 0, manager);
            List<float[]> expected = stateOf(ModelParameters.of(cleanOnly));
            List<float[]> actual = stateOf(samParameters);
            assertThat(samParameters.state()).hasSize(2);
            assertBitwiseEqual(actual, expected);
            assertBitwiseUnequal(actual, before);
        }
    }

    private static List<float[]> stateOf(ModelParameters parameters) {
        return parameters.state().stream().map(p -> p.getArray().toFloatArray()).toList();
    }

    @Test
    void weightsAreRestoredFromACopyWhenThePerturbedPassFails() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block linear = Fixtures.onesLinear(manager, 2, 1, false);
            Batch poisoned = Fixtures.regression(new float[][] {{1, 2}}, new float[] {Float.NaN});
            SharpnessAwareStep step = sam(manager, linear, Perturbation.sam(), 0.5f, 0.1f);
            assertThatThrownBy(() -> step.step(poisoned, 1))
                    .isInstanceOf(NonFiniteLossException.class)
                    .hasMessageContaining("NaN");
            assertThat(linear.getParameters().get("weight").getArray().toFloatArray())
                    .containsExactly(1f, 1f);
        }
    }

    @Test
    void rejectsNegativeRho() {
        assertThatThrownBy(() -> SharpnessAwareStep.builder().optRho(-0.1f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rho must be >= 0 but was -0.1");
    }

    static void assertBitwiseEqual(List<float[]> a, List<float[]> b) {
        assertThat(a).hasSameSizeAs(b);
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i)).as("array %s", i).containsExactly(b.get(i));
        }
    }

    static void assertBitwiseUnequal(List<float[]> a, List<float[]> b) {
        boolean differ = false;
        for (int i = 0; i < a.size(); i++) {
            differ |= !Arrays.equals(a.get(i), b.get(i));
        }
        assertThat(differ).as("the arrays should differ").isTrue();
    }
}
