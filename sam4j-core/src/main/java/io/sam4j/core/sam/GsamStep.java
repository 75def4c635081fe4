package io.sam4j.core.sam;

import ai.djl.ndarray.NDList;
import ai.djl.training.optimizer.Optimizer;
import io.sam4j.core.optim.DelegatingOptimizer;
import io.sam4j.core.optim.StatefulOptimizer;
import io.sam4j.core.train.Batch;
import io.sam4j.core.train.Gradients;
import io.sam4j.core.train.StepResult;
import io.sam4j.core.util.Checks;

/**
 * GSAM (Zhuang, Gong, Yuan, Cui, Adam, Dvornek, Tatikonda, Duncan, Liu, "Surrogate Gap Guided
 * Sharpness-Aware Minimization", ICLR 2022, Algorithm 1): SAM's ascent by a ρ that follows the
 * learning rate, then a descent that also lowers the surrogate gap L(w + ε) − L(w). At step t, for
 * each m-sharpness group B:
 *
 * <pre>
 *   ρ_t = ρ_min + (ρ_max − ρ_min)·(lr_t − lr_min) / (lr_max − lr_min)     (ρ_max when lr_max = lr_min)
 *   g   = ∇L_B(w)                                   clean pass
 *   ε   = Perturbation(g, w, ρ_t)
 *   g_p = ∇L_B(w + ε)                               perturbed pass
 *   g_⊥ = g − (⟨g, g_p⟩ / ‖g_p‖²)·g_p                g's component orthogonal to g_p
 *   d_B = g_p − α·g_⊥  =  (1 + α·c)·g_p − α·g,   c = ⟨g, g_p⟩ / ‖g_p‖²
 * </pre>
 *
 * then {@code w ← Optimizer(w, clip(Σ_B (|B|/|batch|)·d_B))}, as SAM's step. Descending along −g_⊥
 * lowers the surrogate gap without changing the first-order change of the perturbed loss; α = 0 with
 * ρ_min = ρ_max is SAM, bitwise. m-sharpness, micro-batches and BatchNorm
 * are SAM's ({@link SharpnessAwareStep}); the state is the perturbation's.
 *
 * <p>The ρ schedule is the authors': {@code rho_t} of {@code ProportionScheduler} in {@code
 * juntang-zhuang/GSAM} ({@code gsam/scheduler.py}) and {@code sam_rho} of big_vision's {@code
 * big_vision/trainers/proj/gsam/gsam.py}. lr_t is the learning rate of the update this step makes
 * (the base optimizer's schedule at its next update count), and lr_max and lr_min are the largest and
 * smallest learning rates of the run's schedule over its steps; the authors pass the schedule's peak
 * and floor ({@code lr_max=config.lr}, {@code lr_min=linear_end·lr} in big_vision's {@code
 * configs/proj/gsam/vit_i1k_gsam_no_aug.py}), which are those for a schedule without warm-up. With
 * ρ_min = 0 and a schedule that decays to 0, ρ_t is proportional to lr_t, as in the paper's
 * convergence analysis. The authors' settings: ρ_max 0.6, ρ_min 0.1, α 0.6 for ViT-B/32 on ImageNet
 * (big_vision's config); a fixed ρ (ρ_max = ρ_min = 2, ASAM-style) with α 0.4 in the PyTorch CIFAR-10
 * example ({@code example/train.py}).
 */
public final class GsamStep extends SamVariantStep {

    private final float alpha;
    private final float rhoMin;
    private final StatefulOptimizer optimizer;
    private final String parameterId;
    private final float lrMax;
    private final float lrMin;

