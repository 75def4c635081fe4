package io.sam4j.analysis.hessian;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.SparseFormat;
import io.sam4j.analysis.hessian.pytorch.DoubleBackward;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * One batch's gradient g = ∇L_b(w) together with the autograd graph that computed it, which is
 * all a Hessian-vector product needs besides v. It owns the manager that holds the batch's leaves,
 * activations and g; closing it frees the graph.
 */
final class GradientGraph implements AutoCloseable {

    private final NDManager manager;
    private final List<NDArray> leaves;
    private final NDList gradient;
    private final double weight;

    /**
     * @param manager the manager holding everything below; owned from now on
     * @param leaves the variables g was taken by
     * @param gradient g, with its graph
     * @param weight the batch's share of the mean loss (its size over all examples)
     */
    GradientGraph(NDManager manager, List<NDArray> leaves, NDList gradient, double weight) {
        this.manager = manager;
        this.leaves = leaves;
        this.gradient = gradient;
        this.weight = weight;
    }

    /**
     * Adds weight · H_b·v to {@code out}.
     *
     * @param retainGraph whether the graph must survive for later products (else it is spent)
     */
    void addProduct(DoubleBackward doubleBackward, ParameterSpace space, float[] v, boolean retainGraph, float[] out) {
        try (NDManager pass = manager.newSubManager()) {
            NDList product = doubleBackward.product(pass, gradient, leaves, space.toArrays(v, pass), retainGraph);
            space.accumulate(product, weight, out);
        }
    }

    /**
     * Returns the bytes of the dense arrays this graph holds open besides the leaves (views of the
     * weights): the forward pass's arrays and g. Views count as copies, so this errs high for
     * them; sparse arrays are left out.
     */
    long heldBytes() {
        Set<NDArray> views = Collections.newSetFromMap(new IdentityHashMap<>());
        views.addAll(leaves);
        long bytes = 0;
        for (NDArray array : manager.getManagedArrays()) {
            if (!views.contains(array) && array.getSparseFormat() == SparseFormat.DENSE) {
                bytes += array.getShape().size() * array.getDataType().getNumOfBytes();
            }
        }
        return bytes;
    }

    @Override
    public void close() {
        manager.close();
    }
}
