package io.sam4j.core.sam;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import io.sam4j.core.optim.DelegatingOptimizer;
import io.sam4j.core.optim.MomentumSgd;
import io.sam4j.core.train.Batch;
import io.sam4j.core.train.Gradients;
import io.sam4j.core.train.StepResult;
import io.sam4j.core.util.Checks;
import java.util.List;

/**
 * Momentum-SAM, MSAM (Becker, Altrock, Risse, "Momentum-SAM: Sharpness Aware Minimization
 * without Computational Overhead", arXiv:2401.12033, 2024): the perturbation follows the base
 * optimizer's momentum buffer instead of a second gradient, so a step costs one pass.
 *
 * <pre>
 *   b = the momentum buffer before this step (PyTorch convention: the update is w ← w − η·b)
 *   ε = −ρ·b / (‖b‖₂ + 1e-12)          (0 before the first update)
 *   g = ∇L(w + ε)                       the step's one pass; weights restored bitwise
 *   w ← Optimizer(w, clip(g))           b ← μb + g (+ λw),  w ← w − η·b
 * </pre>
 *
 * ε points along the last update, w_t − w_{t−1} = −η·b. The official code keeps the weights stored
 * at w + ε between steps; here they stay at w (evaluations and checkpoints see w), which is the same
 * trajectory. An in-loss weight decay is taken at w + ε, as in SAM; the optimizer's own decay acts
 * on w. BatchNorm statistics come from that one, perturbed, pass, as in the official code. ρ = 0 is
 * the base optimizer, bitwise. The step's reported loss is the loss at w + ε, its one pass. The base
 * optimizer must be {@link MomentumSgd} with μ &gt; 0; the
 * buffer is its state, so a checkpoint holds everything and the step keeps none of its own.
 */
public final class MomentumSamStep extends SamVariantStep {

    private final MomentumSgd optimizer;

    private MomentumSamStep(SharpnessAwareStep sam, MomentumSgd optimizer) {
        super(sam);
        this.optimizer = optimizer;
    }

    /**
     * Perturbs along the momentum of {@code sam}'s optimizer, by {@code sam}'s ρ.
     *
     * @param sam the settings (pass, optimizer, ρ, weight decay, clipping) on whole batches
     * @throws IllegalArgumentException if the optimizer is not momentum SGD with μ &gt; 0
     */
    public static MomentumSamStep of(SharpnessAwareStep sam) {
        Optimizer optimizer = DelegatingOptimizer.stateOf(sam.optimizer());
        Checks.checkArgument(
                optimizer instanceof MomentumSgd m && m.momentum() > 0,
                "msam perturbs along the momentum buffer, and the base optimizer %s has none: use sgd with"
                        + " momentum > 0",
                optimizer == null
                        ? "(not known: give SamTrain the trainer's optimizer with optOptimizer)"
                        : optimizer instanceof MomentumSgd
                                ? "sgd with momentum 0"
                                : optimizer.getClass().getSimpleName());
        sam.requireWholeBatches("msam", "makes one pass on the whole batch");
        return new MomentumSamStep(sam, (MomentumSgd) optimizer);
    }

    @Override
    public StepResult step(Batch batch, long seed) {
        List<Parameter> trainable = sam.pass().parameters().trainable();
        try (SharpnessAwareStep.Pieces step = sam.begin(batch, seed)) {
            step.keepEveryPassStatistics(); // the official code's one pass updates them
            NDList buffers = new NDList(trainable.size());
            for (Parameter p : trainable) {
                NDArray buffer = optimizer.momentumBuffer(p.getId());
                if (buffer == null) { // before the first update
                    buffers = null;
                    break;
                }
                buffers.add(buffer);
            }
            if (buffers == null || sam.rho() == 0) {
                NDList g = step.clean();
                return step.update(g, Gradients.norm(g), 0);
            }
            NDList epsilon = step.copy(buffers);
            double norm = Gradients.norm(epsilon);
            Gradients.scaleInPlace(epsilon, (float) (-sam.rho() / (norm + SamPerturbation.NORM_EPSILON)));
            double epsilonNorm = Gradients.norm(epsilon);
            NDList g = step.perturbedAt(epsilon);
            return step.update(g, Gradients.norm(g), epsilonNorm);
        }
    }
}
