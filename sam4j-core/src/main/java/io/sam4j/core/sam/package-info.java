/**
 * Sharpness-Aware Minimization as a training-step strategy.
 *
 * <p>{@link io.sam4j.core.sam.SharpnessAwareStep} wraps any DJL {@link
 * ai.djl.training.optimizer.Optimizer} (composition, not inheritance, as optax's {@code
 * contrib.sam} wraps a base transformation): DJL's {@code Optimizer.update} sees one parameter at a
 * time and so cannot compute the global norm ‖g‖ that SAM needs. The ascent direction is a {@link
 * io.sam4j.core.sam.Perturbation}: {@link io.sam4j.core.sam.Perturbation#sam() SAM} (Foret et al.,
 * ICLR 2021) or {@link io.sam4j.core.sam.Perturbation#asam(float) ASAM} (Kwon et al., ICML 2021).
 */
package io.sam4j.core.sam;
