package io.sam4j.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

/**
 * A batch of labelled examples that can materialize itself as arrays and give subsets of itself
 * (the groups of m-sharpness).
 *
 * <p>Batches live on the Java heap until a pass asks for arrays, so that each forward/backward pass
 * can create its inputs in its own short-lived {@link NDManager}.
 */
public interface Batch {

    /** Returns the number of examples. */
    int size();

    /** Creates the model inputs in {@code manager}. */
    NDList inputs(NDManager manager);

    /** Creates the integer class labels, shape {@code (size)}, in {@code manager}. */
    NDArray labels(NDManager manager);

    /**
     * Returns the examples at {@code indices}, in that order (m-sharpness draws its groups this way).
     *
     * @param indices positions in this batch, each in [0, size())
     * @return a new batch of {@code indices.length} examples
     */
    Batch subset(int[] indices);
}
