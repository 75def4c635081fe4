package io.sam4j.core.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.loss.Loss;
import io.sam4j.core.util.Checks;

/**
 * Softmax cross-entropy over integer labels with optional label smoothing (Szegedy et al., 2016),
 * averaged over the batch.
 *
 * <p>With smoothing s and K classes the target is {@code (1 − s)·onehot(y) + s/K}, so the loss of
 * one example is {@code −(1 − s)·log p_y − (s/K)·∑ₖ log p_k}. DJL's {@code
 * SoftmaxCrossEntropyLoss} has no smoothing; with s = 0 this loss equals it.
 */
public final class SmoothedCrossEntropy extends Loss implements ExampleLoss {

    private final float smoothing;

    /**
     * Creates the loss.
     *
     * @param smoothing the label smoothing s in [0, 1)
     */
    public SmoothedCrossEntropy(float smoothing) {
        super("SmoothedCrossEntropy");
        Checks.checkArgument(
                smoothing >= 0 && smoothing < 1, "label smoothing must be in [0, 1) but was %s", smoothing);
        this.smoothing = smoothing;
    }

    /** Returns the label smoothing. */
    public float smoothing() {
        return smoothing;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        return perExample(labels.singletonOrThrow(), predictions.singletonOrThrow())
                .mean();
    }

    @Override
    public NDArray perExample(NDArray y, NDArray logits) {
        NDArray logProb = logits.logSoftmax(-1);
        int classes = Math.toIntExact(logits.getShape().get(logits.getShape().dimension() - 1));
        NDArray target = y.toType(DataType.INT64, false).oneHot(classes).toType(logProb.getDataType(), false);
        if (smoothing > 0) {
            target = target.mul(1 - smoothing).add(smoothing / classes);
        }
        return logProb.mul(target).sum(new int[] {-1}).neg();
    }
}
