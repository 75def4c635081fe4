package io.sam4j.zoo.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.pooling.Pool;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code resnet-18}, {@code -34}, {@code -50}, {@code -101}, {@code -152}: the ImageNet ResNets of
 * He, Zhang, Ren &amp; Sun 2016, "Deep Residual Learning for Image Recognition" (CVPR), Table 1, in
 * torchvision's layout.
 *
 * <p>conv1 7x7/2 (64)-bn1-relu-maxpool 3x3/2, then layer1..layer4 of {@link ImageNetResNetBlock}s
 * with widths 64, 128, 256, 512 (layers 2-4 start with stride 2), global average pooling and
 * {@code fc}. Basic blocks for 18 and 34 layers, bottlenecks (4x expansion) for 50, 101, 152.
 * For 3x224x224 and 1000 classes they have 11,689,512 / 21,797,672 / 25,557,032 / 44,549,160 /
 * 60,192,808 parameters, torchvision's counts, and parameter names are torchvision's state-dict
 * keys ({@code conv1.weight}, {@code layer1.0.downsample.0.weight}, {@code fc.bias}).
 *
 * <p>These depths are taken by this family; the CIFAR ResNets ({@link CifarResNetFamily}) keep every
 * other 6n+2 depth (20, 32, 44, 56, 110, ...). He et al. define no CIFAR ResNet-50 or -152.
 */
final class ImageNetResNetFamily implements ModelFamily {

    private static final Map<Integer, int[]> BLOCKS = Map.of(
            18, new int[] {2, 2, 2, 2},
            34, new int[] {3, 4, 6, 3},
            50, new int[] {3, 4, 6, 3},
            101, new int[] {3, 4, 23, 3},
            152, new int[] {3, 8, 36, 3});
    /** The depths this family names; {@link CifarResNetFamily} leaves them alone. */
    static final Set<Integer> DEPTHS = BLOCKS.keySet();

    private static final int[] PLANES = {64, 128, 256, 512};
    private static final int STEM = 64;

    @Override
    public List<String> displayNames() {
        return List.of("resnet-18", "resnet-34", "resnet-50", "resnet-101", "resnet-152");
    }

    @Override
    public List<String> exampleNames() {
        return displayNames();
    }

    @Override
    public Optional<ModelSpec> parse(String name) {
        if (!name.startsWith("resnet-")) {
            return Optional.empty();
        }
        try {
            int depth = Integer.parseInt(name.substring("resnet-".length()));
            return BLOCKS.containsKey(depth)
                    ? Optional.of(new ModelSpec(name, this, List.of(depth)))
                    : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public Block build(ModelSpec spec, Shape inputShape, int classes, ModelOptions options) {
        if (options.dropout() != 0f) {
            throw new IllegalArgumentException(
                    spec.name() + " has no dropout; dropout must be 0, got " + options.dropout());
        }
        boolean bottleneck = spec.argument(0) >= 50;
        int[] blocks = BLOCKS.get(spec.argument(0));
        NamedSequentialBlock net = new NamedSequentialBlock()
                .add("conv1", Layers.conv(STEM, 7, 2))
                .add("bn1", Layers.batchNorm())
                .add("relu", Layers.relu())
                .add("maxpool", Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2), new Shape(1, 1)));
        int in = STEM;
        for (int layer = 0; layer < PLANES.length; layer++) {
            NamedSequentialBlock stage = new NamedSequentialBlock();
            for (int b = 0; b < blocks[layer]; b++) {
                int stride = layer > 0 && b == 0 ? 2 : 1;
                stage.add(String.valueOf(b), new ImageNetResNetBlock(in, PLANES[layer], stride, bottleneck));
                in = bottleneck ? PLANES[layer] * ImageNetResNetBlock.BOTTLENECK_EXPANSION : PLANES[layer];
            }
            net.add("layer" + (layer + 1), stage);
        }
        return net.add("avgpool", Layers.globalAveragePool()).add("fc", Layers.linear(classes));
    }

    @Override
    public String description(ModelSpec spec) {
        int depth = spec.argument(0);
        int[] b = BLOCKS.get(depth);
        return "ImageNet ResNet-" + depth + " (torchvision layout): " + b[0] + "/" + b[1] + "/" + b[2] + "/" + b[3]
                + (depth >= 50 ? " bottleneck" : " basic") + " blocks, 64-512 planes, 1x1 projection shortcuts";
    }

    @Override
    public String citation() {
        return "He, Zhang, Ren & Sun 2016, \"Deep Residual Learning for Image Recognition\", CVPR, Table 1";
    }
}
