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
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * A graph classifier: GCN layers with ReLU and dropout, a global mean or sum pooling of each graph's
 * nodes, then an MLP head (linear, ReLU, dropout, linear).
 *
 * <p>Inputs are those of a packed graph batch: node features {@code (N, F)}, edge index {@code (2, E)},
 * membership {@code (N)} and node counts {@code (G)}; output logits {@code (G, classes)}.
 */
final class GcnNetwork extends AbstractBlock {

    private static final byte VERSION = 1;

    private final List<GcnLayer> layers = new ArrayList<>();
    private final Block hidden;
    private final Block classifier;
    private final int headUnits;
    private final boolean sumPooling;
    private final float dropout;
    private final int classes;

    /**
     * @param widths the output width of each GCN layer
     * @param headUnits the hidden width of the MLP head
     * @param classes the number of logits
     * @param sumPooling sum the nodes of a graph (else average them)
     * @param dropout rate after each GCN layer and in the head, 0 for none
     */
    GcnNetwork(int[] widths, int headUnits, int classes, boolean sumPooling, float dropout) {
        super(VERSION);
        for (int i = 0; i < widths.length; i++) {
            layers.add(addChildBlock("gcn" + (i + 1), new GcnLayer(widths[i])));
        }
        this.hidden = addChildBlock("head_fc1", Layers.linear(headUnits));
        this.classifier = addChildBlock("classifier", Layers.linear(classes));
        this.headUnits = headUnits;
        this.sumPooling = sumPooling;
        this.dropout = dropout;
        this.classes = classes;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray features = inputs.get(0);
        NDArray membership = inputs.get(2);
        NDArray nodeCounts = inputs.get(3);
        long nodes = features.getShape().get(0);
        long graphs = nodeCounts.getShape().get(0);
        NDArray adjacency = GraphOps.normalizedAdjacency(inputs.get(1), nodes);
        NDArray states = features;
        for (GcnLayer layer : layers) {
            NDArray convolved = layer.forward(store, new NDList(states, adjacency), training, params)
                    .head();
            states = drop(Activation.relu(convolved), training);
        }
        NDArray pooled = GraphOps.membershipMatrix(membership, graphs).matMul(states);
        if (!sumPooling) {
            pooled = pooled.div(nodeCounts.maximum(1f).reshape(graphs, 1));
        }
        NDArray h = hidden.forward(store, new NDList(pooled), training, params).head();
        h = drop(Activation.relu(h), training);
        return classifier.forward(store, new NDList(h), training, params);
    }

    private NDArray drop(NDArray x, boolean training) {
        // A function call, not a child block, so parameter files do not depend on the rate.
        return dropout > 0f ? Dropout.dropout(x, dropout, training).head() : x;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long width = inputShapes[0].get(1);
        for (GcnLayer layer : layers) {
            Shape in = new Shape(1, width);
            layer.initialize(manager, dataType, in, new Shape(1, 1));
            width = layer.getOutputShapes(new Shape[] {in})[0].get(1);
        }
        hidden.initialize(manager, dataType, new Shape(1, width));
        classifier.initialize(manager, dataType, new Shape(1, headUnits));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long graphs = inputShapes.length > 3 ? inputShapes[3].get(0) : -1;
        return new Shape[] {new Shape(graphs, classes)};
    }
}
