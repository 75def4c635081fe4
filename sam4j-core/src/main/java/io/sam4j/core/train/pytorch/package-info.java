/**
 * The one place in {@code sam4j-core} that calls the PyTorch engine's internals: zeroing a gradient in
 * place ({@code JniUtils.zeroGrad}), which DJL's API does not expose.
 *
 * <p>Why engine-specific: PyTorch accumulates into {@code .grad}, and DJL's {@code getGradient()} shares
 * that storage, so SAM must zero it between its two backward passes; the only engine-neutral way,
 * {@code g - g}, is a full arithmetic pass and keeps a NaN. {@link
 * io.sam4j.core.train.Gradients} asks {@link io.sam4j.core.train.pytorch.PyTorchGradients#owns} first
 * and falls back to {@code g - g} on other engines, so the module runs on {@code ai.djl:api} alone; it
 * compiles against {@code pytorch-engine} in {@code provided} scope, which users do not inherit. The
 * architecture test allows {@code ai.djl.pytorch} imports only in packages named {@code pytorch}.
 */
package io.sam4j.core.train.pytorch;