    private GsamStep(SharpnessAwareStep sam, float alpha, float rhoMin, long totalSteps) {
        super(sam);
        this.alpha = alpha;
        this.rhoMin = rhoMin;
        if (rhoMin == sam.rho()) {
            this.optimizer = null;
            this.parameterId = null;
            this.lrMax = Float.NaN;
            this.lrMin = Float.NaN;
            return;
        }
        Optimizer base = DelegatingOptimizer.stateOf(sam.optimizer());
        Checks.checkArgument(
                base instanceof StatefulOptimizer,
                "gsam's rho follows the learning rate, which the base optimizer %s does not expose: use one of"
                        + " sam4j's Optimizers, or a fixed rho (gsam-rho-min = rho)",
                base == null ? "(not known)" : base.getClass().getSimpleName());
        this.optimizer = (StatefulOptimizer) base;
        this.parameterId = sam.pass().parameters().trainable().get(0).getId();
        float max = Float.NEGATIVE_INFINITY;
        float min = Float.POSITIVE_INFINITY;
        int first = optimizer.firstUpdateCount();
        for (long t = 0; t < totalSteps; t++) {
            float lr = optimizer.learningRate(parameterId, Math.toIntExact(first + t));
            max = Math.max(max, lr);
            min = Math.min(min, lr);
        }
        this.lrMax = max;
        this.lrMin = min;
    }

    /**
     * GSAM with a fixed ρ (ρ_max = ρ_min = {@code sam}'s ρ) and {@code sam}'s perturbation, m,
     * micro-batches, weight decay and clipping.
     *
     * @param alpha α ≥ 0, the weight of the surrogate-gap descent
     */
    public static GsamStep of(SharpnessAwareStep sam, float alpha) {
        return of(sam, alpha, sam.rho(), 1);
    }

    /**
     * GSAM whose ρ follows the learning rate from {@code sam}'s ρ (ρ_max, at the run's largest learning
     * rate) down to {@code rhoMin} (at its smallest).
     *
     * @param alpha α ≥ 0, the weight of the surrogate-gap descent
     * @param rhoMin ρ_min in [0, ρ_max]
     * @param totalSteps the run's steps, over which the schedule's largest and smallest rates are taken
     * @throws IllegalArgumentException in one line for a bad value, or when ρ_min ≠ ρ_max and the base
     *     optimizer does not expose its learning rate (one of sam4j's {@link
     *     io.sam4j.core.optim.Optimizers} does)
     */
    public static GsamStep of(SharpnessAwareStep sam, float alpha, float rhoMin, long totalSteps) {
        Checks.checkArgument(alpha >= 0 && Float.isFinite(alpha), "alpha must be >= 0 but was %s", alpha);
        Checks.checkArgument(
                rhoMin >= 0 && rhoMin <= sam.rho(),
                "gsam-rho-min must be in [0, rho] = [0, %s] but was %s",
                sam.rho(),
                rhoMin);
        Checks.checkPositive("totalSteps", totalSteps);
        return new GsamStep(sam, alpha, rhoMin, totalSteps);
    }

    /** Returns α. */
    public float alpha() {
        return alpha;
    }

    /** Returns ρ_max, the ρ at the run's largest learning rate. */
    public float rhoMax() {
        return sam.rho();
    }

    /** Returns ρ_min, the ρ at the run's smallest learning rate. */
    public float rhoMin() {
        return rhoMin;
    }

    /** Returns ρ_t, the ρ of the next step (from the learning rate of the update it will make). */
    public float rho() {
        if (optimizer == null) {
            return sam.rho();
        }
        return rhoAt(optimizer.learningRate(parameterId, optimizer.nextUpdateCount(parameterId)));
    }

    /** ρ at learning rate {@code lr}: ρ_min + (ρ_max − ρ_min)·(lr − lr_min)/(lr_max − lr_min). */
    private float rhoAt(float lr) {
        if (lrMax == lrMin) {
            return sam.rho();
        }
        double rhoMax = sam.rho();
        return (float) (rhoMin + (rhoMax - rhoMin) * ((double) lr - lrMin) / ((double) lrMax - lrMin));
    }

    @Override
    public StepResult step(Batch batch, long seed) {
        float rho = rho();
        try (SharpnessAwareStep.Pieces step = sam.begin(batch, seed)) {
            for (int group = 0; group < step.groups(); group++) {
                NDList g = step.clean(group);
                NDList clean = step.copy(g); // the ascent consumes g; the descent needs it
                NDList gp = step.perturbed(group, step.ascend(group, g, rho));
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
