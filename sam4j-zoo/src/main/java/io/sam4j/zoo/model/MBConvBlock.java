package io.sam4j.zoo.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.function.Supplier;

/**
 * EfficientNet's mobile inverted bottleneck (Sandler et al. 2018, "MobileNetV2"; Tan &amp; Le 2019,
 * "EfficientNet"), laid out as torchvision's {@code MBConv}: a child {@code block} holding
 *
 * <pre>
 *   [expand 1x1 conv-BN-SiLU to in*ratio channels, when ratio != 1]
 *   depthwise kxk conv (stride s)-BN-SiLU
 *   squeeze-and-excitation to max(1, in / 4) channels
 *   project 1x1 conv-BN (no activation)
 * </pre>
 *
 * numbered {@code 0, 1, ...} in that order, plus the input when the stride is 1 and the channels
 * match, after stochastic depth on the branch.
 */
final class MBConvBlock extends AbstractBlock {

    private static final byte VERSION = 1;

    private final NamedSequentialBlock block;
    private final boolean residual;
    private final float dropProbability;

    /**
     * @param in input channels
     * @param out output channels
     * @param expandRatio channel expansion of the hidden layer, 1 or more
     * @param kernel depthwise kernel size (3 or 5)
     * @param stride 1 or 2
     * @param dropProbability stochastic-depth rate of this block, in [0, 1)
     * @param norm makes the BatchNorm layers
     * @param tfSame whether the convolutions pad as TensorFlow's "SAME" rather than symmetrically
     */
    MBConvBlock(
            int in,
            int out,
            int expandRatio,
            int kernel,
            int stride,
            float dropProbability,
            Supplier<FreezableBatchNorm> norm,
            boolean tfSame) {
        super(VERSION);
        if (in < 1 || out < 1 || expandRatio < 1 || kernel < 1 || stride < 1) {
            throw new IllegalArgumentException("MBConv needs positive sizes, got in " + in + ", out " + out
                    + ", expansion " + expandRatio + ", kernel " + kernel + ", stride " + stride);
        }
        if (!(dropProbability >= 0f && dropProbability < 1f)) {
            throw new IllegalArgumentException("stochastic-depth rate must be in [0, 1), got " + dropProbability);
        }
        int hidden = in * expandRatio;
        NamedSequentialBlock layers = new NamedSequentialBlock();
        int index = 0;
        if (expandRatio != 1) {
            layers.add(
                    String.valueOf(index++),
                    EfficientNetLayers.convNormActivation(hidden, 1, 1, 1, norm, true, tfSame));
        }
        layers.add(
                String.valueOf(index++),
                EfficientNetLayers.convNormActivation(hidden, kernel, stride, hidden, norm, true, tfSame));
        layers.add(String.valueOf(index++), new SqueezeExcitation(hidden, Math.max(1, in / 4)));
        layers.add(String.valueOf(index), EfficientNetLayers.convNormActivation(out, 1, 1, 1, norm, false, tfSame));
        this.block = addChildBlock("block", layers);
        this.residual = stride == 1 && in == out;
        this.dropProbability = dropProbability;
    }

    /** Returns whether the input is added to the output (stride 1, same channels). */
    boolean isResidual() {
        return residual;
    }

    /** Returns this block's stochastic-depth rate. */
    float dropProbability() {
        return dropProbability;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray branch = block.forward(parameterStore, inputs, training, params).singletonOrThrow();
        if (!residual) {
            return new NDList(branch);
        }
        NDArray dropped = EfficientNetLayers.stochasticDepth(branch, dropProbability, training);
        return new NDList(dropped.add(inputs.singletonOrThrow()));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        block.initialize(manager, dataType, inputShapes);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return block.getOutputShapes(inputShapes);
    }
}
