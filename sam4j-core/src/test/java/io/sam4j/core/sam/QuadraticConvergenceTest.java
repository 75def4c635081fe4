package io.sam4j.core.sam;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.loss.L2Loss;
import ai.djl.training.tracker.Tracker;
import io.sam4j.core.optim.Optimizers;
import io.sam4j.core.testing.Fixtures;
import io.sam4j.core.train.Batch;
import io.sam4j.core.train.GradientPass;
import io.sam4j.core.train.ModelParameters;
import org.junit.jupiter.api.Test;

/**
 * SAM on L(w) = ¼(w₁ − 1)² + (w₂ + 2)² (a Linear fit of two examples; Hessian diag(½, 2)), whose
 * minimum is (1, −2). With a fixed ρ SAM's iterates settle within ρ of the minimum: near it
 * the ascent step flips sign each step, and the residual oscillation has amplitude ηλρ/(2 − ηλ).
 */
class QuadraticConvergenceTest {

    @Test
    void samConvergesToWithinRhoOfTheMinimum() {
        float rho = 0.05f;
        Batch data = Fixtures.regression(new float[][] {{1, 0}, {0, 2}}, new float[] {1, -4});
        try (NDManager manager = NDManager.newBaseManager()) {
            Block linear = Fixtures.onesLinear(manager, 2, 1, false);
            SharpnessAwareStep step = SharpnessAwareStep.builder()
                    .setPass(new GradientPass(linear, ModelParameters.of(linear), new L2Loss(), manager))
                    .setManager(manager)
                    .setOptimizer(Optimizers.sgd()
                            .setLearningRate(Tracker.fixed(0.2f))
                            .build())
                    .optRho(rho)
                    .build();
            double startDistance = Math.hypot(1 - 1, 1 + 2);
            for (int i = 0; i < 300; i++) {
                step.step(data, i);
            }
            float[] w = linear.getParameters().get("weight").getArray().toFloatArray();
            double distance = Math.hypot(w[0] - 1, w[1] + 2);
            assertThat(startDistance).isEqualTo(3.0);
            assertThat(distance).isLessThan(rho);
        }
    }
}
