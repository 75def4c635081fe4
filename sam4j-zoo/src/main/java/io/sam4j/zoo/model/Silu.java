package io.sam4j.zoo.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * SiLU / swish, x·σ(x), as a block. Unlike DJL's {@code LambdaBlock}, it states its output shape
 * without running on a dummy input, so initialising a large network (EfficientNet-B7 at 600x600)
 * does not compute every activation once.
 */
final class Silu extends AbstractBlock {

    private static final byte VERSION = 1;

    Silu() {
        super(VERSION);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(EfficientNetLayers.silu(inputs.singletonOrThrow()));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
