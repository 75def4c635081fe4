package io.sam4j.core.sam;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.sam4j.core.train.Batch;
import io.sam4j.core.train.StateArrays;
import io.sam4j.core.train.StepResult;
import io.sam4j.core.util.Checks;

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
 * bitwise. g_v and t are the step's state and go into checkpoints. The paper's defaults: k = 5,
 * α = 0.7. SAM steps use the whole batch (no m-sharpness: g_v is one batch-level direction).
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
        boolean samStep = steps % k == 0;
        StepResult result = sam.wholeBatchStep(batch, seed, reuse.variant(squaredNorm -> samStep));
        steps++;
        return result;
    }

    @Override
    public NDList exportState(NDManager manager) {
        NDList out = new NDList();
        StateArrays.putCounter(out, STEPS, steps, manager);
        reuse.exportTo(out, manager);
        return out;
    }

    @Override
    public void importState(NDList state) {
        StateArrays arrays = StateArrays.of(state);
        long restored = arrays.counter(STEPS);
        Checks.checkArgument(
                arrays.hasArrays(OrthogonalReuse.ORTHOGONAL) || restored == 0,
                "the looksam state after %s steps lacks the stored component %s",
                restored,
                OrthogonalReuse.ORTHOGONAL);
        reuse.restore(arrays, sam.pass().parameters().trainable().size());
        steps = restored;
    }
}
