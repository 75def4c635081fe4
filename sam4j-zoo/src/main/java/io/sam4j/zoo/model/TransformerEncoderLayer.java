package io.sam4j.zoo.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A Transformer encoder layer (Vaswani et al. 2017, Sec. 3.1) in the pre-norm arrangement of Xiong et
 * al. (2020, "On Layer Normalization in the Transformer Architecture"), which trains without warm-up:
 * {@code x + Drop(MHA(LN(x)))}, then {@code x + Drop(W2 GELU(W1 LN(x)))}. Input and output
 * {@code (B, T, d)}.
 */
final class TransformerEncoderLayer extends AbstractBlock {

    private static final byte VERSION = 1;

    private final float dropout;
    private final Block attentionNorm;
    private final Block attention;
    private final Block feedForwardNorm;
    private final Block expand;
    private final Block contract;

    /**
     * @param width d
     * @param heads attention heads
     * @param feedForward the hidden width of the feed-forward part
     * @param dropout rate on attention weights and both residual branches, 0 for none
     */
    TransformerEncoderLayer(int width, int heads, int feedForward, float dropout) {
        super(VERSION);
        this.dropout = dropout;
        attentionNorm =
                addChildBlock("attention_norm", LayerNorm.builder().axis(2).build());
        attention = addChildBlock("attention", new MultiHeadSelfAttention(width, heads, dropout));
        feedForwardNorm = addChildBlock("ff_norm", LayerNorm.builder().axis(2).build());
        expand = addChildBlock("ff1", Layers.linear(feedForward));
        contract = addChildBlock("ff2", Layers.linear(width));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDList normalized = attentionNorm.forward(store, inputs, training, params);
        NDArray attended =
                attention.forward(store, normalized, training, params).head();
        x = x.add(drop(attended, training));
        NDList normalized2 = feedForwardNorm.forward(store, new NDList(x), training, params);
        NDArray hidden = Activation.gelu(
                expand.forward(store, normalized2, training, params).head());
        NDArray fed =
                contract.forward(store, new NDList(hidden), training, params).head();
        return new NDList(x.add(drop(fed, training)));
    }

    private NDArray drop(NDArray x, boolean training) {
        return dropout > 0f ? Dropout.dropout(x, dropout, training).head() : x;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        attentionNorm.initialize(manager, dataType, inputShapes);
        attention.initialize(manager, dataType, inputShapes);
        feedForwardNorm.initialize(manager, dataType, inputShapes);
        expand.initialize(manager, dataType, inputShapes);
        contract.initialize(manager, dataType, expand.getOutputShapes(inputShapes));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
