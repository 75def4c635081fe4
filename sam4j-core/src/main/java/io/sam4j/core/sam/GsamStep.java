package io.sam4j.core.sam;

import ai.djl.ndarray.NDList;
import io.sam4j.core.train.Batch;
import io.sam4j.core.train.Gradients;
import io.sam4j.core.train.StepResult;
import io.sam4j.core.util.Checks;

/**
 * GSAM (Zhuang, Gong, Yuan, Cui, Adam, Dvornek, Tatikonda, Duncan, Liu, "Surrogate Gap Guided
 * Sharpness-Aware Minimization", ICLR 2022, Algorithm 1): SAM's ascent, then a descent that also
 * lowers the surrogate gap L(w + ε) − L(w). For each m-sharpness group B:
 *
 * <pre>
 *   g   = ∇L_B(w)                                   clean pass
 *   ε   = Perturbation(g, w, ρ)
 *   g_p = ∇L_B(w + ε)                               perturbed pass
 *   g_⊥ = g − (⟨g, g_p⟩ / ‖g_p‖²)·g_p                g's component orthogonal to g_p
 *   d_B = g_p − α·g_⊥  =  (1 + α·c)·g_p − α·g,   c = ⟨g, g_p⟩ / ‖g_p‖²
 * </pre>
 *
 * then {@code w ← Optimizer(w, clip(Σ_B (|B|/|batch|)·d_B))}, as SAM's step. Descending along −g_⊥
 * lowers the surrogate gap without changing the first-order change of the perturbed loss; α = 0 is
 * SAM, bitwise. m-sharpness, micro-batches and BatchNorm are SAM's ({@link SharpnessAwareStep}). ρ is
 * fixed here; the state is the perturbation's.
 */
public final class GsamStep extends SamVariantStep {

    private final float alpha;

    private GsamStep(SharpnessAwareStep sam, float alpha) {
        super(sam);
        this.alpha = alpha;
    }

    /**
     * GSAM with {@code sam}'s perturbation, ρ, m, micro-batches, weight decay and clipping.
     *
     * @param alpha α ≥ 0, the weight of the surrogate-gap descent
     */
    public static GsamStep of(SharpnessAwareStep sam, float alpha) {
        Checks.checkArgument(alpha >= 0 && Float.isFinite(alpha), "alpha must be >= 0 but was %s", alpha);
        return new GsamStep(sam, alpha);
    }

    /** Returns α. */
    public float alpha() {
        return alpha;
    }

    @Override
    public StepResult step(Batch batch, long seed) {
        try (SharpnessAwareStep.Pieces step = sam.begin(batch, seed)) {
            for (int group = 0; group < step.groups(); group++) {
                NDList g = step.clean(group);
                NDList clean = step.copy(g); // the ascent consumes g; the descent needs it
                NDList gp = step.perturbed(group, step.ascend(group, g));
                step.descend(group, surrogateGapDescent(clean, gp));
            }
            return step.update();
        }
    }

    /** d = (1 + α·c)·g_p − α·g, c = ⟨g, g_p⟩ / ‖g_p‖², in g_p's arrays; consumes g. */
    private NDList surrogateGapDescent(NDList g, NDList gp) {
        double c = Gradients.dot(g, gp) / (Gradients.squaredNorm(gp) + 1e-12);
        float keep = (float) (1 + alpha * c);
        for (int i = 0; i < g.size(); i++) {
            gp.get(i).muli(keep);
            g.get(i).muli(alpha);
            gp.get(i).subi(g.get(i));
        }
        g.close();
        return gp;
    }
}
