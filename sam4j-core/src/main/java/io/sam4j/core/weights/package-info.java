/**
 * Weight exchange with other software: model parameters and BatchNorm statistics under
 * PyTorch-style names, in the safetensors and NumPy {@code .npz} formats, and the Flax msgpack
 * checkpoints of the SAM paper's official code ({@link io.sam4j.core.weights.FlaxCheckpoint}, mapped
 * to torchvision's EfficientNet names by {@link io.sam4j.core.weights.FlaxEfficientNet}).
 *
 * <p>{@link io.sam4j.core.weights.TorchNames} names a block's parameters the way PyTorch's {@code
 * state_dict()} would ({@code layer1.0.conv1.weight}, {@code bn1.running_mean}); {@link
 * io.sam4j.core.weights.ModelWeights} exports a block to {@link io.sam4j.core.weights.NamedTensor}s
 * and loads them back; {@link io.sam4j.core.weights.SafeTensors} and {@link
 * io.sam4j.core.weights.Npz} read and write the files.
 */
package io.sam4j.core.weights;
