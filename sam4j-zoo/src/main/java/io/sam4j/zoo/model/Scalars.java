package io.sam4j.zoo.model;

import ai.djl.ndarray.NDArray;

/**
 * Multiplication of arrays that autograd records by a constant.
 *
 * <p>DJL's {@code mul(Number)} and {@code div(Number)} wrap the number in a scalar array that
 * borrows a Java buffer's memory and close that array as soon as the product is computed. Autograd
 * keeps the scalar for the backward pass (the product's gradient is the incoming one times the
 * scalar), so once the garbage collector frees the buffer, a later backward pass reads freed
 * memory: garbage gradients, rarely in training, every so often in a Hessian graph kept for
 * minutes. Here the scalar stays open in the array's manager, as long as the graph needs it.
 */
final class Scalars {

    private Scalars() {}

    /** Returns {@code x · factor}, with the scalar held open by {@code x}'s manager. */
    static NDArray times(NDArray x, float factor) {
        return x.mul(x.getManager().create(factor));
    }
}
