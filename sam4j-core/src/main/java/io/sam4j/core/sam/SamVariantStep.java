package io.sam4j.core.sam;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;
import io.sam4j.core.train.GradientPass;
import io.sam4j.core.train.TrainingStep;

/**
 * A method of the SAM family built on a {@link SharpnessAwareStep}: it takes that step's pass,
 * optimizer, ρ, perturbation, weight decay and clipping, and its state (the perturbation's) is part
 * of the variant's. Variants with state of their own add it around {@code super}'s.
 */
abstract class SamVariantStep implements TrainingStep {

    /** The SAM step whose settings, passes and update the variant uses. */
    protected final SharpnessAwareStep sam;

    SamVariantStep(SharpnessAwareStep sam) {
        this.sam = sam;
    }

    @Override
    public GradientPass pass() {
        return sam.pass();
    }

    @Override
    public Optimizer optimizer() {
        return sam.optimizer();
    }

    /** Exports the SAM step's state (the perturbation's). */
    @Override
    public NDList exportState(NDManager manager) {
        return sam.exportState(manager);
    }

    @Override
    public void importState(NDList state) {
        sam.importState(state);
    }
}
