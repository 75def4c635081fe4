/**
 * sam4j core: Sharpness-Aware Minimization (Foret et al., ICLR 2021) as a training-step strategy
 * over any DJL {@link ai.djl.training.optimizer.Optimizer}.
 *
 * <p>Sub-packages: {@code sam} (SAM and its variants, listed by {@code SamMethods}), {@code train} (the step contract, the
 * epoch loop and its listeners), {@code optim} (PyTorch-convention optimizers with checkpointable
 * state), {@code schedule} (learning-rate schedules), {@code loss}, {@code checkpoint} and {@code
 * random} (one seed, split per consumer).
 */
package io.sam4j.core;
