package io.sam4j.core.testing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/** A loss that counts its evaluations: one per forward-backward pass of a training step. */
public final class CountingLoss extends Loss {

    private final Loss inner;
    private int evaluations;

    public CountingLoss(Loss inner) {
        super(inner.getName());
        this.inner = inner;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        evaluations++;
        return inner.evaluate(labels, predictions);
    }

    /** Returns the number of evaluations so far. */
    public int evaluations() {
        return evaluations;
    }
}
