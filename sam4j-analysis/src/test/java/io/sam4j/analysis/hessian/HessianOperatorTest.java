package io.sam4j.analysis.hessian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.sam4j.core.loss.SmoothedCrossEntropy;
import io.sam4j.core.testing.TestModels;
import io.sam4j.core.train.Batch;
import io.sam4j.core.train.ModelParameters;
import io.sam4j.zoo.model.ModelCatalog;
import io.sam4j.zoo.model.ModelOptions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The operator that keeps gradient graphs between products gives the products from scratch. */
class HessianOperatorTest {

    private static EvalLoss loss(Block block, List<Batch> batches, NDManager manager, long graphMemory) {
        return EvalLoss.builder()
                .setBlock(block)
                .setParameters(ModelParameters.of(block))
                .setLoss(new SmoothedCrossEntropy(0))
                .setBatches(batches)
                .setManager(manager)
                .optGraphMemory(graphMemory)
                .build();
    }

    /**
     * Products through kept graphs, again and again, equal fresh double backward for several vectors,
     * also after garbage collections (a graph reads the batch's Java-backed input arrays, which must
     * stay open as long as it does).
     */
    @Test
    void keptGraphsGiveTheProductsFromScratch() {
        List<Batch> batches = TinyModels.batches(3, 4, 5);
        try (NDManager manager = NDManager.newBaseManager()) {
            Block mlp = TinyModels.mlpWithBatchNorm(manager, 7);
            EvalLoss loss = loss(mlp, batches, manager, Long.MAX_VALUE);
            SplittableRandom random = new SplittableRandom(3);
            try (HessianOperator hessian = loss.openHessian()) {
                for (int trial = 0; trial < 4; trial++) {
                    float[] v = Vectors.gaussian(loss.dimension(), random);
                    float[] scratch = loss.hessianVectorProduct(v);
                    // The second product on the same graphs checks that a product does not spend them.
                    for (int repeat = 0; repeat < 2; repeat++) {
                        System.gc();
                        assertClose(hessian.apply(v), scratch);
                    }
                }
                assertThat(hessian.retainedGraphs()).isEqualTo(3);
            }
        }
    }

