package io.sam4j.core.sam;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.sam4j.core.train.Batch;
import io.sam4j.core.train.Gradients;
import io.sam4j.core.train.StateArrays;
import io.sam4j.core.train.StepResult;
import io.sam4j.core.util.Checks;
import java.util.ArrayList;
import java.util.List;

/**
 * AE-SAM (Jiang, Yang, Zhang, Kwok, "An Adaptive Policy to Employ Sharpness-Aware Minimization",
 * ICLR 2023): SAM only where the clean gradient's squared norm says the step is in a sharp region.
 *
 * <pre>
 *   g = ∇L(w)                                   clean pass (+ λ·w in-loss decay)
 *   AdaptivePolicy.decide(‖g‖²):
 *     SAM:  ε = Perturbation(g, w, ρ),  w ← Optimizer(w, clip(∇L(w + ε)))      2 passes
 *     else: w ← Optimizer(w, clip(g))                                        1 pass
 * </pre>
 *
 * <p>AE-LookSAM, the paper's other method ({@link #withLookSam}), takes LookSAM's reuse on the base
 * steps ({@link LookSamStep.OrthogonalReuse}): a SAM step also stores g_v, the part of ∇L(w + ε)
 * orthogonal to g, and a base step descends along g + α·(‖g‖/‖g_v‖)·g_v once one is stored.
 *
 * The SAM branch reuses the clean pass as SAM's first, so a step costs 1 + [SAM] passes, and over a
 * run 1 + s, s the share of SAM steps ({@link AdaptivePolicy#expectedShare} under the paper's
 * normality assumption). BatchNorm statistics come from the clean pass either way. The policy's
 * estimates and step count (and AE-LookSAM's g_v) are the step's state and go into checkpoints, with
 * the perturbation's. Whole batches only (no m-sharpness: the decision is one per batch).
 */
public final class AeSamStep extends SamVariantStep {

    private static final String MEAN = "ae-sam.mean";
    private static final String VARIANCE = "ae-sam.variance";
    private static final String STEPS = "ae-sam.steps";

    private final AdaptivePolicy policy;
    private final LookSamStep.OrthogonalReuse reuse;
    private long samSteps;

    private AeSamStep(SharpnessAwareStep sam, AdaptivePolicy policy, LookSamStep.OrthogonalReuse reuse) {
        super(sam);
        this.policy = policy;
        this.reuse = reuse;
    }

    /**
     * Takes {@code sam}'s SAM step where {@code policy} says so, else its base step.
     *
     * @param sam a SAM step on whole batches (m = 0, no micro-batches)
     * @param policy the decision, fresh (its state is this step's)
     */
    public static AeSamStep of(SharpnessAwareStep sam, AdaptivePolicy policy) {
        sam.requireWholeBatches("ae-sam", "decides once per batch");
        return new AeSamStep(sam, policy, null);
    }

    /**
     * AE-LookSAM: takes {@code sam}'s SAM step where {@code policy} says so, else its base step on the
     * clean gradient plus the reused orthogonal component.
     *
     * @param sam a SAM step on whole batches (m = 0, no micro-batches)
     * @param policy the decision, fresh (its state is this step's)
     * @param alpha α ≥ 0, the weight of the reused component (0: AE-SAM's steps)
     */
    public static AeSamStep withLookSam(SharpnessAwareStep sam, AdaptivePolicy policy, float alpha) {
        Checks.checkArgument(alpha >= 0 && Float.isFinite(alpha), "alpha must be >= 0 but was %s", alpha);
        sam.requireWholeBatches("ae-looksam", "decides once per batch");
        return new AeSamStep(sam, policy, new LookSamStep.OrthogonalReuse(alpha, sam.manager()));
    }

    /** Returns the policy. */
    public AdaptivePolicy policy() {
        return policy;
    }

    /** Returns how many of the steps since this step was built (or restored) took SAM's second pass. */
    public long samSteps() {
        return samSteps;
    }

    @Override
    public StepResult step(Batch batch, long seed) {
        try (SharpnessAwareStep.Pieces step = sam.begin(batch, seed)) {
            NDList g = step.clean();
            double squaredNorm = Gradients.squaredNorm(g);
            if (!policy.decide(squaredNorm)) {
                double gradientNorm = Math.sqrt(squaredNorm);
                if (reuse != null) {
                    reuse.addTo(g, gradientNorm);
                }
                return step.update(g, gradientNorm, 0);
            }
            samSteps++;
            NDList clean = reuse == null ? null : step.copy(g); // the ascent consumes g; g_v needs it
            NDList gs = step.perturbed(step.ascend(g));
            if (reuse != null) {
                reuse.store(clean, gs);
            }
            return step.update(gs);
        }
    }

    @Override
    List<String> stateNames() {
        return List.of(MEAN, VARIANCE, STEPS, LookSamStep.OrthogonalReuse.ORTHOGONAL);
    }

    /** Exports μ, σ² (as doubles), t and AE-LookSAM's g_v. */
    @Override
    void exportOwnState(NDList out, NDManager manager) {
        out.add(named(manager.create(new double[] {policy.mean()}), MEAN));
        out.add(named(manager.create(new double[] {policy.variance()}), VARIANCE));
        StateArrays.putCounter(out, STEPS, policy.steps(), manager);
        if (reuse != null) {
            reuse.exportTo(out, manager);
        }
    }

    @Override
    void importOwnState(NDList own) {
        List<String> names = new ArrayList<>();
        own.forEach(a -> names.add(a.getName()));
        Checks.checkArgument(
                names.contains(MEAN) && names.contains(VARIANCE), "the ae-sam state lacks %s or %s", MEAN, VARIANCE);
        double mean = own.get(names.indexOf(MEAN)).toDoubleArray()[0];
        double variance = own.get(names.indexOf(VARIANCE)).toDoubleArray()[0];
        StateArrays arrays = StateArrays.of(own);
        policy.restore(mean, variance, arrays.counter(STEPS));
        if (reuse != null) {
            reuse.restore(arrays, sam.pass().parameters().trainable().size());
        }
    }

    private static NDArray named(NDArray array, String name) {
        array.setName(name);
        return array;
    }
}
