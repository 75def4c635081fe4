package io.sam4j.core.train;

/**
 * Marks a {@link ai.djl.training.ParameterStore} whose forward pass will be differentiated twice, as
 * for Hessian-vector products by double backward.
 *
 * <p>A block handed such a store may compute the same output by another formula whose graph is
 * cheaper to differentiate twice. PyTorch's fused kernels are the fastest way through one forward
 * and one backward pass, but their own derivatives can be slow: evaluation-mode BatchNorm's double
 * backward, for one, is a long chain of full-size operations, about twice the cost of that of the
 * per-channel affine map it computes. The values must be the same up to float rounding.
 */
public interface TwiceDifferentiated {}
