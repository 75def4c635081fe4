package io.sam4j.core.train;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

/**
 * What one forward/backward pass produced.
 *
 * @param loss the mean loss of the pass's examples
 * @param correct the number of examples whose arg-max prediction equals the label
 * @param size the number of examples
 * @param gradients the gradient of the mean loss, one array per trainable parameter
 * @param exampleLosses each example's loss, when the pass was asked for them ({@link
 *     GradientPass#run(Batch, long, NDManager, GradientPass.At, boolean)}), else null
 */
public record PassResult(float loss, int correct, int size, NDList gradients, float[] exampleLosses) {

    /** A result without per-example losses. */
    public PassResult(float loss, int correct, int size, NDList gradients) {
        this(loss, correct, size, gradients, null);
    }
}
