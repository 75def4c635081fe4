package io.sam4j.zoo.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link OneDnnSafeConv2d} against a double-precision direct convolution written out below: output,
 * input gradient and weight gradient of L = sum(y * r) for a fixed random r. The shapes are those
 * the engine's defective kernels get wrong or crash on (strided 1x1 at 512 to 1024 and 1024 to 2048
 * channels; k x k with channel counts above 16 that are not multiples of 16), and aligned shapes
 * that must take {@link Conv2d}'s own path bitwise.
 */
class OneDnnSafeConv2dTest {

    @ParameterizedTest(name = "{0} -> {1} channels, {2}x{2} input, kernel {3}, stride {4}")
    @CsvSource({
        // strided 1x1: SIGFPE in oneDNN's strided backward-data blocking on the CPUs it names
        "512, 1024, 4, 1, 2",
        "1024, 2048, 2, 1, 2",
        "256, 1024, 4, 1, 2",
        "64, 128, 7, 1, 2",
        "24, 40, 9, 1, 3",
        // k x k with partial channel blocks: wrong forward values or input gradients
        "17, 18, 8, 3, 1",
        "24, 40, 8, 3, 1",
        "21, 22, 8, 3, 2",
        "16, 17, 6, 3, 1",
        "18, 20, 5, 5, 1",
        "8, 8, 8, 3, 1",
        "4, 12, 8, 3, 1",
        "16, 12, 8, 5, 1",
        "24, 16, 8, 5, 2",
        // whole blocks and small counts, which the engine computes right
        "32, 48, 8, 3, 2",
        "3, 24, 8, 3, 1",
        "16, 16, 6, 3, 1"
    })
    void equalsADoublePrecisionConvolution(int in, int out, int size, int kernel, int stride) {
        int n = 2;
        Shape input = new Shape(in, size, size);
        Conv2d conv = Layers.conv(out, kernel, stride);
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(7);
            conv.initialize(manager, DataType.FLOAT32, InputShapes.batchOf(n, input));
            NDArray x = manager.randomNormal(InputShapes.batchOf(n, input));
            NDArray w = conv.getParameters().get("weight").getArray();
            x.setRequiresGradient(true);
            NDArray y;
            NDArray r;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                y = conv.forward(new ParameterStore(manager, false), new NDList(x), true)
                        .singletonOrThrow();
                r = manager.randomNormal(y.getShape());
                collector.backward(y.mul(r).sum());
            }
            Reference ref = new Reference(
                    x.toFloatArray(), w.toFloatArray(), r.toFloatArray(), n, in, out, size, kernel, stride);
            assertThat(y.getShape()).isEqualTo(new Shape(n, out, ref.outSize, ref.outSize));
            assertClose("output", y.toFloatArray(), ref.y);
            assertClose("input gradient", x.getGradient().toFloatArray(), ref.gx);
            assertClose("weight gradient", w.getGradient().toFloatArray(), ref.gw);

            if (OneDnnSafeConv2d.inputChannelPadding(in) == 0
                    && OneDnnSafeConv2d.outputChannelPadding(out) == 0
                    && !(kernel == 1 && stride > 1)) {
                NDArray plain = Conv2d.conv2d(x, w, null, new Shape(stride, stride), new Shape(kernel / 2, kernel / 2))
                        .singletonOrThrow();
                assertThat(y.toFloatArray())
                        .as("aligned layers take Conv2d's own path")
                        .isEqualTo(plain.toFloatArray());
            }
        }
    }

    /** Relative to the largest magnitude of the reference, as float32 sums of this length allow. */
    private static void assertClose(String what, float[] actual, double[] expected) {
        double scale = 1e-30;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(actual[i] - expected[i]) / scale);
        }
        assertThat(worst).as(what + ": max error relative to max |value|").isLessThan(1e-5);
    }

    /** y = conv(x, w), gx = dL/dx, gw = dL/dw for L = sum(y * r), by the definition, in doubles. */
    private static final class Reference {
        final int outSize;
        final double[] y;
        final double[] gx;
        final double[] gw;

        Reference(float[] x, float[] w, float[] r, int n, int in, int out, int size, int k, int stride) {
            int pad = k / 2;
            outSize = (size + 2 * pad - k) / stride + 1;
            y = new double[n * out * outSize * outSize];
            gx = new double[x.length];
            gw = new double[w.length];
            for (int b = 0; b < n; b++) {
                for (int o = 0; o < out; o++) {
                    for (int i = 0; i < outSize; i++) {
                        for (int j = 0; j < outSize; j++) {
                            int yi = ((b * out + o) * outSize + i) * outSize + j;
                            double sum = 0;
                            for (int c = 0; c < in; c++) {
                                for (int di = 0; di < k; di++) {
                                    for (int dj = 0; dj < k; dj++) {
                                        int row = i * stride + di - pad;
                                        int col = j * stride + dj - pad;
                                        if (row < 0 || col < 0 || row >= size || col >= size) {
                                            continue;
                                        }
                                        int xi = ((b * in + c) * size + row) * size + col;
                                        int wi = ((o * in + c) * k + di) * k + dj;
                                        sum += (double) x[xi] * w[wi];
                                        gx[xi] += (double) w[wi] * r[yi];
                                        gw[wi] += (double) x[xi] * r[yi];
                                    }
                                }
                            }
                            y[yi] = sum;
                        }
                    }
                }
            }
        }
    }
}
