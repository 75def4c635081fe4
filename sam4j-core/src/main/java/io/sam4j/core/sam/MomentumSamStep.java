package io.sam4j.core.sam;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import io.sam4j.core.optim.DelegatingOptimizer;
import io.sam4j.core.optim.MomentumSgd;
import io.sam4j.core.random.Seeds;
import io.sam4j.core.train.Batch;
import io.sam4j.core.train.BatchSource;
import io.sam4j.core.train.Gradients;
import io.sam4j.core.train.StepResult;
import io.sam4j.core.train.StepSeeds;
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
 * on w. During training BatchNorm statistics come from that one, perturbed, pass, as in the official
 * code. A step with ρ = 0 is the base optimizer's, bitwise. The step's reported loss is the loss at
 * w + ε, its one pass. The base optimizer must be {@link MomentumSgd} with μ &gt; 0; the buffer is its
 * state, so a checkpoint holds everything and the step keeps none of its own.
 *
 * <p><b>BatchNorm recalibration</b> (on by default, {@link #finishTraining}): the official code ends
 * training with one more epoch of forward passes over the training loader in training mode, at the
 * unperturbed weights and without gradients ({@code MarlonBecker/MSAM}, {@code main.py} lines 140–155,
 * after {@code move_back_from_momentumAscent} at line 123), so that the running statistics describe w
 * rather than the perturbed points of training. The statistics are not reset: each batch updates them
 * with the layer's own momentum (PyTorch's default 0.1, DJL's 0.9 for the running value), starting
 * from those training left. Here the extra epoch runs over the last epoch's batches again (the
 * authors' sampler is not moved on, so it repeats the last epoch's order) before the final evaluation
 * and checkpoint. A model without BatchNorm skips it, as the authors skip their ViT.
 */
public final class MomentumSamStep extends SamVariantStep {

    private final MomentumSgd optimizer;
    private final boolean recalibrateBatchNorm;

    private MomentumSamStep(SharpnessAwareStep sam, MomentumSgd optimizer, boolean recalibrateBatchNorm) {
        super(sam);
        this.optimizer = optimizer;
        this.recalibrateBatchNorm = recalibrateBatchNorm;
    }

    /**
     * Perturbs along the momentum of {@code sam}'s optimizer, by {@code sam}'s ρ, and recalibrates
     * BatchNorm statistics after training.
     *
     * @see #of(SharpnessAwareStep, boolean)
     */
    public static MomentumSamStep of(SharpnessAwareStep sam) {
        return of(sam, true);
    }

    /**
     * Perturbs along the momentum of {@code sam}'s optimizer, by {@code sam}'s ρ.
     *
     * @param sam the settings (pass, optimizer, ρ, weight decay, clipping) on whole batches
     * @param recalibrateBatchNorm whether {@link #finishTraining} recomputes BatchNorm statistics at w
     * @throws IllegalArgumentException if the optimizer is not momentum SGD with μ &gt; 0
     */
    public static MomentumSamStep of(SharpnessAwareStep sam, boolean recalibrateBatchNorm) {
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
        return new MomentumSamStep(sam, (MomentumSgd) optimizer, recalibrateBatchNorm);
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

    /** Returns whether the step recalibrates BatchNorm statistics after training. */
    public boolean recalibratesBatchNorm() {
        return recalibrateBatchNorm;
    }

    /**
     * Recalibrates the BatchNorm running statistics at w, the authors' last epoch: a forward pass in
     * training mode on each batch of the last epoch, in order, each with an engine seed of its own (for
     * dropout). Nothing without BatchNorm or with the recalibration off.
     */
    @Override
    public void finishTraining(BatchSource trainData, Seeds seeds, int epochs) {
        if (!recalibrateBatchNorm || sam.pass().parameters().state().isEmpty()) {
            return;
        }
        try (NDManager manager = sam.manager().newSubManager();
                BatchSource.Stream batches = trainData.open(epochs - 1, seeds)) {
            for (long i = 0; batches.hasNext(); i++) {
                long engineSeed = new StepSeeds(seeds.of(Seeds.Stream.STEP, epochs, i)).engineSeed(0);
                sam.pass().forward(batches.next(), engineSeed, manager);
            }
        }
    }
}
