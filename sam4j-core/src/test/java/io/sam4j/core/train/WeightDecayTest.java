package io.sam4j.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.loss.L2Loss;
import ai.djl.training.tracker.Tracker;
import io.sam4j.core.optim.Optimizers;
import io.sam4j.core.testing.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * The two weight-decay conventions of the official JAX code, each checked on one SGD step against a
 * hand computation: every parameter (its default), or tensors of rank ≥ 2 only (its
 * {@code --no_weight_decay_on_bn}).
 *
 * <pre>
 * Linear with w = (1, 1) (shape 1×2, rank 2), b = 1 (shape 1, rank 1); x = (1, 2), y = 0;
 * L = ½(w·x + b − y)², λ = 0.5, SGD η = 0.1.
 * prediction = 1 + 2 + 1 = 4;  ∇w L = 4·(1, 2) = (4, 8);  ∇b L = 4
 * w' = w − η(∇w L + λw) = (1 − 0.1·4.5, 1 − 0.1·8.5) = (0.55, 0.15)   (both conventions)
 * b' = b − η ∇b L = 0.6                                               (rank ≥ 2: the bias is not decayed)
 * b' = b − η(∇b L + λb) = 1 − 0.1·4.5 = 0.55                          (every parameter)
 * </pre>
 */
class WeightDecayTest {

    private static final float[][] X = {{1, 2}};
    private static final float[] Y = {0};

    @Test
    void rankTwoLeavesTheBiasUndecayed() {
        float[] wb = step(WeightDecay.Scope.RANK2);
        assertThat(wb[0]).isCloseTo(0.55f, within(1e-6f));
        assertThat(wb[1]).isCloseTo(0.15f, within(1e-6f));
        assertThat(wb[2]).isCloseTo(0.6f, within(1e-6f));
    }

    @Test
    void allDecaysTheBiasToo() {
        float[] wb = step(WeightDecay.Scope.ALL);
        assertThat(wb[0]).isCloseTo(0.55f, within(1e-6f));
        assertThat(wb[1]).isCloseTo(0.15f, within(1e-6f));
        assertThat(wb[2]).isCloseTo(0.55f, within(1e-6f));
    }

    @Test
    void theOneArgumentConstructorKeepsRankTwo() {
        assertThat(new WeightDecay(0.5f).scope()).isEqualTo(WeightDecay.Scope.RANK2);
    }

    /** Returns (w1, w2, b) after one step. */
    private static float[] step(WeightDecay.Scope scope) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block linear = Fixtures.onesLinear(manager, 2, 1, true);
            linear.getParameters().get("bias").getArray().set(new float[] {1});
            GradientPass pass = new GradientPass(linear, ModelParameters.of(linear), new L2Loss(), manager);
            BaseStep.builder()
                    .setPass(pass)
                    .setManager(manager)
                    .setOptimizer(Optimizers.sgd()
                            .setLearningRate(Tracker.fixed(0.1f))
                            .build())
                    .optWeightDecay(new WeightDecay(0.5f, scope))
                    .build()
                    .step(Fixtures.regression(X, Y), 1);
            float[] w = linear.getParameters().get("weight").getArray().toFloatArray();
            float b = linear.getParameters().get("bias").getArray().toFloatArray()[0];
            return new float[] {w[0], w[1], b};
        }
    }
}