    /**
     * On convolutional networks, a kept graph (BatchNorm as its affine map) gives the product of
     * double backward through the fused layers: 1x1 and strided convolutions, residuals, pooling,
     * Shake-Shake's branches; each parameter's block checked on its own scale.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cnn", "wrn-10-2", "resnet-8", "shake-shake-8-2x16d"})
    void keptGraphsOfConvolutionalNetworksGiveTheProductsFromScratch(String model) {
        Shape input = new Shape(1, 8, 8);
        try (NDManager manager = NDManager.newBaseManager()) {
            ModelCatalog catalog = ModelCatalog.standard();
            Block block = catalog.build(catalog.resolve(model), input, 3, ModelOptions.DEFAULTS);
            Engine.getInstance().setRandomSeed(3);
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 8, 8));
            List<Batch> batches = TestModels.images(2, 4, 7);
            TestModels.warmUpBatchNorm(block, manager, batches);
            EvalLoss loss = loss(block, batches, manager, Long.MAX_VALUE);
            SplittableRandom random = new SplittableRandom(8);
            try (HessianOperator hessian = loss.openHessian()) {
                for (int trial = 0; trial < 2; trial++) {
                    float[] v = Vectors.gaussian(loss.dimension(), random);
                    float[] kept = hessian.apply(v);
                    // Kept graphs must survive collections (Shake-Shake did not, before the zoo's Scalars).
                    System.gc();
                    assertCloseBlockwise(kept, loss.hessianVectorProduct(v), loss, 1e-4);
                    assertCloseBlockwise(hessian.apply(v), kept, loss, 1e-6);
                }
                assertThat(hessian.retainedGraphs()).isEqualTo(2);
            }
        }
    }

    /** The first graph's measured size sets how many fit the budget; the rest are recomputed, still exact. */
    @Test
    void budgetLimitsTheKeptGraphs() {
        List<Batch> batches = TinyModels.batches(3, 4, 8);
        try (NDManager manager = NDManager.newBaseManager()) {
            Block mlp = TinyModels.mlp(manager, 2);
            EvalLoss loss = loss(mlp, batches, manager, 0);
            // Resident memory grows by 1 GB while the first graph is built: far more than its arrays.
            Deque<Long> readings = new ArrayDeque<>(List.of(1L << 30, 2L << 30));
            try (HessianOperator hessian =
                    new HessianOperator(loss, (5L << 30) / 2, () -> OptionalLong.of(readings.removeFirst()))) {
                SplittableRandom random = new SplittableRandom(4);
                for (int trial = 0; trial < 2; trial++) {
                    float[] v = Vectors.gaussian(loss.dimension(), random);
                    assertClose(hessian.apply(v), loss.hessianVectorProduct(v));
                }
                assertThat(hessian.graphBytes()).hasValue(1L << 30);
                assertThat(hessian.retainedGraphs()).isEqualTo(2);
            }
            try (HessianOperator none = loss.openHessian()) {
                float[] v = Vectors.gaussian(loss.dimension(), new SplittableRandom(5));
                assertClose(none.apply(v), loss.hessianVectorProduct(v));
                assertThat(none.retainedGraphs()).isZero();
                assertThat(none.budget()).isZero();
            }
            // No reading of resident memory (no /proc): the size is twice the forward pass's arrays. The
            // batch of 4 inputs of 3 floats is among them, so that is at least 2 · 48 bytes.
            try (HessianOperator blind = new HessianOperator(loss, 1 << 20, OptionalLong::empty)) {
                float[] v = Vectors.gaussian(loss.dimension(), new SplittableRandom(6));
                assertClose(blind.apply(v), loss.hessianVectorProduct(v));
                assertThat(blind.retainedGraphs()).isEqualTo(3);
                assertThat(blind.graphBytes().getAsLong()).isBetween(96L, 1L << 16);
            }
        }
    }

    /** A closed operator refuses products with a message; closing twice is harmless. */
    @Test
    void closedOperatorRefusesProducts() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block mlp = TinyModels.mlp(manager, 2);
            EvalLoss loss = loss(mlp, TinyModels.batches(1, 4, 8), manager, Long.MAX_VALUE);
            HessianOperator hessian = loss.openHessian();
            float[] v = new float[loss.dimension()];
            hessian.apply(v);
            hessian.close();
            hessian.close();
            assertThatThrownBy(() -> hessian.apply(v))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("closed");
            assertThatThrownBy(() -> loss.openHessian().apply(new float[3]))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("3 entries");
        }
    }

    /**
     * Each parameter's block of the product within {@code relative} of that block's largest entry:
     * the classifier's entries dwarf the convolutions', so one scale for all would hide errors there.
     */
    private static void assertCloseBlockwise(float[] actual, float[] expected, EvalLoss loss, double relative) {
        int offset = 0;
        for (var p : loss.parameters().trainable()) {
            int size = Math.toIntExact(p.getArray().size());
            double scale = 0;
            for (int i = offset; i < offset + size; i++) {
                scale = Math.max(scale, Math.abs(expected[i]));
            }
            for (int i = offset; i < offset + size; i++) {
                assertThat((double) Math.abs(actual[i] - expected[i]))
                        .as("%s entry %d", p.getName(), i - offset)
                        .isLessThanOrEqualTo(relative * scale + 1e-9);
            }
            offset += size;
        }
        assertThat(offset).isEqualTo(expected.length);
    }

    private static void assertClose(float[] actual, float[] expected) {
        assertClose(actual, expected, 1e-6);
    }

    private static void assertClose(float[] actual, float[] expected, double relative) {
        double scale = 0;
        for (float x : expected) {
            scale = Math.max(scale, Math.abs(x));
        }
        assertThat(scale).isPositive();
        for (int i = 0; i < expected.length; i++) {
            assertThat((double) Math.abs(actual[i] - expected[i]))
                    .as("entry %d", i)
                    .isLessThanOrEqualTo(relative * scale);
        }
    }
}
