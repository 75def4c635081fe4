package io.sam4j.core.sam;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.sam4j.core.train.Batch;
import io.sam4j.core.train.Gradients;
import io.sam4j.core.train.StateArrays;
import io.sam4j.core.train.StepResult;
import io.sam4j.core.util.Checks;

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
 * The SAM branch reuses the clean pass as SAM's first, so a step costs 1 + [SAM] passes, and over a
 * run 1 + s, s the share of SAM steps ({@link AdaptivePolicy#expectedShare} under the paper's
 * normality assumption). BatchNorm statistics come from the clean pass either way. The policy's
 * estimates and step count are the step's state and go into checkpoints. The paper's AE-LookSAM
 * (LookSAM's reuse on the ERM steps) is not included. Whole batches only (no m-sharpness: the
 * decision is one per batch).
 */
public final class AdaptiveSamStep extends SamVariantStep {

    private static final String MEAN = "ae-sam.mean";
    private static final String VARIANCE = "ae-sam.variance";
    private static final String STEPS = "ae-sam.steps";

    private final AdaptivePolicy policy;
    private long samSteps;

    private AdaptiveSamStep(SharpnessAwareStep sam, AdaptivePolicy policy) {
        super(sam);
        this.policy = policy;
    }

    /**
     * Takes {@code sam}'s SAM step where {@code policy} says so, else its base step.
     *
     * @param sam a SAM step on whole batches (m = 0, no micro-batches, SAM's descent)
     * @param policy the decision, fresh (its state is this step's)
     */
    public static AdaptiveSamStep of(SharpnessAwareStep sam, AdaptivePolicy policy) {
        sam.requireWholeBatches("ae-sam", "decides once per batch");
        return new AdaptiveSamStep(sam, policy);
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
        return sam.wholeBatchStep(batch, seed, new WholeBatchVariant() {
            @Override
            public boolean takeSam(NDList cleanGradients, NDManager stepManager) {
                if (!policy.decide(Gradients.squaredNorm(cleanGradients))) {
                    return false;
                }
                samSteps++;
                return true;
            }
        });
    }

    /** Exports μ, σ² (as doubles) and t, then the perturbation's own state. */
    @Override
    public NDList exportState(NDManager manager) {
        NDList out = new NDList();
        out.add(named(manager.create(new double[] {policy.mean()}), MEAN));
        out.add(named(manager.create(new double[] {policy.variance()}), VARIANCE));
        StateArrays.putCounter(out, STEPS, policy.steps(), manager);
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
            } else if (!STEPS.equals(a.getName())) {
                own.add(a);
            }
        }
        Checks.checkArgument(mean != null && variance != null, "the ae-sam state lacks %s or %s", MEAN, VARIANCE);
        long steps = StateArrays.of(state).counter(STEPS);
        policy.restore(mean.toDoubleArray()[0], variance.toDoubleArray()[0], steps);
        sam.importState(own);
    }

    private static NDArray named(NDArray array, String name) {
        array.setName(name);
        return array;
    }
}
