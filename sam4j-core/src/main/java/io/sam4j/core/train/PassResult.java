package io.sam4j.core.train;

import ai.djl.ndarray.NDList;

/**
 * What one forward/backward pass produced.
 *
 * @param loss the mean loss of the pass's examples
 * @param correct the number of examples whose arg-max prediction equals the label
 * @param size the number of examples
 * @param gradients the gradient of the mean loss, one array per trainable parameter
 */
public record PassResult(float loss, int correct, int size, NDList gradients) {}
