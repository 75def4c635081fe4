package io.sam4j.zoo.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The signal Transformer: shapes, independence from the rest of the batch, sizes. */
class TransformerTsTest {

    private static final Shape BEAT = new Shape(1, 187);

    private static Block initialized(NDManager manager) {
        Block block = ModelCatalog.standard().build("transformer-ts-tiny", BEAT, 5, ModelOptions.DEFAULTS);
        Engine.getInstance().setRandomSeed(4);
        block.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 187));
        return block;
    }

    @Test
    void mapsABatchOfSignalsToOneRowOfLogitsEach() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = initialized(manager);
            NDArray x = manager.randomUniform(0, 1, new Shape(7, 1, 187));
            NDArray out = block.forward(new ParameterStore(manager, false), new NDList(x), true)
                    .head();
            assertThat(out.getShape()).isEqualTo(new Shape(7, 5));
            assertThat(block.getOutputShapes(new Shape[] {new Shape(7, 1, 187)})[0])
                    .isEqualTo(new Shape(7, 5));
        }
    }

    @Test
    void anExamplesLogitsDoNotDependOnTheRestOfTheBatch() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = initialized(manager);
            ParameterStore store = new ParameterStore(manager, false);
            NDArray x = manager.randomUniform(0, 1, new Shape(4, 1, 187));
            float[] all = block.forward(store, new NDList(x), false).head().toFloatArray();
            float[] reversed =
                    block.forward(store, new NDList(x.flip(0)), false).head().toFloatArray();
            for (int i = 0; i < 4; i++) {
                float[] alone = block.forward(store, new NDList(x.get(i + ":" + (i + 1))), false)
                        .head()
                        .toFloatArray();
                float[] inBatch = Arrays.copyOfRange(all, 5 * i, 5 * i + 5);
                float[] inReversed = Arrays.copyOfRange(reversed, 5 * (3 - i), 5 * (3 - i) + 5);
                assertThat(alone).as("example " + i).containsExactly(inBatch, Offset.offset(1e-5f));
                assertThat(inReversed).as("example " + i).containsExactly(inBatch, Offset.offset(1e-5f));
            }
        }
    }

    @Test
    void sizesHaveTheDocumentedParameterCounts() {
        ModelCatalog catalog = ModelCatalog.standard();
        // study: embedding 1·512 + 512; per layer 2 layer norms (4·512), attention 4·(512² + 512),
        // feed-forward 512·2048 + 2048 + 2048·512 + 512; final norm 2·512; classifier 512·5 + 5.
        long layer = 4 * 512 + 4 * (512L * 512 + 512) + 512L * 2048 + 2048 + 2048L * 512 + 512;
        long study = 1024 + 6 * layer + 1024 + 2565;
        assertThat(catalog.info(catalog.resolve("transformer-ts"), BEAT, 5).parameterCount())
                .isEqualTo(study);
        assertThat(study).isBetween(18_500_000L, 19_500_000L);
        // tiny: patches of 11 samples, d 32, 2 layers, feed-forward 64.
        long tinyLayer = 4 * 32 + 4 * (32 * 32 + 32) + 32 * 64 + 64 + 64 * 32 + 32;
        assertThat(catalog.info(catalog.resolve("transformer-ts-tiny"), BEAT, 5).parameterCount())
                .isEqualTo(11 * 32 + 32 + 2 * tinyLayer + 64 + 32 * 5 + 5);
    }

    @Test
    void rejectsImagesAndUnknownSizes() {
        ModelCatalog catalog = ModelCatalog.standard();
        assertThatThrownBy(() -> catalog.build("transformer-ts-tiny", new Shape(1, 28, 28), 10, ModelOptions.DEFAULTS))
                .hasMessageContaining("(C, L)");
        assertThatThrownBy(() -> catalog.resolve("transformer-ts-huge"))
                .hasMessageContaining("tiny, small, base, study");
        assertThatThrownBy(() -> catalog.build("gcn", new Shape(1, 28, 28), 10, ModelOptions.DEFAULTS))
                .hasMessageContaining("node-feature width");
    }
}
