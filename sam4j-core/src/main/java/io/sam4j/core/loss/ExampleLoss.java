package io.sam4j.core.loss;

import ai.djl.ndarray.NDArray;

/**
 * A loss that is the mean of per-example values and can give them, for steps that choose examples by
 * their loss (ESAM's sharpness-sensitive data selection).
 */
public interface ExampleLoss {

    /**
     * Returns each example's loss, shape {@code (N)}, whose mean is the loss.
     *
     * @param labels the integer labels, shape {@code (N)}
     * @param logits the predictions, shape {@code (N, K)}
     */
    NDArray perExample(NDArray labels, NDArray logits);
}
