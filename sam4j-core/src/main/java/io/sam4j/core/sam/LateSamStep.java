package io.sam4j.core.sam;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.sam4j.core.train.Batch;
import io.sam4j.core.train.StateArrays;
import io.sam4j.core.train.StepResult;
import io.sam4j.core.util.Checks;
import java.util.List;

/**
 * SAM late in training only (Zhou, Wang, Mao, Li, Yan, "Sharpness-Aware Minimization Efficiently
 * Selects Flatter Minima Late in Training", ICLR 2025): the base optimizer for the first S steps, SAM
 * from step S on.
 *
 * <pre>
 *   t &lt; S:  w ← Optimizer(w, clip(∇L(w)))      1 pass
 *   t ≥ S:  the SAM step                         2 passes
 * </pre>
 *
 * where t counts this step's updates from 0. The paper finds that switching from SGD to SAM for the
 * last epochs reaches nearly full SAM's generalization; with S = (1 − f)·T for the last fraction f of
 * T steps the cost is 1 + f passes per step. S = 0 is SAM, S ≥ T the base optimizer, bitwise. t is
 * the step's state and goes into checkpoints (with the perturbation's), so a resumed run switches at the same step.
 */
public final class LateSamStep extends SamVariantStep {

    private static final String STEPS = "late-sam.steps";

    private final long startStep;
    private long steps;

    private LateSamStep(SharpnessAwareStep sam, long startStep) {
        super(sam);
        this.startStep = startStep;
    }

    /**
     * Runs {@code sam}'s {@link SharpnessAwareStep#baseStep() base step} before step
     * {@code startStep} (0-based) and {@code sam} from then on.
     */
    public static LateSamStep of(SharpnessAwareStep sam, long startStep) {
        Checks.checkNonNegative("startStep", startStep);
        return new LateSamStep(sam, startStep);
    }

    /** Returns S, the first SAM step (0-based). */
    public long startStep() {
        return startStep;
    }

    /** Returns the number of steps taken. */
    public long steps() {
        return steps;
    }

    @Override
    public StepResult step(Batch batch, long seed) {
        StepResult result =
                steps >= startStep ? sam.step(batch, seed) : sam.baseStep().step(batch, seed);
        steps++;
        return result;
    }

    @Override
    List<String> stateNames() {
        return List.of(STEPS);
    }

    @Override
    void exportOwnState(NDList out, NDManager manager) {
        StateArrays.putCounter(out, STEPS, steps, manager);
    }

    @Override
    void importOwnState(NDList own) {
        steps = StateArrays.of(own).counter(STEPS);
    }
}
