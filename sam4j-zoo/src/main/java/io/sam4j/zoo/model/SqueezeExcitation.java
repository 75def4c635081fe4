package io.sam4j.zoo.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Squeeze-and-excitation (Hu, Shen &amp; Sun 2018), as EfficientNet uses it: x·σ(fc2(silu(fc1(mean
 * over H, W of x)))), fc1 and fc2 being 1x1 convolutions with bias from C to {@code squeeze} and
 * back. Children are named {@code fc1}, {@code fc2} as in torchvision's {@code
 * SqueezeExcitation}.
 */
final class SqueezeExcitation extends AbstractBlock {

    private static final byte VERSION = 1;

    private final Block fc1;
    private final Block fc2;

    /**
     * @param channels channels of the input (and output)
     * @param squeeze channels of the bottleneck
     */
    SqueezeExcitation(int channels, int squeeze) {
        super(VERSION);
        if (channels < 1 || squeeze < 1) {
            throw new IllegalArgumentException(
                    "squeeze-and-excitation needs positive channels, got " + channels + " and " + squeeze);
        }
        fc1 = addChildBlock("fc1", EfficientNetLayers.pointwiseWithBias(squeeze));
        fc2 = addChildBlock("fc2", EfficientNetLayers.pointwiseWithBias(channels));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray squeezed = x.mean(new int[] {3}, true).mean(new int[] {2}, true);
        NDArray hidden = EfficientNetLayers.silu(fc1.forward(parameterStore, new NDList(squeezed), training, params)
                .singletonOrThrow());
        NDArray gate = Activation.sigmoid(fc2.forward(parameterStore, new NDList(hidden), training, params)
                .singletonOrThrow());
        return new NDList(x.mul(gate));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape pooled = new Shape(inputShapes[0].get(0), inputShapes[0].get(1), 1, 1);
        fc1.initialize(manager, dataType, pooled);
        fc2.initialize(manager, dataType, fc1.getOutputShapes(new Shape[] {pooled}));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
