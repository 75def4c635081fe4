package io.sam4j.core.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;
import io.sam4j.core.schedule.LearningRateSchedule;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The optimizers against torch.optim's update rules, worked out by hand on L(w) = ½w². */
class OptimizersTest {

    /** Learning rate 0.1 for the first step and 0.05 afterwards. */
    private static final LearningRateSchedule DROP = step -> step == 0 ? 0.1 : 0.05;

    /** Runs steps of ∇½w² = w from w = 1 and returns the trajectory. */
    private static float[] run(Optimizer optimizer, int steps) {
        float[] trajectory = new float[steps];
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray w = manager.create(new float[] {1f});
            for (int i = 0; i < steps; i++) {
                try (NDArray g = w.duplicate()) {
                    optimizer.update("w", w, g);
                }
                trajectory[i] = w.getFloat(0);
            }
        }
        return trajectory;
    }

    /**
     * PyTorch: b₁ = g₁ = 1, w₁ = 1 − 0.1 = 0.9; b₂ = 0.9·1 + 0.9 = 1.8, w₂ = 0.9 − 0.05·1.8 = 0.81.
     * (DJL's MXNet convention would give 0.765 at step 2.)
     */
    @Test
    void momentumFollowsPyTorchConventionUnderASchedule() {
        float[] w = run(Optimizers.sgd().setLearningRate(DROP).optMomentum(0.9f).build(), 2);
        assertThat(w[0]).isCloseTo(0.9f, within(1e-7f));
        assertThat(w[1]).isCloseTo(0.81f, within(1e-7f));
    }

    /**
     * Nesterov: b₁ = 1, d = 1 + 0.9 = 1.9, w₁ = 0.81; g₂ = 0.81, b₂ = 0.9 + 0.81 = 1.71,
     * d = 0.81 + 0.9·1.71 = 2.349, w₂ = 0.81 − 0.05·2.349 = 0.69255.
     */
    @Test
    void nesterovMomentum() {
        float[] w = run(
                Optimizers.sgd()
                        .setLearningRate(DROP)
                        .optMomentum(0.9f)
                        .optNesterov(true)
                        .build(),
                2);
        assertThat(w[0]).isCloseTo(0.81f, within(1e-6f));
        assertThat(w[1]).isCloseTo(0.69255f, within(1e-6f));
    }

    /** Coupled decay λ = 0.5: d = w + 0.5w = 1.5, w₁ = 1 − 0.1·1.5 = 0.85. */
    @Test
    void coupledWeightDecay() {
        float[] w =
                run(Optimizers.sgd().setLearningRate(DROP).optWeightDecay(0.5f).build(), 1);
        assertThat(w[0]).isCloseTo(0.85f, within(1e-7f));
    }

    /**
     * Adam's first step moves every weight by η regardless of the gradient's size: m̂ = g, v̂ = g², so
     * w₁ = 1 − 0.1·1/(1 + 1e-8). Step 2 (η = 0.05, g = w₁ = 0.9): m = 0.09 + 0.09 = 0.18 → m̂ =
     * 0.18/0.19; v = 0.000999 + 0.00081 = 0.001809 → v̂ = 0.001809/0.001999.
     */
    @Test
    void adamMatchesTorch() {
        float[] w = run(Optimizers.adam().setLearningRate(DROP).build(), 2);
        assertThat(w[0]).isCloseTo(0.9f, within(1e-6f));
        double mHat = 0.18 / 0.19;
        double vHat = 0.001809 / (1 - 0.999 * 0.999);
        assertThat((double) w[1]).isCloseTo(0.9 - 0.05 * mHat / (Math.sqrt(vHat) + 1e-8), within(1e-6));
    }

    /** AdamW shrinks the weight by (1 − ηλ) before the Adam step: w₁ = 1·(1 − 0.1·0.5) − 0.1 = 0.85. */
    @Test
    void adamWDecouplesDecay() {
        float[] w = run(
                Optimizers.adamW().setLearningRate(DROP).optWeightDecay(0.5f).build(), 1);
        assertThat(w[0]).isCloseTo(0.85f, within(1e-6f));
    }

    @Test
    void stateExportsAndImportsExactly() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MomentumSgd first =
                    Optimizers.sgd().setLearningRate(DROP).optMomentum(0.9f).build();
            NDArray w = manager.create(new float[] {1f, -2f});
            first.update("a", w, w.duplicate());
            NDList state = first.exportState(List.of("a"), manager);

            MomentumSgd second =
                    Optimizers.sgd().setLearningRate(DROP).optMomentum(0.9f).build();
            second.importState(List.of("b"), state);
            NDArray w1 = w.duplicate();
            NDArray w2 = w.duplicate();
            first.update("a", w1, w1.duplicate());
            second.update("b", w2, w2.duplicate());
            assertThat(w2.toFloatArray()).containsExactly(w1.toFloatArray());
            assertThat(second.lastLearningRate()).isEqualTo(0.05f);
        }
    }

    /** DJL's {@code optWeightDecays} is the optimizer's own λ: the same trajectory as {@code optWeightDecay}. */
    @Test
    void djlWeightDecaysIsTheOptimizersOwnDecay() {
        float[] viaDjl = run(
                Optimizers.sgd()
                        .setLearningRate(DROP)
                        .optMomentum(0.9f)
                        .optWeightDecays(0.5f)
                        .build(),
                3);
        float[] own = run(
                Optimizers.sgd()
                        .setLearningRate(DROP)
                        .optMomentum(0.9f)
                        .optWeightDecay(0.5f)
                        .build(),
                3);
        assertThat(viaDjl).containsExactly(own);
        assertThat(viaDjl[0]).isCloseTo(0.85f, within(1e-7f));
        float[] adamW = run(
                Optimizers.adamW().setLearningRate(DROP).optWeightDecays(0.5f).build(), 1);
        assertThat(adamW[0]).isCloseTo(0.85f, within(1e-6f));
    }

    /** Element-wise clipping as DJL's: g = w = 1 clipped to 0.25, w₁ = 1 − 0.1·0.25 = 0.975. */
    @Test
    void djlClipGradClipsEachElement() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray w = manager.create(new float[] {1f, -2f, 0.1f});
            Optimizer sgd =
                    Optimizers.sgd().setLearningRate(DROP).optClipGrad(0.25f).build();
            sgd.update("w", w, w.duplicate());
            assertThat(w.toFloatArray()).containsExactly(new float[] {0.975f, -1.975f, 0.09f}, within(1e-6f));
        }
    }

    /**
     * The gradient is rescaled, then clipped, as in DJL: rescale 0.5 gives w₁ = 1 − 0.1·0.5 = 0.95;
     * rescale 4 then clip 1 gives g = 1, w₁ = 0.9.
     */
    @Test
    void djlRescaleGradScalesBeforeClipping() {
        float[] rescaled =
                run(Optimizers.sgd().setLearningRate(DROP).setRescaleGrad(0.5f).build(), 1);
        assertThat(rescaled[0]).isCloseTo(0.95f, within(1e-7f));
        float[] clipped = run(
                Optimizers.sgd()
                        .setLearningRate(DROP)
                        .setRescaleGrad(4f)
                        .optClipGrad(1f)
                        .build(),
                1);
        assertThat(clipped[0]).isCloseTo(0.9f, within(1e-7f));
    }

    /**
     * beginNumUpdate = 5: the first update counts as the 6th, so the schedule gives step 5's rate
     * (0.05) and Adam's bias correction uses t = 6: m = 0.1, v = 0.001, m̂ = 0.1/(1 − 0.9⁶),
     * v̂ = 0.001/(1 − 0.999⁶).
     */
    @Test
    void djlBeginNumUpdateOffsetsTheUpdateCount() {
        MomentumSgd sgd =
                Optimizers.sgd().setLearningRate(DROP).optBeginNumUpdate(5).build();
        float[] w = run(sgd, 1);
        assertThat(w[0]).isCloseTo(0.95f, within(1e-7f));
        assertThat(sgd.lastLearningRate()).isEqualTo(0.05f);

        float[] adam =
                run(Optimizers.adam().setLearningRate(DROP).optBeginNumUpdate(5).build(), 1);
        double mHat = 0.1 / (1 - Math.pow(0.9, 6));
        double vHat = 0.001 / (1 - Math.pow(0.999, 6));
        assertThat((double) adam[0]).isCloseTo(1 - 0.05 * mHat / (Math.sqrt(vHat) + 1e-8), within(1e-6));
    }

    @Test
    void rejectsDjlSettingsItCannotHonour() {
        assertThatThrownBy(() -> Optimizers.sgd()
                        .setLearningRate(DROP)
                        .setRescaleGrad(0f)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("setRescaleGrad must be a finite number > 0 but was 0.0");
        assertThatThrownBy(() -> Optimizers.adam()
                        .setLearningRate(DROP)
                        .optClipGrad(Float.NaN)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("optClipGrad must be finite (<= 0: no clipping) but was NaN");
        assertThatThrownBy(() -> Optimizers.sgd().optBeginNumUpdate(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("beginNumUpdate");
        assertThatThrownBy(() -> Optimizers.sgd().optWeightDecays(-1f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("weight decay must be >= 0 but was -1.0");
    }
}
