package io.sam4j.core.sam;

import static io.sam4j.core.sam.SharpnessAwareStepTest.assertBitwiseEqual;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.loss.L2Loss;
import ai.djl.training.tracker.Tracker;
import io.sam4j.core.loss.SmoothedCrossEntropy;
import io.sam4j.core.optim.Optimizers;
import io.sam4j.core.testing.CountingLoss;
import io.sam4j.core.testing.Fixtures;
import io.sam4j.core.train.Batch;
import io.sam4j.core.train.GradientPass;
import io.sam4j.core.train.MicroBatches;
import io.sam4j.core.train.ModelParameters;
import io.sam4j.core.train.StepResult;
import io.sam4j.core.train.StepSeeds;
import io.sam4j.core.train.TrainingStep;
import io.sam4j.core.train.WeightDecay;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Gradient accumulation that is correct for SAM: ascent direction and descent gradient each accumulated
 * over the micro-batches give the SAM step of the whole batch; BatchNorm statistics come from the clean
 * passes only.
 */
class AccumulationTest {

    private static final float[][] X = {{1, 2}, {2, 0.5f}, {0.5f, 1}, {-1, 3}, {1.5f, -0.5f}};
    private static final float[] Y = {0, 0.5f, 1, -0.5f, 0.2f};
    private static final double RHO = 0.3;
    private static final double LR = 0.1;
    private static final double DECAY = 0.01;

    /** ∇ of mean ½(w·x − y)² + (λ/2)‖w‖² over all five examples. */
    private static double[] gradient(double[] w) {
        double[] g = {DECAY * w[0], DECAY * w[1]};
        for (int i = 0; i < Y.length; i++) {
            double r = w[0] * X[i][0] + w[1] * X[i][1] - Y[i];
            g[0] += r * X[i][0] / Y.length;
            g[1] += r * X[i][1] / Y.length;
        }
        return g;
    }

