/**
 * The curvature of a trained model's loss: Hessian-vector products by double backward (and, as an
 * independent check, by finite differences of gradients), the top eigenvalues by Lanczos (power
 * iteration with deflation when the Lanczos basis would not fit), the smallest by Lanczos, the trace by Hutchinson's estimator and the spectral
 * density by stochastic Lanczos quadrature.
 *
 * <p>The solvers see the Hessian as a {@link io.sam4j.analysis.hessian.SymmetricOperator}; {@link
 * io.sam4j.analysis.hessian.EvalLoss#openHessian()} gives the fast one, a {@link
 * io.sam4j.analysis.hessian.HessianOperator} that keeps each batch's gradient graph between
 * products as far as a memory budget allows.
 *
 * <p>Everything here works on a DJL {@code Block}, its {@code ModelParameters}, a loss and a fixed
 * list of heap batches, so it applies to any model sam4j-core can train, images or not. Vectors of
 * parameter space are flat {@code float[]} arrays on the Java heap (4 bytes per trainable
 * parameter each), in the block's parameter order; sums and dot products accumulate in double.
 */
package io.sam4j.analysis.hessian;
