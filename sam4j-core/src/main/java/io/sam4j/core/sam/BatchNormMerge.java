package io.sam4j.core.sam;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.sam4j.core.train.ModelParameters;

/**
 * The model state (BatchNorm running statistics) through one SAM step, as the official SAM code
 * keeps it: only clean passes update it, and with several m-sharpness groups each group starts from
 * the state before the step and the results are averaged with the groups' {@link
 * MSharpness.GroupWeights weights}, which is what per-device BatchNorm followed by a cross-device
 * mean computes.
 *
 * <p>Call {@link #beforeClean}, {@link #afterClean} and {@link #afterPerturbed} around each group's
 * passes, then {@link #finish} once.
 */
final class BatchNormMerge {

    private final ModelParameters parameters;
    private final MSharpness.GroupWeights weights;
    private final NDManager manager;
    private final NDList before;
    private NDList afterClean;
    private NDList sum;

    BatchNormMerge(ModelParameters parameters, MSharpness.GroupWeights weights, NDManager manager) {
        this.parameters = parameters;
        this.weights = weights;
        this.manager = manager;
        this.before = single() ? null : parameters.snapshotState(manager);
    }

    private boolean single() {
        return weights.count() == 1;
    }

    /** Resets the state to the one before the step for every group but the first. */
    void beforeClean(int group) {
        if (group > 0) {
            parameters.restoreState(before);
        }
    }

    /** Records the state the clean pass of {@code group} left. */
    void afterClean(int group) {
        afterClean = parameters.snapshotState(manager);
        if (!single()) {
            sum = weights.accumulate(sum, afterClean, group);
        }
    }

    /** Undoes what the perturbed pass did to the state (with one group; otherwise {@link #finish} does). */
    void afterPerturbed() {
        if (single()) {
            parameters.restoreState(afterClean);
        }
    }

    /** Sets the state to the groups' weighted mean (with several groups). */
    void finish() {
        if (!single()) {
            parameters.restoreState(weights.finish(sum));
        }
    }
}
