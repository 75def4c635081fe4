package io.sam4j.zoo.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.sam4j.zoo.model.pytorch.SparseTensors;

/**
 * Message passing over a packed batch of graphs with sparse products, so that cost and memory are
 * linear in nodes and edges (never a dense {@code N × N} adjacency of the batch).
 *
 * <p>Both operators are sparse COO tensors of the PyTorch engine built from the batch's edge index and
 * membership vector; they carry no gradient, and PyTorch differentiates the sparse–dense product in
 * the dense operand, twice if asked (Hessian-vector products work through it).
 */
final class GraphOps {

    private GraphOps() {}

    /**
     * Returns the propagation operator of Kipf &amp; Welling (2017, "Semi-Supervised Classification
     * with Graph Convolutional Networks", eq. 2): {@code Â = D^-1/2 (A + I) D^-1/2}, where
     * {@code A[i][j]} counts the edges {@code j → i} and {@code D} is the diagonal of row sums of
     * {@code A + I}, so that {@code (Â H)[i]} sums node {@code i}'s in-neighbours and itself, each
     * weighted by {@code 1 / sqrt(deg(i) deg(j))}.
     *
     * @param edgeIndex {@code (2, E)} int64, row 0 sources, row 1 targets
     * @param nodes N, the number of nodes
     * @return a sparse {@code (N, N)} float32 tensor with E + N stored entries
     */
    static NDArray normalizedAdjacency(NDArray edgeIndex, long nodes) {
        NDManager manager = edgeIndex.getManager();
        NDArray loops = manager.arange(0, (int) nodes, 1, DataType.INT64);
        NDArray sources = NDArrays.concat(new NDList(edgeIndex.get(0), loops));
        NDArray targets = NDArrays.concat(new NDList(edgeIndex.get(1), loops));
        NDArray indices = NDArrays.stack(new NDList(targets, sources));
        NDArray ones = manager.ones(new Shape(sources.getShape().get(0)));
        NDArray counts = sparse(indices, ones, new Shape(nodes, nodes));
        NDArray degrees = counts.matMul(manager.ones(new Shape(nodes, 1))).reshape(nodes);
        NDArray inverseRoot = degrees.pow(-0.5f);
        NDArray weights = inverseRoot.take(targets).mul(inverseRoot.take(sources));
        return sparse(indices, weights, new Shape(nodes, nodes));
    }

    /**
     * Returns the {@code (G, N)} matrix with a 1 where node {@code n} belongs to graph {@code g}: its
     * product with node states {@code (N, d)} sums each graph's nodes.
     *
     * @param membership {@code (N)} int64 graph of each node, in [0, G)
     * @param graphs G
     */
    static NDArray membershipMatrix(NDArray membership, long graphs) {
        NDManager manager = membership.getManager();
        long nodes = membership.getShape().get(0);
        NDArray indices = NDArrays.stack(new NDList(membership, manager.arange(0, (int) nodes, 1, DataType.INT64)));
        return sparse(indices, manager.ones(new Shape(nodes)), new Shape(graphs, nodes));
    }

    private static NDArray sparse(NDArray indices, NDArray values, Shape shape) {
        return SparseTensors.coo(indices, values, shape);
    }
}
