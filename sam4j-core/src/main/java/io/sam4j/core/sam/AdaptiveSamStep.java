package io.sam4j.core.sam;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.sam4j.core.train.Batch;
import io.sam4j.core.train.StateArrays;
import io.sam4j.core.train.StepResult;
import io.sam4j.core.util.Checks;
import java.util.function.DoubleSupplier;

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
 * steps ({@link OrthogonalReuse}): a SAM step also stores g_v, the part of ∇L(w + ε) orthogonal to
 * g, and a base step descends along g + α·(‖g‖/‖g_v‖)·g_v once one is stored.
 *
 * The SAM branch reuses the clean pass as SAM's first, so a step costs 1 + [SAM] passes, and over a
 * run 1 + s, s the share of SAM steps ({@link AdaptivePolicy#expectedShare} under the paper's
 * normality assumption). BatchNorm statistics come from the clean pass either way. The policy's
 * estimates and step count (and AE-LookSAM's g_v) are the step's state and go into checkpoints.
 * Whole batches only (no m-sharpness: the decision is one per batch).
 */
public final class AdaptiveSamStep extends SamVariantStep {

    private static final String MEAN = "ae-sam.mean";
    private static final String VARIANCE = "ae-sam.variance";
    private static final String STEPS = "ae-sam.steps";

    private final AdaptivePolicy policy;
    private final OrthogonalReuse reuse;
    private long samSteps;

    private AdaptiveSamStep(SharpnessAwareStep sam, AdaptivePolicy policy, OrthogonalReuse reuse) {
        super(sam);
        this.policy = policy;
        this.reuse = reuse;
    }

    /**
     * Takes {@code sam}'s SAM step where {@code policy} says so, else its base step.
     *
     * @param sam a SAM step on whole batches (m = 0, no micro-batches, SAM's descent)
     * @param policy the decision, fresh (its state is this step's)
     */
    public static AdaptiveSamStep of(SharpnessAwareStep sam, AdaptivePolicy policy) {
        sam.requireWholeBatches("ae-sam", "decides once per batch");
        return new AdaptiveSamStep(sam, policy, null);
    }

    /**
     * AE-LookSAM: takes {@code sam}'s SAM step where {@code policy} says so, else its base step on the
     * clean gradient plus the reused orthogonal component.
     *
     * @param sam a SAM step on whole batches (m = 0, no micro-batches, SAM's descent)
     * @param policy the decision, fresh (its state is this step's)
     * @param alpha α ≥ 0, the weight of the reused component (0: AE-SAM's steps)
     */
    public static AdaptiveSamStep withLookSam(SharpnessAwareStep sam, AdaptivePolicy policy, float alpha) {
        Checks.checkArgument(alpha >= 0 && Float.isFinite(alpha), "alpha must be >= 0 but was %s", alpha);
        sam.requireWholeBatches("ae-looksam", "decides once per batch");
        return new AdaptiveSamStep(sam, policy, new OrthogonalReuse(alpha, sam.manager()));
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
        if (reuse != null) {
            return sam.wholeBatchStep(batch, seed, reuse.variant(this::sharp));
        }
        return sam.wholeBatchStep(batch, seed, new WholeBatchVariant() {
            @Override
            public boolean takeSam(NDList cleanGradients, DoubleSupplier squaredNorm, NDManager stepManager) {
                return sharp(squaredNorm);
            }
        });
    }

    /** The policy's decision on the clean gradient's ‖g‖², counted. */
    private boolean sharp(DoubleSupplier squaredNorm) {
        boolean takeSam = policy.decide(squaredNorm.getAsDouble());
        samSteps += takeSam ? 1 : 0;
        return takeSam;
    }

    /** Exports μ, σ² (as doubles), t and AE-LookSAM's g_v, then the perturbation's own state. */
    @Override
    public NDList exportState(NDManager manager) {
        NDList out = new NDList();
        out.add(named(manager.create(new double[] {policy.mean()}), MEAN));
        out.add(named(manager.create(new double[] {policy.variance()}), VARIANCE));
        StateArrays.putCounter(out, STEPS, policy.steps(), manager);
        if (reuse != null) {
            reuse.exportTo(out, manager);
        }
        out.addAll(sam.exportState(manager));
        return out;
    }

    @Override
    public void importState(NDList state) {
        NDList own = new NDList();
        NDArray mean = null;
        NDArray variance = null;
        for (NDArray a : state) {
            if (MEAN.equals(a.getName())) {
                mean = a;
            } else if (VARIANCE.equals(a.getName())) {
                variance = a;
            } else if (!STEPS.equals(a.getName()) && !OrthogonalReuse.owns(a.getName())) {
                own.add(a);
            }
        }
        Checks.checkArgument(mean != null && variance != null, "the ae-sam state lacks %s or %s", MEAN, VARIANCE);
        StateArrays arrays = StateArrays.of(state);
        long steps = arrays.counter(STEPS);
        policy.restore(mean.toDoubleArray()[0], variance.toDoubleArray()[0], steps);
        if (reuse != null) {
            reuse.restore(arrays, sam.pass().parameters().trainable().size());
        }
        sam.importState(own);
    }

    private static NDArray named(NDArray array, String name) {
        array.setName(name);
        return array;
    }
}
