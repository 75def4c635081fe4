package io.sam4j.core.sam;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;
import io.sam4j.core.train.GradientPass;
import io.sam4j.core.train.TrainingStep;
import java.util.List;

/**
 * A method of the SAM family built on a {@link SharpnessAwareStep}: it takes that step's pass,
 * optimizer, ρ, perturbation, weight decay and clipping, and calls its {@link
 * SharpnessAwareStep.Pieces pieces} (or the whole SAM step, or its base step) from its own {@code
 * step}.
 *
 * <p>The state is exported and imported here, in one place: the method's own arrays ({@link
 * #stateNames}, {@link #exportOwnState}, {@link #importOwnState}) followed by the SAM step's (its
 * perturbation's, e.g. FriendlySAM's moving average), so that no method can drop the wrapped step's.
 */
abstract class SamVariantStep implements TrainingStep {

    /** The SAM step whose settings, pieces and update the method uses. */
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

    /**
     * Returns the names of this method's own state arrays: counters by their name, per-parameter
     * arrays by their prefix (arrays {@code "<prefix>.<index>"}). Default: none, a stateless method.
     */
    List<String> stateNames() {
        return List.of();
    }

    /** Adds copies of this method's own state, named as {@link #stateNames} says, to {@code out}. */
    void exportOwnState(NDList out, NDManager manager) {}

    /**
     * Replaces this method's own state with {@code own}, the exported arrays {@link #stateNames} names.
     *
     * @throws IllegalArgumentException if they do not fit
     */
    void importOwnState(NDList own) {}

    /** Exports the method's own state, then the SAM step's. */
    @Override
    public final NDList exportState(NDManager manager) {
        NDList out = new NDList();
        exportOwnState(out, manager);
        out.addAll(sam.exportState(manager));
        return out;
    }

    /** Imports a state {@link #exportState exported} by a step of the same method and settings. */
    @Override
    public final void importState(NDList state) {
        NDList own = new NDList();
        NDList wrapped = new NDList();
        for (NDArray a : state) {
            (owns(a.getName()) ? own : wrapped).add(a);
        }
        importOwnState(own);
        sam.importState(wrapped);
    }

    private boolean owns(String name) {
        if (name == null) {
            return false;
        }
        for (String own : stateNames()) {
            if (name.equals(own) || name.startsWith(own + ".")) {
                return true;
            }
        }
        return false;
    }
}
