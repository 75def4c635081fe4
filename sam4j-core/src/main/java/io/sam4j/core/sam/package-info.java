/**
 * Sharpness-Aware Minimization and its family as training-step strategies.
 *
 * <p>{@link io.sam4j.core.sam.SharpnessAwareStep} wraps any DJL {@link
 * ai.djl.training.optimizer.Optimizer} (composition, not inheritance, as optax's {@code
 * contrib.sam} wraps a base transformation): DJL's {@code Optimizer.update} sees one parameter at a
 * time and so cannot compute the global norm ‖g‖ that SAM needs. It exposes SAM's pieces to this
 * package ({@code SharpnessAwareStep.Pieces}: the clean pass, the ascent, the perturbed pass with
 * the weights restored, the descent and the update), with BatchNorm ({@code BatchNormMerge}),
 * m-sharpness ({@link io.sam4j.core.sam.MSharpness}) and micro-batches inside them, and its own
 * {@code step} is SAM's sequence of them, written once. {@code SamGroupPass} runs one pass.
 *
 * <p>Every other method is one class that calls those pieces from its own {@code step}, in the order
 * of its paper's algorithm, and exports its state with the SAM step's ({@code SamVariantStep}):
 * {@link io.sam4j.core.sam.LookSamStep} (LookSAM, Liu et al., CVPR 2022, with its orthogonal reuse),
 * {@link io.sam4j.core.sam.AeSamStep} (AE-SAM and AE-LookSAM, Jiang et al., ICLR 2023, with the
 * policy {@link io.sam4j.core.sam.AdaptivePolicy}), {@link io.sam4j.core.sam.EfficientSamStep} (ESAM,
 * Du et al., ICLR 2022), {@link io.sam4j.core.sam.GsamStep} (GSAM, Zhuang et al., ICLR 2022), {@link
 * io.sam4j.core.sam.MomentumSamStep} (Momentum-SAM, Becker et al., 2024), {@link
 * io.sam4j.core.sam.RandomizedSamStep} (RST) and {@link io.sam4j.core.sam.LateSamStep} (SAM late in
 * training). The last two mix whole SAM steps with {@link
 * io.sam4j.core.sam.SharpnessAwareStep#baseStep() base steps}.
 *
 * <p>Methods that differ from SAM only in the ascent direction are a {@link
 * io.sam4j.core.sam.Perturbation}: {@link io.sam4j.core.sam.Perturbation#sam() SAM} (Foret et al.,
 * ICLR 2021), {@link io.sam4j.core.sam.Perturbation#asam(float) ASAM} (Kwon et al., ICML 2021, with
 * {@link io.sam4j.core.sam.AsamScaling}), {@link io.sam4j.core.sam.Perturbation#normalizationOnly
 * SAM-ON} (Mueller et al., NeurIPS 2023) and {@link io.sam4j.core.sam.Perturbation#friendly
 * FriendlySAM} (Li et al., CVPR 2024).
 *
 * <p>{@link io.sam4j.core.sam.SamMethods} is the catalog of them all, declared once: names, {@link
 * io.sam4j.core.sam.SamParameter parameters}, cost in passes per step, papers and factories from
 * {@link io.sam4j.core.sam.StepSettings}.
 */
package io.sam4j.core.sam;
