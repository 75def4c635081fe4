package io.sam4j.core.train;

/**
 * What one training step measured on its clean (unperturbed) pass.
 *
 * @param loss the mean loss of the batch at the weights before the update
 * @param correct the number of correctly classified examples
 * @param size the batch size
 * @param gradientNorm ‖g‖₂ of the clean gradient (mean over m-sharpness groups)
 * @param epsilonNorm ‖ε‖₂ of SAM's ascent step (mean over groups); 0 without SAM
 */
public record StepResult(float loss, int correct, int size, double gradientNorm, double epsilonNorm) {}
