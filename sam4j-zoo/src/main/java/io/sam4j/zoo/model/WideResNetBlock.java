package io.sam4j.zoo.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Pre-activation basic block "B(3,3)" of Wide ResNets (Zagoruyko &amp; Komodakis 2016, "Wide
 * Residual Networks", Sec. 2, Fig. 1d): BN-ReLU-conv3x3-BN-ReLU-dropout-conv3x3, plus a shortcut.
 *
 * <p>The shortcut is the identity when the shape is kept, otherwise a 1x1 convolution (with the
 * block's stride) applied to the pre-activated input, as in the authors' code; reusing the
 * pre-activation is why the first BN-ReLU sits before the branch point.
 */
final class WideResNetBlock extends AbstractBlock {

    private static final byte VERSION = 1;

    private final float dropout;
    private final Block bn1;
    private final Block conv1;
    private final Block bn2;
    private final Block conv2;
    private final Block projection;

    /**
     * @param inChannels channels of the input
     * @param outChannels channels of both convolutions and of the output
     * @param stride 1, or 2 to halve height and width
     * @param dropout rate between the convolutions, 0 for none
     */
    WideResNetBlock(int inChannels, int outChannels, int stride, float dropout) {
        super(VERSION);
        if (inChannels < 1 || outChannels < 1) {
            throw new IllegalArgumentException(
                    "channels must be positive, got in " + inChannels + ", out " + outChannels);
        }
        if (stride < 1) {
            throw new IllegalArgumentException("stride must be positive, got " + stride);
        }
        this.dropout = dropout;
        bn1 = addChildBlock("bn1", Layers.batchNorm());
        conv1 = addChildBlock("conv1", Layers.conv(outChannels, 3, stride));
        bn2 = addChildBlock("bn2", Layers.batchNorm());
        conv2 = addChildBlock("conv2", Layers.conv(outChannels, 3, 1));
        boolean keepsShape = inChannels == outChannels && stride == 1;
        projection = keepsShape ? null : addChildBlock("shortcut", Layers.conv(outChannels, 1, stride));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList normalized = bn1.forward(parameterStore, inputs, training, params);
        NDList preActivated = Activation.relu(normalized);
        Layers.release(normalized, inputs, preActivated);
        NDList convolved = conv1.forward(parameterStore, preActivated, training, params);
        NDList normalized2 = bn2.forward(parameterStore, convolved, training, params);
        Layers.release(convolved, inputs, preActivated);
        NDList residual = Activation.relu(normalized2);
        Layers.release(normalized2, inputs, preActivated, residual);
        if (dropout > 0f) {
            // A function call, not a child block, so parameter files do not depend on the rate.
            NDList dropped = new NDList(Dropout.dropout(residual.singletonOrThrow(), dropout, training));
            Layers.release(residual, inputs, preActivated, dropped);
            residual = dropped;
        }
        NDList branch = conv2.forward(parameterStore, residual, training, params);
        Layers.release(residual, inputs, preActivated, branch);
        NDList shortcut =
                projection == null ? inputs : projection.forward(parameterStore, preActivated, training, params);
        NDList out = new NDList(branch.singletonOrThrow().add(shortcut.singletonOrThrow()));
        Layers.release(branch, inputs);
        if (shortcut != inputs) {
            Layers.release(shortcut, inputs);
        }
        Layers.release(preActivated, inputs);
        return out;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        bn1.initialize(manager, dataType, inputShapes);
        conv1.initialize(manager, dataType, inputShapes);
        Shape[] afterConv1 = conv1.getOutputShapes(inputShapes);
        bn2.initialize(manager, dataType, afterConv1);
        conv2.initialize(manager, dataType, afterConv1);
        if (projection != null) {
            projection.initialize(manager, dataType, inputShapes);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return conv2.getOutputShapes(conv1.getOutputShapes(inputShapes));
    }
}
