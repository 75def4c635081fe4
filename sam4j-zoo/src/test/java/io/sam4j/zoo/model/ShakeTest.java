package io.sam4j.zoo.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The forward/backward coefficients of Shake-Shake and ShakeDrop, and their seeding. */
class ShakeTest {

    private static final int IMAGES = 64;

    @Test
    void shakeShakeUsesOneCoefficientForwardAndAnotherBackward() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray a = manager.randomNormal(new Shape(IMAGES, 2, 3, 3));
            NDArray b = manager.randomNormal(new Shape(IMAGES, 2, 3, 3));
            a.setRequiresGradient(true);
            b.setRequiresGradient(true);
            float[] y;
            Engine.getInstance().setRandomSeed(1);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray out = Shake.shakeShake(a, b, true);
                y = out.toFloatArray();
                collector.backward(out.sum());
            }
            float[] av = a.toFloatArray();
            float[] bv = b.toFloatArray();
            float[] ga = a.getGradient().toFloatArray();
            float[] gb = b.getGradient().toFloatArray();
            int perImage = 18;
            int forwardDiffersFromBackward = 0;
            for (int n = 0; n < IMAGES; n++) {
                // Recover the image's α from its first element, then check every element with it.
                int first = n * perImage;
                float alpha = (y[first] - bv[first]) / (av[first] - bv[first]);
                float beta = ga[first];
                assertThat(alpha).isBetween(-1e-3f, 1.001f);
                assertThat(beta).isBetween(0f, 1f);
                for (int i = first; i < first + perImage; i++) {
                    assertThat(y[i]).isCloseTo(alpha * av[i] + (1 - alpha) * bv[i], within(1e-3f));
                    assertThat(ga[i]).isEqualTo(beta);
                    assertThat(gb[i]).isCloseTo(1 - beta, within(1e-6f));
                }
                if (Math.abs(alpha - beta) > 1e-2f) {
                    forwardDiffersFromBackward++;
                }
            }
            assertThat(forwardDiffersFromBackward).isGreaterThan(IMAGES * 9 / 10);
            assertThat(Shake.shakeShake(a, b, false).toFloatArray()[0])
                    .isCloseTo(0.5f * (av[0] + bv[0]), within(1e-6f));
        }
    }

    @Test
    void shakeDropPassesOrPerturbsEachImage() {
        int images = 4000;
        float p = 0.5f;
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.ones(new Shape(images, 1, 1, 1));
            x.setRequiresGradient(true);
            float[] y;
            Engine.getInstance().setRandomSeed(2);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray out = Shake.shakeDrop(x, p, true);
                y = out.toFloatArray();
                collector.backward(out.sum());
            }
            float[] g = x.getGradient().toFloatArray();
            int passed = 0;
            double forwardSum = 0;
            for (int i = 0; i < images; i++) {
                if (y[i] == 1f && g[i] == 1f) {
                    passed++;
                } else {
                    assertThat(y[i]).isBetween(-1f, 1f);
                    assertThat(g[i]).isBetween(0f, 1f);
                    forwardSum += y[i];
                }
            }
            // Binomial(4000, 0.5): 5 standard deviations are 158.
            assertThat(passed).isBetween(2000 - 158, 2000 + 158);
            assertThat(forwardSum / (images - passed)).as("E[alpha] = 0").isBetween(-0.1, 0.1);
            assertThat(Shake.shakeDrop(x, p, false).toFloatArray()[0]).isEqualTo(0.5f);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"shake-shake-8-2x16d", "pyramidnet-20-12-shakedrop"})
    void theEngineSeedFixesTheCoefficients(String name) {
        Shape input = new Shape(3, 8, 8);
        Block block = ModelCatalog.standard().build(name, input, 4, ModelOptions.DEFAULTS);
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(9);
            block.initialize(manager, DataType.FLOAT32, InputShapes.batchOf(8, input));
            NDArray images = manager.randomNormal(InputShapes.batchOf(8, input));
            Engine.getInstance().setRandomSeed(42);
            float[] first = Networks.forward(block, manager, images, true).toFloatArray();
            Engine.getInstance().setRandomSeed(42);
            float[] second = Networks.forward(block, manager, images, true).toFloatArray();
            Engine.getInstance().setRandomSeed(43);
            float[] other = Networks.forward(block, manager, images, true).toFloatArray();
            assertThat(second).containsExactly(first);
            assertThat(other).isNotEqualTo(first);
            float[] eval1 = Networks.forward(block, manager, images, false).toFloatArray();
            float[] eval2 = Networks.forward(block, manager, images, false).toFloatArray();
            assertThat(eval2).as("inference is deterministic").containsExactly(eval1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"shake-shake-26-2x96d", "pyramidnet-272-200-shakedrop"})
    void fullSizeModelsMapCifarToLogits(String name) {
        Block block = ModelCatalog.standard().build(name, Networks.CIFAR, 10, ModelOptions.DEFAULTS);
        assertThat(block.getOutputShapes(new Shape[] {InputShapes.batchOf(2, Networks.CIFAR)})[0])
                .isEqualTo(new Shape(2, 10));
    }
}
