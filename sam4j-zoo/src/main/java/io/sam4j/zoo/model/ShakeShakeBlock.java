package io.sam4j.zoo.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A residual block of Shake-Shake (Gastaldi 2017, "Shake-Shake regularization", Sec. 2): two
 * branches ReLU-conv3x3-BN-ReLU-conv3x3-BN mixed by {@link Shake#shakeShake}, plus a shortcut.
 *
 * <p>The shortcut is the identity when the shape is kept. Otherwise it is the paper's two-path
 * projection: ReLU, then one path subsamples by the stride (a 1x1 average pool) and the other does
 * the same on the input shifted by one pixel, each path a 1x1 convolution to half the output
 * channels; the halves are concatenated and batch-normalized.
 */
final class ShakeShakeBlock extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int stride;
    private final Block branch1;
    private final Block branch2;
    private final Block shortcutConv1;
    private final Block shortcutConv2;
    private final Block shortcutNorm;

    /**
     * @param inChannels input channels
     * @param outChannels output channels, even
     * @param stride 1 or 2
     */
    ShakeShakeBlock(int inChannels, int outChannels, int stride) {
        super(VERSION);
        if (inChannels < 1 || outChannels < 2 || outChannels % 2 != 0 || stride < 1) {
            throw new IllegalArgumentException("need positive channels, an even output width and a positive stride,"
                    + " got in " + inChannels + ", out " + outChannels + ", stride " + stride);
        }
        this.stride = stride;
        branch1 = addChildBlock("branch1", branch(outChannels, stride));
        branch2 = addChildBlock("branch2", branch(outChannels, stride));
        if (inChannels != outChannels || stride != 1) {
            NamedSequentialBlock shortcut = new NamedSequentialBlock()
                    .add("conv1", Layers.conv(outChannels / 2, 1, 1))
                    .add("conv2", Layers.conv(outChannels / 2, 1, 1))
                    .add("bn", Layers.batchNorm());
            addChildBlock("shortcut", shortcut);
            shortcutConv1 = shortcut.getChildren().get(0).getValue();
            shortcutConv2 = shortcut.getChildren().get(1).getValue();
            shortcutNorm = shortcut.getChildren().get(2).getValue();
        } else {
            shortcutConv1 = null;
            shortcutConv2 = null;
            shortcutNorm = null;
        }
    }

    private static Block branch(int channels, int stride) {
        return new NamedSequentialBlock()
                .add("relu1", Layers.relu())
                .add("conv1", Layers.conv(channels, 3, stride))
                .add("bn1", Layers.batchNorm())
                .add("relu2", Layers.relu())
                .add("conv2", Layers.conv(channels, 3, 1))
                .add("bn2", Layers.batchNorm());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray a = branch1.forward(parameterStore, inputs, training, params).singletonOrThrow();
        NDArray b = branch2.forward(parameterStore, inputs, training, params).singletonOrThrow();
        NDArray mixed = Shake.shakeShake(a, b, training);
        NDArray shortcut = shortcutConv1 == null
                ? inputs.singletonOrThrow()
                : projection(parameterStore, inputs.singletonOrThrow(), training, params);
        return new NDList(mixed.addi(shortcut));
    }

    private NDArray projection(ParameterStore store, NDArray x, boolean training, PairList<String, Object> params) {
        NDArray activated = Activation.relu(x);
        NDArray path1 = subsample(activated);
        // The second path sees the input shifted by one pixel (zero-filled at the far edges), so the
        // two paths together cover the positions a strided 1x1 subsampling skips.
        NDArray shifted = activated.get(new NDIndex(":, :, 1:, 1:")).pad(new Shape(0, 1, 0, 1), 0);
        NDArray path2 = subsample(shifted);
        NDArray y1 = shortcutConv1
                .forward(store, new NDList(path1), training, params)
                .singletonOrThrow();
        NDArray y2 = shortcutConv2
                .forward(store, new NDList(path2), training, params)
                .singletonOrThrow();
        return shortcutNorm
                .forward(store, new NDList(y1.concat(y2, 1)), training, params)
                .singletonOrThrow();
    }

    private NDArray subsample(NDArray x) {
        return stride == 1 ? x : x.get(new NDIndex(":, :, ::{}, ::{}", stride, stride));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        branch1.initialize(manager, dataType, inputShapes);
        branch2.initialize(manager, dataType, inputShapes);
        if (shortcutConv1 != null) {
            Shape in = inputShapes[0];
            Shape sub = new Shape(
                    in.get(0), in.get(1), (in.get(2) + stride - 1) / stride, (in.get(3) + stride - 1) / stride);
            shortcutConv1.initialize(manager, dataType, sub);
            shortcutConv2.initialize(manager, dataType, sub);
            Shape half = shortcutConv1.getOutputShapes(new Shape[] {sub})[0];
            shortcutNorm.initialize(
                    manager, dataType, new Shape(half.get(0), 2 * half.get(1), half.get(2), half.get(3)));
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return branch1.getOutputShapes(inputShapes);
    }
}
