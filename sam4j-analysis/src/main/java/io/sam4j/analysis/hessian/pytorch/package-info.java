/**
 * The one part of the Hessian analysis that needs the PyTorch engine's internals: double backward
 * through {@code torch.autograd.grad}.
 *
 * <p>Why engine-specific: DJL's API offers only {@code backward(create_graph=true)}, which stores the
 * first gradient with its graph in the variables' {@code .grad} and so leaks a reference cycle per
 * product (see {@link io.sam4j.analysis.hessian.pytorch.DoubleBackward}). Returning the gradient
 * instead needs TorchScript modules run through the engine's {@code JniUtils} and {@code IValueUtils}.
 * Everything else in {@code sam4j-analysis} is written against {@code ai.djl:api}; this package is the
 * reason the module compiles against {@code pytorch-engine} ({@code provided} scope: the application
 * supplies the engine at run time, as DJL's documentation recommends). The architecture test allows
 * {@code ai.djl.pytorch} imports only in packages named {@code pytorch}.
 */
package io.sam4j.analysis.hessian.pytorch;
