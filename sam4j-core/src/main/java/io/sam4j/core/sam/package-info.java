/**
 * Sharpness-Aware Minimization and its family as training-step strategies.
 *
 * <p>{@link io.sam4j.core.sam.SharpnessAwareStep} wraps any DJL {@link
 * ai.djl.training.optimizer.Optimizer} (composition, not inheritance, as optax's {@code
 * contrib.sam} wraps a base transformation): DJL's {@code Optimizer.update} sees one parameter at a
 * time and so cannot compute the global norm ‖g‖ that SAM needs. It is made of small pieces that the
 * variants share: {@link io.sam4j.core.sam.MSharpness} (m-sharpness groups and their size weights,
 * also used by sam4j-analysis's sharpness), {@code SamGroupPass} (a group's clean and perturbed
 * passes), {@code BatchNormMerge} (statistics from clean passes only) and {@code GroupDescent} (SAM's
 * or GSAM's descent direction). The variants that work on whole batches run its {@code
 * wholeBatchStep} and state only where they differ ({@code WholeBatchVariant}); LookSAM's reuse is
 * {@code OrthogonalReuse}, shared with AE-LookSAM.
 *
 * <p>The ascent direction is a {@link io.sam4j.core.sam.Perturbation}: {@link
 * io.sam4j.core.sam.Perturbation#sam() SAM} (Foret et al., ICLR 2021), {@link
 * io.sam4j.core.sam.Perturbation#asam(float) ASAM} (Kwon et al., ICML 2021, with {@link
 * io.sam4j.core.sam.AsamScaling}), {@link io.sam4j.core.sam.Perturbation#normalizationOnly SAM-ON}
 * (Mueller et al., NeurIPS 2023) and {@link io.sam4j.core.sam.Perturbation#friendly FriendlySAM}
 * (Li et al., CVPR 2024). Steps built on the SAM step: {@link io.sam4j.core.sam.RandomizedSamStep}
 * (RST), {@link io.sam4j.core.sam.LookSamStep} (LookSAM), {@link io.sam4j.core.sam.LateSamStep}
 * (SAM late in training), {@link io.sam4j.core.sam.AdaptiveSamStep} (AE-SAM and AE-LookSAM, Jiang et
 * al., ICLR 2023, with {@link io.sam4j.core.sam.AdaptivePolicy}), {@link
 * io.sam4j.core.sam.EfficientSamStep} (ESAM, Du et al., ICLR 2022), {@link
 * io.sam4j.core.sam.MomentumSamStep} (Momentum-SAM), and GSAM through {@link
 * io.sam4j.core.sam.SharpnessAwareStep.Builder#optSurrogateGap}.
 *
 * <p>{@link io.sam4j.core.sam.SamMethods} is the catalog of them all, declared once: names, {@link
 * io.sam4j.core.sam.SamParameter parameters}, cost in passes per step, papers and factories from
 * {@link io.sam4j.core.sam.StepSettings}.
 */
package io.sam4j.core.sam;
