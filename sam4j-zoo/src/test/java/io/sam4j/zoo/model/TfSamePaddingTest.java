package io.sam4j.zoo.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * TensorFlow's "SAME" padding, worked by hand from its documented rule (tf.nn.convolution): out =
 * ceil(in / stride), pad_total = max((out - 1) * stride + k - in, 0), pad_before = pad_total / 2
 * rounded down, the extra zero at the end.
 */
class TfSamePaddingTest {

    @ParameterizedTest(name = "in {0}, k {1}, stride {2}: pad ({3}, {4}), out {5}")
    @CsvSource({
        // stride 2, even input: (111 * 2 + 3 - 224) = 1 -> (0, 1); the stem of B0 at 224
        "224, 3, 2, 0, 1, 112",
        // (55 * 2 + 5 - 112) = 3 -> (1, 2); stage 3 of B0
        "112, 5, 2, 1, 2, 56",
        // the fixture's sizes: 32 -> 16 (k 3), 8 -> 4 (k 5), 2 -> 1 (k 5: 0 * 2 + 5 - 2 = 3)
        "32, 3, 2, 0, 1, 16",
        "8, 5, 2, 1, 2, 4",
        "2, 5, 2, 1, 2, 1",
        // stride 2, odd input: symmetric. (3 * 2 + 3 - 7) = 2 -> (1, 1); (7 * 2 + 5 - 15) = 4 -> (2, 2)
        "7, 3, 2, 1, 1, 4",
        "15, 5, 2, 2, 2, 8",
        // stride 1: k - 1 in all, symmetric for odd k, as torchvision's (k - 1) / 2
        "14, 3, 1, 1, 1, 14",
        "14, 5, 1, 2, 2, 14",
        "1, 5, 1, 2, 2, 1",
        "14, 1, 1, 0, 0, 14",
        // a 1x1 kernel at stride 2 needs none: (6 * 2 + 1 - 14) = -1 -> 0
        "14, 1, 2, 0, 0, 7",
    })
    void theDocumentedRule(long in, int k, int stride, int before, int after, int out) {
        assertThat(TfSamePadding.of(in, k, stride)).isEqualTo(new TfSamePadding(before, after, out));
    }

    @Test
    void nonPositiveSizesAreRefused() {
        assertThatThrownBy(() -> TfSamePadding.of(0, 3, 2))
                .hasMessage("SAME padding needs positive sizes, got input" + " 0, kernel 3, stride 2");
    }

    /**
     * A 3x3 all-ones kernel at stride 2 on the 4x4 input 1..16 (x[r][c] = 4r + c + 1) pads (0, 1): the
     * first window covers rows and columns 0-2 and sums 54; the second reaches column 4, a zero, and
     * sums columns 2-3 of rows 0-2, 45; then rows 2-3: 72 and 54. Symmetric padding (1, 1) would
     * start with rows and columns 0-1 only, 14.
     */
    @Test
    void theConvolutionPadsAtTheEndAtStrideTwo() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Conv2dSame conv = new Conv2dSame(Conv2d.builder()
                    .setFilters(1)
                    .setKernelShape(new Shape(3, 3))
                    .optStride(new Shape(2, 2))
                    .optBias(false));
            conv.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 4, 4));
            Parameter weight = conv.getParameters().get("weight");
            weight.getArray().set(manager.ones(new Shape(1, 1, 3, 3)).toFloatArray());
            NDArray x = manager.arange(1f, 17f).reshape(1, 1, 4, 4);
            NDArray y = conv.forward(new ParameterStore(manager, false), new NDList(x), false)
                    .singletonOrThrow();
            assertThat(y.getShape()).isEqualTo(new Shape(1, 1, 2, 2));
            assertThat(conv.getOutputShapes(new Shape[] {new Shape(1, 1, 4, 4)})[0])
                    .isEqualTo(new Shape(1, 1, 2, 2));
            assertThat(y.toFloatArray()).containsExactly(54f, 45f, 72f, 54f);
        }
    }
}
