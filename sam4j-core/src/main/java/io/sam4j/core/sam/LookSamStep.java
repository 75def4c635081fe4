package io.sam4j.core.sam;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.sam4j.core.train.Batch;
import io.sam4j.core.train.Gradients;
import io.sam4j.core.train.StateArrays;
import io.sam4j.core.train.StepResult;
import io.sam4j.core.util.Checks;
import java.util.List;

/**
 * LookSAM (Liu, Mai, Chen, Hsieh, You, "Towards Efficient and Scalable Sharpness-Aware
 * Minimization", CVPR 2022, Algorithm 1): the SAM gradient every k steps; in between, the clean
 * gradient plus the stored component of the last SAM gradient orthogonal to its clean gradient.
 *
 * <pre>
 *   t mod k = 0:  g = ∇L(w),  ε = Perturbation(g, w, ρ),  g_s = ∇L(w + ε)          2 passes
 *                 g_v ← g_s − (⟨g_s, g⟩ / ‖g‖²)·g                                  stored
 *                 w ← Optimizer(w, clip(g_s))
 *   otherwise:    g = ∇L(w),  w ← Optimizer(w, clip(g + α·(‖g‖ / ‖g_v‖)·g_v))     1 pass
 * </pre>
 *
 * with global norms over all parameters, as in the paper's algorithm (some ports use per-tensor
 * norms). t counts this step's updates from 0. The cost is 1 + 1/k passes per step; k = 1 is SAM,
 * bitwise. g_v and t are the step's state and go into checkpoints (with the perturbation's). The
 * paper's defaults: k = 5, α = 0.7. SAM steps use the whole batch (no m-sharpness: g_v is one
 * batch-level direction); BatchNorm statistics come from the clean pass, as in SAM.
 */
public final class LookSamStep extends SamVariantStep {

    private static final String STEPS = "looksam.steps";

    private final int k;
    private final OrthogonalReuse reuse;
    private long steps;

    private LookSamStep(SharpnessAwareStep sam, int k, float alpha) {
        super(sam);
        this.k = k;
        this.reuse = new OrthogonalReuse(alpha, sam.manager());
    }

    /**
     * Reuses {@code sam}'s SAM step every {@code k} steps.
     *
     * @param sam a SAM step on whole batches (m = 0); its perturbation, ρ, weight decay and clipping
     * @param k the SAM step interval, at least 1
     * @param alpha α ≥ 0, the weight of the reused orthogonal component
     */
    public static LookSamStep of(SharpnessAwareStep sam, int k, float alpha) {
        Checks.checkPositive("k", k);
        Checks.checkArgument(alpha >= 0 && Float.isFinite(alpha), "alpha must be >= 0 but was %s", alpha);
        sam.requireWholeBatches("looksam", "reuses one batch-level direction");
        return new LookSamStep(sam, k, alpha);
    }

    /** Returns k. */
    public int interval() {
        return k;
    }

    /** Returns α. */
    public float alpha() {
        return reuse.alpha();
    }

    @Override
    public StepResult step(Batch batch, long seed) {
        try (SharpnessAwareStep.Pieces step = sam.begin(batch, seed)) {
            NDList g = step.clean();
            StepResult result;
            if (steps % k == 0) {
                NDList clean = step.copy(g); // the ascent consumes g; g_v needs it
                NDList gs = step.perturbed(step.ascend(g));
                reuse.store(clean, gs);
                result = step.update(gs);
            } else {
                double gradientNorm = Math.sqrt(Gradients.squaredNorm(g));
                reuse.addTo(g, gradientNorm);
                result = step.update(g, gradientNorm, 0);
            }
            steps++;
            return result;
        }
    }

    @Override
    List<String> stateNames() {
        return List.of(STEPS, OrthogonalReuse.ORTHOGONAL);
    }

    @Override
    void exportOwnState(NDList out, NDManager manager) {
        StateArrays.putCounter(out, STEPS, steps, manager);
        reuse.exportTo(out, manager);
    }

    @Override
    void importOwnState(NDList own) {
        StateArrays arrays = StateArrays.of(own);
        long restored = arrays.counter(STEPS);
        Checks.checkArgument(
                arrays.hasArrays(OrthogonalReuse.ORTHOGONAL) || restored == 0,
                "the looksam state after %s steps lacks the stored component %s",
                restored,
                OrthogonalReuse.ORTHOGONAL);
        reuse.restore(arrays, sam.pass().parameters().trainable().size());
        steps = restored;
    }

    /**
     * LookSAM's reuse, which AE-LookSAM ({@link AeSamStep}) shares: a SAM step stores the part g_v of
     * its perturbed gradient g_s orthogonal to its clean gradient g, and a base step adds g_v,
     * rescaled, to its clean gradient.
     *
     * <pre>
     *   SAM step:   g_v ← g_s − (⟨g_s, g⟩ / ‖g‖²)·g
     *   base step:  g ← g + α·(‖g‖ / ‖g_v‖)·g_v          (g as it is while no g_v is stored)
     * </pre>
     *
     * with global norms over all parameters. g_v is state: it lives in a sub-manager of the step's
     * manager and goes into checkpoints as {@value #ORTHOGONAL}.
     */
    static final class OrthogonalReuse {

        /** The checkpoint name of g_v, LookSAM's since before AE-LookSAM shared it. */
        static final String ORTHOGONAL = "looksam.gv";

        private final float alpha;
        private final NDManager stateManager;
        private NDList orthogonal;

        OrthogonalReuse(float alpha, NDManager parent) {
            this.alpha = alpha;
            this.stateManager = parent.newSubManager();
        }

        float alpha() {
            return alpha;
        }

        /** g_v ← g_s − (⟨g_s, g⟩/‖g‖²)·g; reads g and g_s without changing them. */
        void store(NDList g, NDList gs) {
            double c = Gradients.dot(gs, g) / (Gradients.squaredNorm(g) + 1e-12);
            NDList next = new NDList(g.size());
            for (int i = 0; i < g.size(); i++) {
                try (NDArray parallel = g.get(i).mul((float) c)) {
                    NDArray v = gs.get(i).sub(parallel);
                    v.attach(stateManager);
                    next.add(v);
                }
            }
            replace(next);
        }

        /** g ← g + α·(‖g‖/‖g_v‖)·g_v in place, once a g_v is stored; {@code gradientNorm} is ‖g‖. */
        void addTo(NDList g, double gradientNorm) {
            if (orthogonal == null) {
                return;
            }
            float scale = (float) (alpha * gradientNorm / (Gradients.norm(orthogonal) + 1e-12));
            for (int i = 0; i < g.size(); i++) {
                try (NDArray term = orthogonal.get(i).mul(scale)) {
                    g.get(i).addi(term);
                }
            }
        }

        /** Adds copies of g_v, if stored, to {@code out}. */
        void exportTo(NDList out, NDManager manager) {
            if (orthogonal != null) {
                StateArrays.putArrays(out, ORTHOGONAL, orthogonal, manager);
            }
        }

        /** Restores g_v from {@code state}, or none if the state has none. */
        void restore(StateArrays state, int parameters) {
            replace(state.hasArrays(ORTHOGONAL) ? state.arrays(ORTHOGONAL, parameters, stateManager) : null);
        }

        private void replace(NDList next) {
            if (orthogonal != null) {
                orthogonal.close();
            }
            orthogonal = next;
        }
    }
}
