package io.sam4j.zoo.graph;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.sam4j.core.train.Batch;
import io.sam4j.core.util.Checks;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Several graphs packed into one block-diagonal graph, the usual way to batch graphs (as PyTorch
 * Geometric does): node features stacked, edges renumbered by each graph's node offset, and a
 * membership vector giving each node's graph.
 *
 * <p>The model inputs are, in order: node features {@code (N, F)} float32; the edge index {@code (2, E)}
 * int64, row 0 the sources and row 1 the targets; the membership {@code (N)} int64 in {@code [0, G)};
 * and the node count of each graph {@code (G)} float32. Memory is linear in nodes and edges: no
 * {@code N × N} adjacency is ever formed.
 */
public final class GraphBatch implements Batch {

    private final List<Graph> graphs;
    private final int featureCount;

    private GraphBatch(List<Graph> graphs) {
        this.graphs = List.copyOf(graphs);
        this.featureCount = graphs.get(0).featureCount();
        for (Graph g : graphs) {
            Checks.checkArgument(
                    g.featureCount() == featureCount,
                    "graphs with %s and %s features cannot be batched",
                    featureCount,
                    g.featureCount());
        }
    }

    /** Packs graphs (at least one, all with the same feature width). */
    public static GraphBatch of(List<Graph> graphs) {
        Checks.checkArgument(!graphs.isEmpty(), "a batch needs at least one graph");
        return new GraphBatch(graphs);
    }

    /** Returns the graphs, in batch order. */
    public List<Graph> graphs() {
        return graphs;
    }

    @Override
    public int size() {
        return graphs.size();
    }

    /** Returns the number of nodes of all graphs together. */
    public int nodeCount() {
        return graphs.stream().mapToInt(Graph::numNodes).sum();
    }

    /** Returns the number of edges of all graphs together. */
    public int edgeCount() {
        return graphs.stream().mapToInt(Graph::numEdges).sum();
    }

    @Override
    public NDList inputs(NDManager manager) {
        int nodes = nodeCount();
        int edges = edgeCount();
        float[] features = new float[nodes * featureCount];
        long[] edgeIndex = new long[2 * edges];
        long[] membership = new long[nodes];
        float[] nodeCounts = new float[graphs.size()];
        int nodeOffset = 0;
        int edgeOffset = 0;
        for (int g = 0; g < graphs.size(); g++) {
            Graph graph = graphs.get(g);
            System.arraycopy(graph.features(), 0, features, nodeOffset * featureCount, graph.features().length);
            for (int e = 0; e < graph.numEdges(); e++) {
                edgeIndex[edgeOffset + e] = nodeOffset + graph.sources()[e];
                edgeIndex[edges + edgeOffset + e] = nodeOffset + graph.targets()[e];
            }
            for (int i = 0; i < graph.numNodes(); i++) {
                membership[nodeOffset + i] = g;
            }
            nodeCounts[g] = graph.numNodes();
            nodeOffset += graph.numNodes();
            edgeOffset += graph.numEdges();
        }
        NDArray x = manager.create(FloatBuffer.wrap(features), new Shape(nodes, featureCount));
        NDArray index = manager.create(LongBuffer.wrap(edgeIndex), new Shape(2, edges));
        NDArray member = manager.create(LongBuffer.wrap(membership), new Shape(nodes));
        NDArray counts = manager.create(FloatBuffer.wrap(nodeCounts), new Shape(graphs.size()));
        return new NDList(x, index, member, counts);
    }

    @Override
    public NDArray labels(NDManager manager) {
        return manager.create(graphs.stream().mapToInt(Graph::label).toArray());
    }

    /** Re-packs the chosen graphs into a new block-diagonal batch. */
    @Override
    public Batch subset(int[] indices) {
        List<Graph> picked = new ArrayList<>(indices.length);
        for (int i : indices) {
            Checks.checkArgument(i >= 0 && i < graphs.size(), "index %s is outside the batch of %s", i, graphs.size());
            picked.add(graphs.get(i));
        }
        return of(picked);
    }
}
