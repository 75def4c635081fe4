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
 * Basic residual block of the CIFAR ResNets (He et al. 2016, "Deep Residual Learning for Image
 * Recognition", Sec. 3.3 and 4.2): relu(bn2(conv2(relu(bn1(conv1(x))))) + shortcut(x)).
 *
 * <p>The shortcut is option A of the paper: the identity, and where the block halves the resolution
 * and widens the channels, the input subsampled by the stride and zero-padded in the channel
 * dimension. It has no parameters, which is what makes ResNet-20 0.27M parameters.
 */
final class CifarResNetBasicBlock extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int outChannels;
    private final int stride;
    private final Block conv1;
    private final Block bn1;
    private final Block conv2;
    private final Block bn2;

    /**
     * @param outChannels channels of both convolutions and of the output
     * @param stride 1, or 2 to halve height and width
     */
    CifarResNetBasicBlock(int outChannels, int stride) {
        super(VERSION);
        if (outChannels < 1) {
            throw new IllegalArgumentException("outChannels must be positive, got " + outChannels);
        }
        if (stride < 1) {
            throw new IllegalArgumentException("stride must be positive, got " + stride);
        }
        this.outChannels = outChannels;
        this.stride = stride;
        conv1 = addChildBlock("conv1", Layers.conv(outChannels, 3, stride));
        bn1 = addChildBlock("bn1", Layers.batchNorm());
        conv2 = addChildBlock("conv2", Layers.conv(outChannels, 3, 1));
        bn2 = addChildBlock("bn2", Layers.batchNorm());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList convolved = conv1.forward(parameterStore, inputs, training, params);
        NDList normalized = bn1.forward(parameterStore, convolved, training, params);
        Layers.release(convolved, inputs);
        NDList activated = Activation.relu(normalized);
        Layers.release(normalized, inputs, activated);
        NDList convolved2 = conv2.forward(parameterStore, activated, training, params);
        Layers.release(activated, inputs);
        NDList branch = bn2.forward(parameterStore, convolved2, training, params);
        Layers.release(convolved2, inputs);
        NDArray shortcut = shortcut(inputs.singletonOrThrow());
        NDArray sum = branch.singletonOrThrow().add(shortcut);
        Layers.release(branch, inputs);
        if (shortcut != inputs.singletonOrThrow()) {
            shortcut.close();
        }
        NDList out = new NDList(Activation.relu(sum));
        sum.close();
        return out;
    }

    private NDArray shortcut(NDArray x) {
        long inChannels = x.getShape().get(1);
        if (stride == 1 && inChannels == outChannels) {
            return x;
        }
        NDArray subsampled = stride == 1 ? x : x.get(new NDIndex(":, :, ::{}, ::{}", stride, stride));
        long extra = outChannels - inChannels;
        // Split the zero channels evenly on both sides, as the widely used CIFAR reference
        // (akamaster/pytorch_resnet_cifar10) does; channels are interchangeable, so the
        // placement does not change the function class.
        long before = extra / 2;
        // torch pad order: last dimension first, (W left, W right, H top, H bottom, C front, C
        // back)
        return subsampled.pad(new Shape(0, 0, 0, 0, before, extra - before), 0);
    }

    @Override
    protected void beforeInitialize(Shape... inputShapes) {
        super.beforeInitialize(inputShapes);
        long inChannels = inputShapes[0].get(1);
        if (inChannels > outChannels) {
            throw new IllegalArgumentException("an option-A shortcut can only add channels, got "
                    + inChannels
                    + " in and "
                    + outChannels
                    + " out");
        }
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        conv1.initialize(manager, dataType, inputShapes);
        Shape[] afterConv1 = conv1.getOutputShapes(inputShapes);
        bn1.initialize(manager, dataType, afterConv1);
        conv2.initialize(manager, dataType, afterConv1);
        bn2.initialize(manager, dataType, conv2.getOutputShapes(afterConv1));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return conv2.getOutputShapes(conv1.getOutputShapes(inputShapes));
    }
}
