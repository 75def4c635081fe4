package io.sam4j.analysis.sharpness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.loss.Loss;
import io.sam4j.core.testing.Fixtures;
import io.sam4j.core.testing.Fixtures.RegressionBatch;
import io.sam4j.core.testing.TestModels;
import io.sam4j.core.train.Batch;
import io.sam4j.core.train.ModelParameters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * On a linear model with the loss ½·mean((xᵀw)²) the loss is the quadratic ½ wᵀAw with A = XᵀX/n, and the
 * maximum over a ball has a closed form to check projected gradient ascent against.
 */
class EpsilonSharpnessTest {

    private static final float S6 = (float) Math.sqrt(6);
    private static final float S2 = (float) Math.sqrt(2);

    /** X = diag(√6, √2) over 2 examples: A = XᵀX/2 = diag(3, 1). */
    private static final List<Batch> DIAGONAL =
            List.of(new RegressionBatch(new float[][] {{S6, 0}, {0, S2}}, new float[] {0, 0}));

    private static Block linear(NDManager manager, float... w) {
        Linear linear = Linear.builder().setUnits(1).optBias(false).build();
        linear.initialize(manager, DataType.FLOAT32, new Shape(1, w.length));
        Parameter p = linear.getParameters().valueAt(0);
        p.getArray().set(new NDIndex(":"), manager.create(w, new Shape(1, w.length)));
        return linear;
    }

    private static EpsilonSharpness.Builder sharpness(Block block, NDManager manager) {
        return EpsilonSharpness.builder()
                .setBlock(block)
                .setParameters(ModelParameters.of(block))
                .setLoss(Loss.l2Loss())
                .setManager(manager);
    }

    /**
     * max over ‖u‖ ≤ ρ of ½(v + u)ᵀD(v + u) for diagonal D ≥ 0: the maximizer satisfies D(v + u) = μu with
     * μ > max D, so u_i = d_i v_i / (μ − d_i), and μ solves ‖u(μ)‖ = ρ (found by bisection).
     */
    static double ballMaximum(double[] d, double[] v, double rho) {
        double dMax = Arrays.stream(d).max().orElseThrow();
        double lo = dMax + 1e-15;
        double hi = dMax + 1e6;
        for (int it = 0; it < 500; it++) {
            double mu = 0.5 * (lo + hi);
            double norm = 0;
            for (int i = 0; i < d.length; i++) {
                double ui = d[i] * v[i] / (mu - d[i]);
                norm += ui * ui;
            }
            if (Math.sqrt(norm) > rho) {
                lo = mu;
            } else {
                hi = mu;
            }
        }
        double mu = 0.5 * (lo + hi);
        double value = 0;
        for (int i = 0; i < d.length; i++) {
            double z = v[i] + d[i] * v[i] / (mu - d[i]);
            value += 0.5 * d[i] * z * z;
        }
        return value;
    }

