package io.sam4j.zoo.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.XavierInitializer;

/**
 * Layer factories with the initialisation shared by all families.
 *
 * <p>Convolutions: He normal with fan-out, N(0, 2 / (k * k * out_channels)), as the reference code
 * of ResNet (fb.resnet.torch) and Wide ResNet (szagoruyko/wide-residual-networks) does; they have
 * no bias because a BatchNorm follows or precedes them and its shift makes a bias redundant. Linear
 * layers keep DJL's default, He normal with fan-in, N(0, 2 / in_features), bias 0. BatchNorm ({@link FreezableBatchNorm}) has
 * DJL's defaults: gamma 1, beta 0, running mean 0, running variance 1, momentum 0.9 (PyTorch's
 * 0.1), epsilon 1e-5, as PyTorch's {@code BatchNorm2d}.
 */
final class Layers {

    /** He et al. 2015 ("Delving Deep into Rectifiers") normal, fan-out mode. */
    static final Initializer HE_NORMAL_FAN_OUT =
            new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN, XavierInitializer.FactorType.OUT, 2f);

    private Layers() {}

    /**
     * Square convolution without bias, padded to keep the size at stride 1; a {@link
     * OneDnnSafeConv2d}, so that no CPU crashes or miscomputes it.
     */
    static Conv2d conv(int filters, int kernel, int stride) {
        Conv2d.Builder builder = Conv2d.builder()
                .setFilters(filters)
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(kernel / 2, kernel / 2))
                .optBias(false);
        Conv2d conv = new OneDnnSafeConv2d(builder);
        conv.setInitializer(HE_NORMAL_FAN_OUT, Parameter.Type.WEIGHT);
        return conv;
    }

    /** PyTorch's defaults; see {@link FreezableBatchNorm}. */
    static FreezableBatchNorm batchNorm() {
        return new FreezableBatchNorm();
    }

    static Block relu() {
        return Activation.reluBlock();
    }

    static Block maxPool2x2() {
        return Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2));
    }

    /** (N, C, H, W) to (N, C). */
    static Block globalAveragePool() {
        return Pool.globalAvgPool2dBlock();
    }

    /** (N, ...) to (N, product of the rest). */
    static Block flatten() {
        return Blocks.batchFlattenBlock();
    }

    static Linear linear(long units) {
        return Linear.builder().setUnits(units).build();
    }

    static Dropout dropout(float rate) {
        return Dropout.builder().optRate(rate).build();
    }

    /**
     * Closes the Java handles of intermediate arrays a forward pass no longer reads, except any
     * array in {@code keep}.
     *
     * <p>DJL keeps every intermediate alive until its manager closes, long after PyTorch's autograd
     * (which holds its own references to what backward needs) has stopped needing it; closing the
     * handle early lets the engine free the rest. This lowers a WideResNet step's peak memory by
     * hundreds of megabytes without changing any value.
     */
    static void release(NDList dead, NDList... keep) {
        for (NDArray array : dead) {
            boolean kept = false;
            for (NDList list : keep) {
                for (NDArray k : list) {
                    kept |= k == array;
                }
            }
            if (!kept) {
                array.close();
            }
        }
    }
}
