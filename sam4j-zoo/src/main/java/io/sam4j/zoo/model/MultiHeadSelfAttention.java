package io.sam4j.zoo.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Multi-head scaled dot-product self-attention (Vaswani et al. 2017, "Attention Is All You Need",
 * Sec. 3.2): {@code softmax(Q Kᵀ / sqrt(d_head)) V} in each of {@code h} heads, heads concatenated and
 * projected. Input and output {@code (B, T, d)}; every token attends to every token of its own
 * sequence only, so an example's output does not depend on the rest of the batch.
 */
final class MultiHeadSelfAttention extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int heads;
    private final float dropout;
    private final Block query;
    private final Block key;
    private final Block value;
    private final Block output;

    /**
     * @param width d, divisible by {@code heads}
     * @param heads h
     * @param dropout rate on the attention weights, 0 for none
     */
    MultiHeadSelfAttention(int width, int heads, float dropout) {
        super(VERSION);
        if (heads < 1 || width % heads != 0) {
            throw new IllegalArgumentException("width " + width + " must split into " + heads + " heads");
        }
        this.heads = heads;
        this.dropout = dropout;
        query = addChildBlock("query", Layers.linear(width));
        key = addChildBlock("key", Layers.linear(width));
        value = addChildBlock("value", Layers.linear(width));
        output = addChildBlock("output", Layers.linear(width));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        long batch = x.getShape().get(0);
        long tokens = x.getShape().get(1);
        long width = x.getShape().get(2);
        long headWidth = width / heads;
        NDArray q = split(query.forward(store, inputs, training, params).head(), batch, tokens, headWidth);
        NDArray k = split(key.forward(store, inputs, training, params).head(), batch, tokens, headWidth);
        NDArray v = split(value.forward(store, inputs, training, params).head(), batch, tokens, headWidth);
        NDArray scores = Scalars.times(q.matMul(k.transpose(0, 1, 3, 2)), (float) (1 / Math.sqrt(headWidth)));
        NDArray weights = scores.softmax(-1);
        if (dropout > 0f) {
            weights = Dropout.dropout(weights, dropout, training).head();
        }
        NDArray mixed = weights.matMul(v).transpose(0, 2, 1, 3).reshape(batch, tokens, width);
        return output.forward(store, new NDList(mixed), training, params);
    }

    /** (B, T, d) to (B, h, T, d / h). */
    private NDArray split(NDArray x, long batch, long tokens, long headWidth) {
        return x.reshape(batch, tokens, heads, headWidth).transpose(0, 2, 1, 3);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (Block b : new Block[] {query, key, value, output}) {
            b.initialize(manager, dataType, inputShapes);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