    @Test
    void projectedGradientAscentReachesTheExactMaximumOfAQuadratic() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = linear(manager, 0.3f, 0.4f);
            double rho = 0.5;
            double lossAtW = 0.5 * (3 * 0.09 + 0.16);
            double exact = ballMaximum(new double[] {3, 1}, new double[] {0.3, 0.4}, rho) - lossAtW;
            SharpnessResult r =
                    sharpness(block, manager).optRho(rho).optSteps(60).build().measure(DIAGONAL);
            assertThat(r.loss()).isCloseTo(lossAtW, within(1e-6));
            assertThat(r.sharpness()).isCloseTo(exact, within(1e-5 * exact));
            assertThat(r.groups()).isEqualTo(1);
            assertThat(r.groupSize()).isEqualTo(2);
            assertThat(block.getParameters().valueAt(0).getArray().toFloatArray())
                    .containsExactly(0.3f, 0.4f);
        }
    }

    @Test
    void oneStepIsSamsFirstOrderAscentStep() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = linear(manager, 0.3f, 0.4f);
            double rho = 0.5;
            // g = A w = (0.9, 0.4); ε = ρ g / ‖g‖
            double gNorm = Math.hypot(0.9, 0.4);
            double e1 = 0.3 + rho * 0.9 / gNorm;
            double e2 = 0.4 + rho * 0.4 / gNorm;
            double expected = 0.5 * (3 * e1 * e1 + e2 * e2) - 0.5 * (3 * 0.09 + 0.16);
            SharpnessResult r =
                    sharpness(block, manager).optRho(rho).optSteps(1).build().measure(DIAGONAL);
            assertThat(r.sharpness()).isCloseTo(expected, within(1e-5));
            double exact = ballMaximum(new double[] {3, 1}, new double[] {0.3, 0.4}, rho) - 0.5 * (3 * 0.09 + 0.16);
            assertThat(r.sharpness()).isLessThan(exact);
        }
    }

    @Test
    void atAStationaryPointTheAscentStartsRandomlyAndFindsTheTopEigenvalue() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = linear(manager, 0f, 0f);
            double rho = 0.5;
            // ∇L(0) = 0; the maximum over the ball is ½ρ²λ_max = ½ · 0.25 · 3.
            SharpnessResult r =
                    sharpness(block, manager).optRho(rho).optSteps(100).build().measure(DIAGONAL);
            assertThat(r.loss()).isZero();
            assertThat(r.sharpness()).isCloseTo(0.5 * rho * rho * 3, within(1e-5));
        }
    }

    @Test
    void theAdaptiveBallIsTheBallOfTInverseDeltaAndIsRespected() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = linear(manager, 0.3f, -0.4f);
            double rho = 0.5;
            double eta = 0.01;
            double t1 = 0.3 + eta;
            double t2 = 0.4 + eta;
            // δ = T u: L(w + T u) = ½ (v + u)ᵀ (T A T) (v + u) with v = T⁻¹ w.
            double exact = ballMaximum(new double[] {3 * t1 * t1, t2 * t2}, new double[] {0.3 / t1, -0.4 / t2}, rho)
                    - 0.5 * (3 * 0.09 + 0.16);
            EpsilonSharpness s = sharpness(block, manager)
                    .optRho(rho)
                    .optSteps(200)
                    .optAdaptive(true)
                    .optEta(eta)
                    .build();
            GroupAscent a = s.ascend(DIAGONAL);
            assertThat(a.sharpness()).isCloseTo(exact, within(1e-4 * exact));
            float[] delta = a.perturbation().get(0);
            double ball = Math.hypot(delta[0] / t1, delta[1] / t2);
            assertThat(ball).isLessThanOrEqualTo(rho * (1 + 1e-5)).isCloseTo(rho, within(1e-4));
            assertThat(a.ballNorm()).isCloseTo(ball, within(1e-5));
            // The plain ball of the same radius allows larger steps along w₂, a different maximum.
            assertThat(Math.hypot(delta[0], delta[1])).isLessThan(rho);
        }
    }

    @Test
    void mSharpnessIsTheMeanOverGroupsOfEachGroupsOwnMaximum() {
        float[][] x = {{1, 2, 1}, {-1, 0.5f, 2}, {0.3f, -1, 1}, {2, 0, -0.5f}};
        float[] w = {0.2f, -0.1f, 0.3f};
        double rho = 0.1;
        double expected = 0;
        List<Double> each = new ArrayList<>();
        for (float[] xi : x) {
            // ½(xᵢᵀ(w + δ))² is largest at δ = ρ·sign(xᵢᵀw)·xᵢ/‖xᵢ‖: ½(|xᵢᵀw| + ρ‖xᵢ‖)².
            double dot = xi[0] * w[0] + xi[1] * w[1] + xi[2] * w[2];
            double norm = Math.sqrt(xi[0] * xi[0] + xi[1] * xi[1] + xi[2] * xi[2]);
            double s = 0.5 * Math.pow(Math.abs(dot) + rho * norm, 2) - 0.5 * dot * dot;
            each.add(s);
            expected += s / x.length;
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = linear(manager, w);
            List<Batch> sample = List.of(new RegressionBatch(x, new float[4]));
            SharpnessResult r = sharpness(block, manager)
                    .optRho(rho)
                    .optSteps(3)
                    .optGroupSize(1)
                    .optSeed(5)
                    .build()
                    .measure(sample);
            assertThat(r.groups()).isEqualTo(4);
            assertThat(r.groupSize()).isEqualTo(1);
            assertThat(r.sharpness()).isCloseTo(expected, within(1e-6));
            double[] perGroup = r.perGroup().clone();
            Arrays.sort(perGroup);
            double[] sortedEach =
                    each.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            for (int i = 0; i < 4; i++) {
                assertThat(perGroup[i]).isCloseTo(sortedEach[i], within(1e-6));
            }
            // The whole sample as one group has a smaller sharpness than the mean of per-example maxima.
            SharpnessResult whole =
                    sharpness(block, manager).optRho(rho).optSteps(50).build().measure(sample);
            assertThat(whole.sharpness()).isLessThan(r.sharpness());
        }
    }

    @Test
    void groupsPartitionEachBatchIntoDisjointGroupsOfMAndARemainder() {
        float[][] x = new float[5][];
        for (int i = 0; i < 5; i++) {
            x[i] = new float[] {i};
        }
        List<Batch> sample = List.of(new RegressionBatch(x, new float[5]));
        List<List<Batch>> groups = EpsilonSharpness.groups(sample, 2, 3);
        assertThat(groups).extracting(g -> g.get(0).size()).containsExactly(2, 2, 1);
        Set<Float> seen = new HashSet<>();
        for (List<Batch> g : groups) {
            for (float[] row : ((RegressionBatch) g.get(0)).x()) {
                assertThat(seen.add(row[0])).isTrue();
            }
        }
        assertThat(seen).hasSize(5);
        assertThat(EpsilonSharpness.groups(sample, 0, 3)).containsExactly(sample);
        assertThat(EpsilonSharpness.groups(sample, 2, 3))
                .usingRecursiveComparison()
                .isEqualTo(groups);
        // m at least the batch: the batch is one group, as in training.
        assertThat(EpsilonSharpness.groups(sample, 6, 3))
                .extracting(g -> g.get(0).size())
                .containsExactly(5);
    }

    /**
     * m = 2 on three examples: the group of one counts a third, as in training. The expected value
     * measures each group alone (m = 0) and weights the results by group size.
     */
    @Test
    void aGroupThatMDoesNotFillCountsByItsSize() {
        float[][] x = {{1, 2, 1}, {-1, 0.5f, 2}, {0.3f, -1, 1}};
        float[] w = {0.2f, -0.1f, 0.3f};
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = linear(manager, w);
            List<Batch> sample = List.of(new RegressionBatch(x, new float[3]));
            SharpnessResult r = sharpness(block, manager)
                    .optRho(0.1)
                    .optSteps(5)
                    .optGroupSize(2)
                    .optSeed(5)
                    .build()
                    .measure(sample);
            List<List<Batch>> groups = EpsilonSharpness.groups(sample, 2, 5);
            assertThat(groups).extracting(g -> g.get(0).size()).containsExactly(2, 1);
            double weighted = 0;
            double unweighted = 0;
            for (int g = 0; g < 2; g++) {
                double alone = sharpness(block, manager)
                        .optRho(0.1)
                        .optSteps(5)
                        .build()
                        .measure(groups.get(g))
                        .sharpness();
                assertThat(r.perGroup()[g]).isCloseTo(alone, within(1e-9));
                weighted += alone * groups.get(g).get(0).size() / 3;
                unweighted += alone / 2;
            }
            assertThat(r.groups()).isEqualTo(2);
            assertThat(r.sharpness()).isCloseTo(weighted, within(1e-9));
            assertThat(Math.abs(weighted - unweighted)).isGreaterThan(1e-4);
        }
    }

    @Test
    void onANetworkTheBallsAreRespectedAndTheWeightsComeBackBitwise() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block net = TestModels.convNet(manager, 4);
            List<Batch> sample = TestModels.images(2, 16, 3);
            TestModels.warmUpBatchNorm(net, manager, sample);
            List<float[]> before = Fixtures.weights(net);
            ModelParameters parameters = ModelParameters.of(net);
            double rho = 0.05;
            double eta = 0.01;
            for (boolean adaptive : new boolean[] {false, true}) {
                GroupAscent a = EpsilonSharpness.builder()
                        .setBlock(net)
                        .setParameters(parameters)
                        .setLoss(Loss.softmaxCrossEntropyLoss())
                        .setManager(manager)
                        .optRho(rho)
                        .optSteps(5)
                        .optAdaptive(adaptive)
                        .optEta(eta)
                        .build()
                        .ascend(sample);
                assertThat(a.maxLoss()).isGreaterThan(a.loss());
                assertThat(a.loss()).isCloseTo(TestModels.crossEntropy(net, manager, sample), within(1e-5));
                double sum = 0;
                for (int k = 0; k < parameters.trainable().size(); k++) {
                    Parameter p = parameters.trainable().get(k);
                    float[] w = p.getArray().toFloatArray();
                    float[] d = a.perturbation().get(k);
                    boolean scaled =
                            adaptive && (p.getType() == Parameter.Type.WEIGHT || p.getType() == Parameter.Type.GAMMA);
                    for (int e = 0; e < d.length; e++) {
                        double t = scaled ? Math.abs(w[e]) + eta : 1;
                        sum += (d[e] / t) * (d[e] / t);
                    }
                }
                assertThat(Math.sqrt(sum))
                        .as("adaptive=%s", adaptive)
                        .isLessThanOrEqualTo(rho * (1 + 1e-5))
                        .isGreaterThan(rho * 0.999);
            }
            List<float[]> after = Fixtures.weights(net);
            for (int i = 0; i < before.size(); i++) {
                assertThat(after.get(i)).containsExactly(before.get(i));
            }
        }
    }
}
