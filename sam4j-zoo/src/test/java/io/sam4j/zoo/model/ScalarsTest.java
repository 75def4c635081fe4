package io.sam4j.zoo.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The scalar a product is scaled by survives until backward, however long that takes: collections
 * run and freed memory is handed out again, filled with NaN, between the forward and backward pass.
 */
class ScalarsTest {

    @Test
    void scaledGradientSurvivesCollectionsBeforeBackward() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.arange(6f).reshape(new Shape(2, 3));
            x.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray y = Scalars.times(x, 0.25f).mul(x).sum();
                for (int round = 0; round < 3; round++) {
                    System.gc();
                    reuseFreedMemory();
                }
                collector.backward(y);
            }
            // d/dx of Σ 0.25·x² is 0.5·x.
            assertThat(x.getGradient().toFloatArray()).containsExactly(0f, 0.5f, 1f, 1.5f, 2f, 2.5f);
        }
    }

    /** Allocates many small direct buffers full of NaN, where freed scalars' memory would go. */
    private static void reuseFreedMemory() {
        List<ByteBuffer> buffers = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            ByteBuffer b = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());
            b.putFloat(0, Float.NaN);
            buffers.add(b);
        }
        assertThat(buffers).hasSize(10_000);
    }
}
