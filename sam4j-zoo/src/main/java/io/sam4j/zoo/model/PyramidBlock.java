package io.sam4j.zoo.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A PyramidNet residual block (Han, Kim &amp; Kim 2017, "Deep Pyramidal Residual Networks", Fig. 6
 * (d) and Sec. 3), optionally with ShakeDrop (Yamada, Iwamura, Akiba &amp; Kise 2018):
 *
 * <pre>
 *   basic:      bn1-conv1 3x3-bn2-relu-conv2 3x3-bn3
 *   bottleneck: bn1-conv1 1x1-bn2-relu-conv2 3x3-bn3-relu-conv3 1x1 (4x channels)-bn4
 * </pre>
 *
 * The first convolution with 3x3 kernel carries the stride. The shortcut has no parameters: the
 * input, average-pooled 2x2 when the block strides, with zero channels appended up to the branch's
 * width. With ShakeDrop the branch goes through {@link Shake#shakeDrop} before the addition.
 */
final class PyramidBlock extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int stride;
    private final float dropProbability;
    private final Block[] norms;
    private final Block[] convs;

    /**
     * @param planes width of the 3x3 convolution (output: planes, or 4 * planes for a bottleneck)
     * @param stride 1 or 2
     * @param bottleneck bottleneck rather than basic block
     * @param dropProbability ShakeDrop's probability of perturbing the branch, or a negative value
     *     for no ShakeDrop
     */
    PyramidBlock(int planes, int stride, boolean bottleneck, float dropProbability) {
        super(VERSION);
        if (planes < 1 || stride < 1 || dropProbability >= 1f) {
            throw new IllegalArgumentException("need positive planes and stride and a drop probability below 1, got "
                    + planes + ", " + stride + ", " + dropProbability);
        }
        this.stride = stride;
        this.dropProbability = dropProbability;
        int layers = bottleneck ? 3 : 2;
        convs = new Block[layers];
        norms = new Block[layers + 1];
        norms[0] = addChildBlock("bn1", Layers.batchNorm());
        for (int i = 0; i < layers; i++) {
            int kernel = bottleneck && i != 1 ? 1 : 3;
            int filters = bottleneck && i == 2 ? planes * 4 : planes;
            int convStride = (bottleneck ? i == 1 : i == 0) ? stride : 1;
            convs[i] = addChildBlock("conv" + (i + 1), Layers.conv(filters, kernel, convStride));
            norms[i + 1] = addChildBlock("bn" + (i + 2), Layers.batchNorm());
        }
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList x = norms[0].forward(parameterStore, inputs, training, params);
        for (int i = 0; i < convs.length; i++) {
            NDList convolved = convs[i].forward(parameterStore, x, training, params);
            Layers.release(x, inputs);
            NDList normalized = norms[i + 1].forward(parameterStore, convolved, training, params);
            Layers.release(convolved, inputs);
            if (i < convs.length - 1) {
                x = Activation.relu(normalized);
                Layers.release(normalized, inputs, x);
            } else {
                x = normalized;
            }
        }
        NDArray branch = x.singletonOrThrow();
        if (dropProbability >= 0f) {
            NDArray shaken = Shake.shakeDrop(branch, dropProbability, training);
            branch.close();
            branch = shaken;
        }
        NDArray input = inputs.singletonOrThrow();
        NDArray shortcut = stride == 1
                ? input
                : Pool.avgPool2d(
                        input, new Shape(stride, stride), new Shape(stride, stride), new Shape(0, 0), true, true);
        long extra = branch.getShape().get(1) - shortcut.getShape().get(1);
        if (extra < 0) {
            throw new IllegalStateException(
                    "a PyramidNet block cannot narrow " + shortcut.getShape().get(1) + " channels to "
                            + branch.getShape().get(1));
        }
        if (extra > 0) {
            // Zero channels appended after the input's (torch pad order: W, H, then C).
            NDArray padded = shortcut.pad(new Shape(0, 0, 0, 0, 0, extra), 0);
            if (shortcut != input) {
                shortcut.close();
            }
            shortcut = padded;
        }
        NDArray out = branch.addi(shortcut);
        if (shortcut != input) {
            shortcut.close();
        }
        return new NDList(out);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        norms[0].initialize(manager, dataType, inputShapes);
        Shape[] shapes = inputShapes;
        for (int i = 0; i < convs.length; i++) {
            convs[i].initialize(manager, dataType, shapes);
            shapes = convs[i].getOutputShapes(shapes);
            norms[i + 1].initialize(manager, dataType, shapes);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] shapes = inputShapes;
        for (Block conv : convs) {
            shapes = conv.getOutputShapes(shapes);
        }
        return shapes;
    }
}
