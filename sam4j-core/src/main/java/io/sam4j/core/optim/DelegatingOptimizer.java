package io.sam4j.core.optim;

import ai.djl.training.optimizer.Optimizer;

/**
 * An optimizer that stands in for another one, such as the optimizer of a DJL {@code Trainer} that
 * applies the update later. Steps that read the base optimizer's state (Momentum-SAM reads the
 * momentum buffer) read it from {@link #delegate()}.
 */
public interface DelegatingOptimizer {

    /** Returns the optimizer whose state is the base optimizer's, or null if it is not known. */
    Optimizer delegate();

    /**
     * Returns the optimizer whose state a step should read: {@code optimizer} itself, or its delegate
     * when it stands in for another (null if that one is not known).
     */
    static Optimizer stateOf(Optimizer optimizer) {
        return optimizer instanceof DelegatingOptimizer d ? d.delegate() : optimizer;
    }
}
