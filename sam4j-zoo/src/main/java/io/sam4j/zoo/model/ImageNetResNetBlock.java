package io.sam4j.zoo.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The residual blocks of the ImageNet ResNets (He et al. 2016, "Deep Residual Learning for Image
 * Recognition", Table 1), laid out as torchvision's {@code BasicBlock} and {@code Bottleneck}:
 *
 * <pre>
 *   basic:      relu(bn2(conv2(relu(bn1(conv1(x))))) + shortcut(x))                 conv1, conv2 3x3
 *   bottleneck: relu(bn3(conv3(relu(bn2(conv2(relu(bn1(conv1(x)))))))) + shortcut(x))
 *               conv1 1x1, conv2 3x3 (carries the stride, "ResNet v1.5"), conv3 1x1 with 4x channels
 * </pre>
 *
 * The shortcut is the identity, or {@code downsample} = 1x1 convolution with the stride and a
 * BatchNorm (option B) when the shape changes. Children are named as torchvision's submodules so
 * that exported parameters carry torchvision's state-dict keys.
 */
final class ImageNetResNetBlock extends AbstractBlock {

    private static final byte VERSION = 1;
    static final int BOTTLENECK_EXPANSION = 4;

    private final Block[] convs;
    private final Block[] norms;
    private final Block downsample;

    /**
     * @param inChannels channels of the input
     * @param planes width of the block (output is planes, or 4 * planes for a bottleneck)
     * @param stride 1, or 2 to halve height and width
     * @param bottleneck whether to build a bottleneck rather than a basic block
     */
    ImageNetResNetBlock(int inChannels, int planes, int stride, boolean bottleneck) {
        super(VERSION);
        if (inChannels < 1 || planes < 1 || stride < 1) {
            throw new IllegalArgumentException("channels and stride must be positive, got in " + inChannels
                    + ", planes " + planes + ", stride " + stride);
        }
        int out = bottleneck ? planes * BOTTLENECK_EXPANSION : planes;
        int layers = bottleneck ? 3 : 2;
        convs = new Block[layers];
        norms = new Block[layers];
        for (int i = 0; i < layers; i++) {
            int kernel = bottleneck && i != 1 ? 1 : 3;
            int filters = i == layers - 1 ? out : planes;
            int convStride = (bottleneck ? i == 1 : i == 0) ? stride : 1;
            convs[i] = addChildBlock("conv" + (i + 1), Layers.conv(filters, kernel, convStride));
            norms[i] = addChildBlock("bn" + (i + 1), Layers.batchNorm());
        }
        downsample = stride != 1 || inChannels != out
                ? addChildBlock(
                        "downsample",
                        new NamedSequentialBlock()
                                .add("0", Layers.conv(out, 1, stride))
                                .add("1", Layers.batchNorm()))
                : null;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList x = inputs;
        for (int i = 0; i < convs.length; i++) {
            NDList convolved = convs[i].forward(parameterStore, x, training, params);
            if (x != inputs) {
                Layers.release(x, inputs);
            }
            NDList normalized = norms[i].forward(parameterStore, convolved, training, params);
            Layers.release(convolved, inputs);
            if (i < convs.length - 1) {
                x = Activation.relu(normalized);
                Layers.release(normalized, inputs, x);
            } else {
                x = normalized;
            }
        }
        NDList shortcut = downsample == null ? inputs : downsample.forward(parameterStore, inputs, training, params);
        NDList sum = new NDList(x.singletonOrThrow().add(shortcut.singletonOrThrow()));
        Layers.release(x, inputs);
        if (shortcut != inputs) {
            Layers.release(shortcut, inputs);
        }
        NDList out = Activation.relu(sum);
        Layers.release(sum, inputs, out);
        return out;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] shapes = inputShapes;
        for (int i = 0; i < convs.length; i++) {
            convs[i].initialize(manager, dataType, shapes);
            shapes = convs[i].getOutputShapes(shapes);
            norms[i].initialize(manager, dataType, shapes);
        }
        if (downsample != null) {
            downsample.initialize(manager, dataType, inputShapes);
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