    private static float[] run(String method, int microBatches, CountingLoss loss) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block linear = Fixtures.onesLinear(manager, 2, 1, false);
            StepSettings settings = new StepSettings(
                    new GradientPass(linear, ModelParameters.of(linear), loss, manager),
                    Optimizers.sgd().setLearningRate(Tracker.fixed((float) LR)).build(),
                    manager,
                    new WeightDecay((float) DECAY),
                    0,
                    1,
                    1,
                    microBatches);
            TrainingStep step =
                    SamMethods.named(method).build(settings, method.equals("none") ? Map.of() : Map.of("rho", RHO));
            StepResult result = step.step(Fixtures.regression(X, Y), 3);
            assertThat(result.size()).isEqualTo(5);
            return linear.getParameters().get("weight").getArray().toFloatArray();
        }
    }

    /** Two micro-batches (3 and 2 examples) give the SAM step of all five, recomputed in double. */
    @Test
    void samOverMicroBatchesIsSamOnTheWholeBatch() {
        double[] w = {1, 1};
        double[] g = gradient(w);
        double norm = Math.hypot(g[0], g[1]);
        double[] perturbed = gradient(new double[] {w[0] + RHO * g[0] / norm, w[1] + RHO * g[1] / norm});
        double[] expected = {w[0] - LR * perturbed[0], w[1] - LR * perturbed[1]};
        for (int n : new int[] {1, 2, 5}) {
            CountingLoss loss = new CountingLoss(new L2Loss());
            float[] actual = run("sam", n, loss);
            assertThat(actual[0]).as("%s micro-batches", n).isCloseTo((float) expected[0], within(1e-6f));
            assertThat(actual[1]).as("%s micro-batches", n).isCloseTo((float) expected[1], within(1e-6f));
            assertThat(loss.evaluations()).as("two passes per micro-batch").isEqualTo(2 * n);
        }
        // The base step too: one pass per micro-batch, the gradient of the whole batch.
        CountingLoss loss = new CountingLoss(new L2Loss());
        float[] base = run("none", 3, loss);
        assertThat(base[0]).isCloseTo((float) (1 - LR * g[0]), within(1e-6f));
        assertThat(base[1]).isCloseTo((float) (1 - LR * g[1]), within(1e-6f));
        assertThat(loss.evaluations()).isEqualTo(3);
    }

    @Test
    void microBatchesSplitConsecutivelyAndNearlyEqually() {
        Batch batch = Fixtures.regression(X, Y);
        List<Batch> parts = MicroBatches.split(batch, 2);
        assertThat(parts).extracting(Batch::size).containsExactly(3, 2);
        assertThat(((Fixtures.RegressionBatch) parts.get(1)).y()).containsExactly(-0.5f, 0.2f);
        assertThat(MicroBatches.split(batch, 9)).hasSize(5);
        assertThat(MicroBatches.split(batch, 1)).containsExactly(batch);
    }

    /** BatchNorm: the running statistics are those of the clean micro-batch passes, in order. */
    @Test
    void batchNormStatisticsComeFromTheCleanMicroBatchPasses() {
        Batch batch = Fixtures.randomImages(12, 4);
        long seed = 9;
        try (NDManager manager = NDManager.newBaseManager()) {
            Block net = Fixtures.convNet(manager, 3);
            ModelParameters parameters = ModelParameters.of(net);
            SharpnessAwareStep.builder()
                    .setPass(new GradientPass(net, parameters, new SmoothedCrossEntropy(0), manager))
                    .setManager(manager)
                    .setOptimizer(Optimizers.sgd()
                            .setLearningRate(Tracker.fixed(0.1f))
                            .build())
                    .optRho(2f)
                    .optMicroBatches(3)
                    .build()
                    .step(batch, seed);

            Block reference = Fixtures.convNet(manager, 3);
            GradientPass cleanOnly =
                    new GradientPass(reference, ModelParameters.of(reference), new SmoothedCrossEntropy(0), manager);
            StepSeeds seeds = new StepSeeds(seed);
            List<Batch> parts = MicroBatches.split(batch, 3);
            for (int j = 0; j < parts.size(); j++) {
                cleanOnly.run(parts.get(j), seeds.engineSeed(j), manager);
            }
            assertBitwiseEqual(stateOf(parameters), stateOf(ModelParameters.of(reference)));
        }
    }

    /**
     * With BatchNorm, accumulation is not the whole batch's step: each micro-batch is normalized with
     * its own statistics, as a run at the micro-batch size would be. The step is SAM with the
     * micro-batch-weighted gradients of passes that each see one micro-batch, recomputed here from
     * separate passes (in double), and differs from the step on the whole batch.
     */
    @Test
    void withBatchNormEachMicroBatchIsNormalizedByItsOwnStatistics() {
        Batch batch = Fixtures.randomImages(12, 4);
        long seed = 9;
        float rho = 0.5f;
        float lr = 0.1f;
        try (NDManager manager = NDManager.newBaseManager()) {
            List<float[]> accumulated = weightsAfterStep(manager, batch, seed, rho, lr, 3);
            List<float[]> whole = weightsAfterStep(manager, batch, seed, rho, lr, 1);

            Block reference = Fixtures.convNet(manager, 3);
            ModelParameters parameters = ModelParameters.of(reference);
            GradientPass pass = new GradientPass(reference, parameters, new SmoothedCrossEntropy(0), manager);
            StepSeeds seeds = new StepSeeds(seed);
            List<Batch> parts = MicroBatches.split(batch, 3);
            List<float[]> w = parameters.trainable().stream()
                    .map(p -> p.getArray().toFloatArray())
                    .toList();
            double[][] g = weightedGradients(pass, parts, seeds, manager);
            double norm = 0;
            for (double[] t : g) {
                for (double v : t) {
                    norm += v * v;
                }
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < w.size(); i++) {
                float[] perturbed = new float[w.get(i).length];
                for (int k = 0; k < perturbed.length; k++) {
                    perturbed[k] = (float) (w.get(i)[k] + rho * g[i][k] / norm);
                }
                parameters.trainable().get(i).getArray().set(perturbed);
            }
            double[][] d = weightedGradients(pass, parts, seeds, manager);
            for (int i = 0; i < w.size(); i++) {
                for (int k = 0; k < w.get(i).length; k++) {
                    double expected = w.get(i)[k] - lr * d[i][k];
                    assertThat((double) accumulated.get(i)[k])
                            .as("tensor %d element %d", i, k)
                            .isCloseTo(expected, within(1e-5));
                }
            }
            double largestGap = 0;
            for (int i = 0; i < w.size(); i++) {
                for (int k = 0; k < w.get(i).length; k++) {
                    largestGap = Math.max(largestGap, Math.abs(accumulated.get(i)[k] - whole.get(i)[k]));
                }
            }
            assertThat(largestGap).as("not the whole batch's step").isGreaterThan(1e-3);
        }
    }

    private static List<float[]> weightsAfterStep(
            NDManager manager, Batch batch, long seed, float rho, float lr, int microBatches) {
        Block net = Fixtures.convNet(manager, 3);
        ModelParameters parameters = ModelParameters.of(net);
        SharpnessAwareStep.builder()
                .setPass(new GradientPass(net, parameters, new SmoothedCrossEntropy(0), manager))
                .setManager(manager)
                .setOptimizer(
                        Optimizers.sgd().setLearningRate(Tracker.fixed(lr)).build())
                .optRho(rho)
                .optMicroBatches(microBatches)
                .build()
                .step(batch, seed);
        return parameters.trainable().stream()
                .map(p -> p.getArray().toFloatArray())
                .toList();
    }

    /** Σⱼ (|Bⱼ|/|B|)·∇L_{Bⱼ}, each micro-batch in a pass of its own (its own BatchNorm statistics). */
    private static double[][] weightedGradients(
            GradientPass pass, List<Batch> parts, StepSeeds seeds, NDManager manager) {
        int total = parts.stream().mapToInt(Batch::size).sum();
        double[][] sum = null;
        for (int j = 0; j < parts.size(); j++) {
            var result = pass.run(parts.get(j), seeds.engineSeed(j), manager);
            if (sum == null) {
                sum = new double[result.gradients().size()][];
            }
            for (int i = 0; i < sum.length; i++) {
                float[] gi = result.gradients().get(i).toFloatArray();
                if (sum[i] == null) {
                    sum[i] = new double[gi.length];
                }
                for (int k = 0; k < gi.length; k++) {
                    sum[i][k] += (double) parts.get(j).size() / total * gi[k];
                }
            }
        }
        return sum;
    }

    private static List<float[]> stateOf(ModelParameters parameters) {
        return parameters.state().stream().map(p -> p.getArray().toFloatArray()).toList();
    }

    @Test
    void stepsThatCannotAccumulateSaySo() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block linear = Fixtures.onesLinear(manager, 2, 1, false);
            StepSettings settings = new StepSettings(
                    new GradientPass(linear, ModelParameters.of(linear), new L2Loss(), manager),
                    Optimizers.sgd()
                            .setLearningRate(Tracker.fixed(0.1f))
                            .optMomentum(0.9f)
                            .build(),
                    manager,
                    WeightDecay.none(),
                    0,
                    1,
                    1,
                    2);
            assertThatThrownBy(() -> SamMethods.named("sam").build(settings, Map.of("m", 4)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("m-sharpness already runs its groups one at a time: use m = 0 with 2 micro-batches,"
                            + " or no micro-batches with m = 4");
            assertThatThrownBy(() -> SamMethods.named("looksam").build(settings, Map.of()))
                    .hasMessage("looksam does not accumulate micro-batches (it was given 2); use whole batches");
            assertThatThrownBy(() -> SamMethods.named("msam").build(settings, Map.of()))
                    .hasMessage("msam does not accumulate micro-batches (it was given 2); use whole batches");
        }
    }
}
