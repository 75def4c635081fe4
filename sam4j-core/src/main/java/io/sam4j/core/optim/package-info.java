/**
 * Base optimizers in PyTorch's conventions, as DJL {@link ai.djl.training.optimizer.Optimizer}s
 * whose state can be checkpointed.
 *
 * <p>DJL's own {@code Sgd} keeps MXNet's momentum convention ({@code v ← μv − ηg; w ← w + v}),
 * which differs from PyTorch's ({@code b ← μb + g; w ← w − ηb}) as soon as the learning rate
 * changes, and hides its state. The optimizers here follow {@code torch.optim} step for step, so
 * hyperparameters from PyTorch code carry over, and expose their state through {@link
 * io.sam4j.core.optim.StatefulOptimizer} for exact resume.
 */
package io.sam4j.core.optim;
