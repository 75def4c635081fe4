package io.sam4j.zoo.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.Initializer;
import org.junit.jupiter.api.Test;

/**
 * Shortcut paths, isolated by zeroing the convolutions of the residual branch: with zero weights
 * the branch outputs BN(0) = beta = 0, so a block computes only its shortcut.
 */
class ResidualBlockTest {

    private static final float BN_EPSILON = 1e-5f;

    @Test
    void resNetOptionAShortcutSubsamplesAndZeroPadsChannels() {
        CifarResNetBasicBlock block = new CifarResNetBasicBlock(32, 2);
        block.setInitializer(Initializer.ZEROS, Parameter.Type.WEIGHT);
        try (NDManager manager = NDManager.newBaseManager()) {
            block.initialize(manager, DataType.FLOAT32, new Shape(2, 16, 8, 8));
            NDArray x = manager.randomNormal(new Shape(2, 16, 8, 8));

            NDArray out = Networks.forward(block, manager, x, false);

            assertThat(out.getShape()).isEqualTo(new Shape(2, 32, 4, 4));
            NDArray expected = Activation.relu(x.get(new NDIndex(":, :, ::2, ::2")));
            // 16 zero channels, 8 before and 8 after the input's channels
            assertThat(out.get(new NDIndex(":, 8:24")).contentEquals(expected)).isTrue();
            assertThat(out.get(new NDIndex(":, :8")).abs().sum().getFloat()).isZero();
            assertThat(out.get(new NDIndex(":, 24:")).abs().sum().getFloat()).isZero();
        }
    }

    @Test
    void resNetIdentityShortcutKeepsPositiveInputs() {
        CifarResNetBasicBlock block = new CifarResNetBasicBlock(16, 1);
        block.setInitializer(Initializer.ZEROS, Parameter.Type.WEIGHT);
        try (NDManager manager = NDManager.newBaseManager()) {
            block.initialize(manager, DataType.FLOAT32, new Shape(2, 16, 6, 6));
            NDArray x = manager.randomNormal(new Shape(2, 16, 6, 6));
            assertThat(Networks.forward(block, manager, x, false).contentEquals(Activation.relu(x)))
                    .isTrue();
        }
    }

    @Test
    void wideResNetIdentityShortcutPassesTheRawInput() {
        WideResNetBlock block = new WideResNetBlock(16, 16, 1, 0f);
        block.setInitializer(Initializer.ZEROS, Parameter.Type.WEIGHT);
        try (NDManager manager = NDManager.newBaseManager()) {
            block.initialize(manager, DataType.FLOAT32, new Shape(2, 16, 6, 6));
            NDArray x = manager.randomNormal(new Shape(2, 16, 6, 6));
            // Pre-activation: no ReLU after the addition, negative inputs survive.
            assertThat(Networks.forward(block, manager, x, true).contentEquals(x))
                    .isTrue();
        }
    }

    @Test
    void wideResNetProjectionSeesThePreActivatedInput() {
        WideResNetBlock block = new WideResNetBlock(4, 8, 2, 0f);
        block.setInitializer(Initializer.ZEROS, Parameter.Type.WEIGHT);
        Block projection = block.getChildren().get("05shortcut");
        projection.setInitializer(new ConstantInitializer(1f), Parameter.Type.WEIGHT);
        try (NDManager manager = NDManager.newBaseManager()) {
            block.initialize(manager, DataType.FLOAT32, new Shape(2, 4, 6, 6));
            NDArray x = manager.randomNormal(new Shape(2, 4, 6, 6));

            NDArray out = Networks.forward(block, manager, x, false);

            // Inference BN with fresh statistics divides by sqrt(1 + eps); the all-ones 1x1
            // convolution then sums the channels of relu(bn(x)) at the strided positions.
            NDArray preActivated = Activation.relu(x.div(Math.sqrt(1 + BN_EPSILON)));
            NDArray summed = preActivated.get(new NDIndex(":, :, ::2, ::2")).sum(new int[] {1}, true);
            assertThat(out.getShape()).isEqualTo(new Shape(2, 8, 3, 3));
            for (int channel = 0; channel < 8; channel++) {
                NDArray actual = out.get(new NDIndex(":, {}:{}", channel, channel + 1));
                assertThat(actual.allClose(summed, 1e-5, 1e-5, false))
                        .as("channel " + channel)
                        .isTrue();
            }
        }
    }

    @Test
    void wideResNetDropoutActsOnlyInTraining() {
        WideResNetBlock block = new WideResNetBlock(8, 8, 1, 0.5f);
        try (NDManager manager = NDManager.newBaseManager()) {
            block.initialize(manager, DataType.FLOAT32, new Shape(4, 8, 6, 6));
            NDArray x = manager.randomNormal(new Shape(4, 8, 6, 6));
            assertThat(Networks.forward(block, manager, x, false)
                            .contentEquals(Networks.forward(block, manager, x, false)))
                    .isTrue();
            assertThat(Networks.forward(block, manager, x, true)
                            .contentEquals(Networks.forward(block, manager, x, true)))
                    .as("two training passes draw different dropout masks")
                    .isFalse();
        }
    }
}
