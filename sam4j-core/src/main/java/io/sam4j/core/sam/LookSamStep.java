package io.sam4j.core.sam;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.sam4j.core.train.Batch;
import io.sam4j.core.train.Gradients;
import io.sam4j.core.train.PassResult;
import io.sam4j.core.train.StateArrays;
import io.sam4j.core.train.StepResult;
import io.sam4j.core.train.StepSeeds;
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
 * bitwise. g_v and t are the step's state and go into checkpoints. The paper's defaults: k = 5,
 * α = 0.7. SAM steps use the whole batch (no m-sharpness: g_v is one batch-level direction).
 */
public final class LookSamStep extends SamVariantStep {

    private static final String STEPS = "looksam.steps";
    private static final String ORTHOGONAL = "looksam.gv";

    private final int k;
    private final float alpha;
    private final NDManager stateManager;
    private long steps;
    private NDList orthogonal;

    private LookSamStep(SharpnessAwareStep sam, int k, float alpha) {
        super(sam);
        this.k = k;
        this.alpha = alpha;
        this.stateManager = sam.manager().newSubManager();
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
        return alpha;
    }

    @Override
    public StepResult step(Batch batch, long seed) {
        StepResult result = steps % k == 0 ? samStep(batch, seed) : reuseStep(batch, seed);
        steps++;
        return result;
    }

    /** SAM's whole-batch step, which also stores g_v. */
    private StepResult samStep(Batch batch, long seed) {
        return sam.wholeBatchStep(batch, seed, new WholeBatchVariant() {
            private NDList g;

            @Override
            public boolean takeSam(NDList cleanGradients, NDManager stepManager) {
                // The ascent may consume the clean gradient; g_v needs it after the perturbed pass.
                g = Gradients.copy(cleanGradients, stepManager);
                return true;
            }

            @Override
            public void beforeUpdate(NDList descent) {
                storeOrthogonal(g, descent);
            }
        });
    }

    /** g_v = g_s − (⟨g_s, g⟩/‖g‖²)·g, kept in the step's own manager. */
    private void storeOrthogonal(NDList g, NDList gs) {
        double c = Gradients.dot(gs, g) / (Gradients.squaredNorm(g) + 1e-12);
        NDList next = new NDList(g.size());
        for (int i = 0; i < g.size(); i++) {
            try (NDArray parallel = g.get(i).mul((float) c)) {
                NDArray v = gs.get(i).sub(parallel);
                v.attach(stateManager);
                next.add(v);
            }
        }
        if (orthogonal != null) {
            orthogonal.close();
        }
        orthogonal = next;
    }

    /** The clean gradient plus α·(‖g‖/‖g_v‖)·g_v. */
    private StepResult reuseStep(Batch batch, long seed) {
        StepSeeds seeds = new StepSeeds(seed);
        List<Parameter> trainable = sam.pass().parameters().trainable();
        try (NDManager stepManager = sam.manager().newSubManager()) {
            PassResult clean = sam.groupPass().clean(batch, seeds.engineSeed(0), stepManager);
            NDList g = clean.gradients();
            double gradientNorm = Gradients.norm(g);
            double orthogonalNorm = Gradients.norm(orthogonal);
            float scale = (float) (alpha * gradientNorm / (orthogonalNorm + 1e-12));
            for (int i = 0; i < g.size(); i++) {
                try (NDArray term = orthogonal.get(i).mul(scale)) {
                    g.get(i).addi(term);
                }
            }
            sam.updates().apply(trainable, g);
            return new StepResult(clean.loss(), clean.correct(), batch.size(), gradientNorm, 0);
        }
    }

    @Override
    public NDList exportState(NDManager manager) {
        NDList out = new NDList();
        StateArrays.putCounter(out, STEPS, steps, manager);
        if (orthogonal != null) {
            StateArrays.putArrays(out, ORTHOGONAL, orthogonal, manager);
        }
        return out;
    }

    @Override
    public void importState(NDList state) {
        StateArrays arrays = StateArrays.of(state);
        long restored = arrays.counter(STEPS);
        int parameters = sam.pass().parameters().trainable().size();
        NDList stored = arrays.hasArrays(ORTHOGONAL) ? arrays.arrays(ORTHOGONAL, parameters, stateManager) : null;
        Checks.checkArgument(
                stored != null || restored == 0,
                "the looksam state after %s steps lacks the stored component %s",
                restored,
                ORTHOGONAL);
        if (orthogonal != null) {
            orthogonal.close();
        }
        orthogonal = stored;
        steps = restored;
    }
}
