package io.sam4j.core.sam;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.sam4j.core.train.Batch;
import io.sam4j.core.train.PassResult;
import java.util.function.DoubleSupplier;

/**
 * Where a variant built on SAM's whole-batch step differs from SAM ({@link
 * SharpnessAwareStep#wholeBatchStep}): whether a step takes SAM at all (LookSAM, AE-SAM), what it
 * keeps of the clean gradient and adds to a base step's (LookSAM), how ε is masked and which examples
 * the perturbed pass takes (ESAM), and what it keeps of the descent gradient (LookSAM). Each default is what SAM does, so the variants
 * state only their differences and SAM's passes, statistics and update stay in one place.
 *
 * <p>A variant is made for one step and may carry what it learns from one hook to the next.
 */
interface WholeBatchVariant {

    /** Whether the clean pass also gives each example's loss (ESAM's selection needs them). */
    default boolean exampleLosses() {
        return false;
    }

    /**
     * Sees the clean gradient g (in-loss weight decay included) before the ascent, which may consume
     * it. Returns false to take a base step on g instead of SAM's second pass.
     *
     * @param squaredNorm ‖g‖², computed on first use and then shared with the step's report
     * @param stepManager the step's manager, for copies that live until the step ends
     */
    default boolean takeSam(NDList cleanGradients, DoubleSupplier squaredNorm, NDManager stepManager) {
        return true;
    }

    /**
     * Changes the clean gradient in place before a base step takes it (when {@link #takeSam} said no).
     *
     * @param gradientNorm ‖g‖ before the change, which the step reports
     */
    default void beforeBaseUpdate(NDList cleanGradients, double gradientNorm) {}

    /**
     * Changes the clean gradient in place just before the ascent turns it into ε (ESAM drops the
     * tensors its mask leaves out, so that ε is normalized over the kept ones). The step reports the
     * norm of the gradient as changed.
     */
    default void beforeAscent(NDList cleanGradients) {}

    /** Changes ε in place before the perturbed pass. */
    default void adjust(NDList epsilon) {}

    /**
     * Whether the BatchNorm running statistics keep what every pass of the step left (ESAM's official
     * code) rather than those of the clean pass alone (SAM's official code).
     */
    default boolean keepsEveryPassStatistics() {
        return false;
    }

    /**
     * Runs the perturbed pass at w + ε (SAM: on the whole batch) and writes {@code weights} back.
     *
     * @param epsilon ε; consumed
     */
    default PassResult perturbed(
            SamGroupPass pass,
            Batch batch,
            PassResult clean,
            long engineSeed,
            NDList epsilon,
            NDList weights,
            NDManager stepManager) {
        return pass.perturbed(batch, engineSeed, epsilon, weights, stepManager);
    }

    /** Sees the descent gradient (perturbed, weight decay included, not yet clipped) before the update. */
    default void beforeUpdate(NDList descent) {}
}
