/**
 * sam4j core: Sharpness-Aware Minimization (Foret et al., ICLR 2021) as a training-step strategy
 * over any DJL {@link ai.djl.training.optimizer.Optimizer}.
 *
 * <p>Sub-packages: {@code sam} (SAM and its variants, listed by {@code SamMethods}), {@code train} (the step contract, the
 * epoch loop and its listeners), {@code optim} (PyTorch-convention optimizers with checkpointable
 * state), {@code schedule} (learning-rate schedules), {@code loss}, {@code checkpoint}, {@code
 * random} (one seed, split per consumer) and {@code run} (the run-directory format that the CLI and
 * analysis write and the report reads).
 *
 * <p>Core depends on DJL's API, not on an engine: the one call into PyTorch's internals is isolated in
 * {@code train.pytorch}. It imports no other sam4j module (docs/architecture.md; ArchitectureTest and
 * the POMs' enforcer rules check it).
 */
package io.sam4j.core;
