package io.sam4j.zoo.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A 2-d convolution that pads as TensorFlow's {@code padding='SAME'} does ({@link TfSamePadding}),
 * computed from each input's size, so that weights trained by TensorFlow or JAX code with that
 * padding compute here what they computed there. timm does the same for TensorFlow's EfficientNet
 * weights: its {@code tf_efficientnet_b0 ...} models are built from {@code Conv2dSame}
 * (timm/layers/conv2d_same.py), a convolution that pads with the same rule before convolving.
 *
 * <p>It is a {@link Conv2d}, built with zero padding, with the same {@code weight} (and {@code
 * bias}) parameters, so state-dict names are those of an ordinary convolution.
 */
final class Conv2dSame extends Conv2d {

    private final int kernel;
    private final int strideSize;

    /**
     * @param builder a square kernel, equal strides in both dimensions, no padding set
     */
    Conv2dSame(Conv2d.Builder builder) {
        super(builder);
        Shape k = getKernelShape();
        Shape s = getStride();
        if (k.get(0) != k.get(1) || s.get(0) != s.get(1)) {
            throw new IllegalArgumentException(
                    "Conv2dSame takes square kernels and equal strides, got kernel " + k + ", stride " + s);
        }
        if (java.util.Arrays.stream(getPadding().getShape()).anyMatch(p -> p != 0)) {
            throw new IllegalArgumentException("Conv2dSame computes its own padding; the builder set " + getPadding());
        }
        this.kernel = Math.toIntExact(k.get(0));
        this.strideSize = Math.toIntExact(s.get(0));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Shape shape = x.getShape();
        TfSamePadding h = TfSamePadding.of(shape.get(2), kernel, strideSize);
        TfSamePadding w = TfSamePadding.of(shape.get(3), kernel, strideSize);
        if (h.before() + h.after() + w.before() + w.after() > 0) {
            // Pairs from the last dimension: (left, right, top, bottom), as torch.nn.functional.pad.
            x = x.pad(new Shape(w.before(), w.after(), h.before(), h.after()), 0);
        }
        return super.forwardInternal(parameterStore, new NDList(x), training, params);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape in = inputs[0];
        return new Shape[] {
            new Shape(
                    in.get(0),
                    getFilters(),
                    TfSamePadding.of(in.get(2), kernel, strideSize).output(),
                    TfSamePadding.of(in.get(3), kernel, strideSize).output())
        };
    }
}
