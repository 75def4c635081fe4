package io.sam4j.zoo.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code resnet-D}, D = 6n + 2: the CIFAR ResNets of He, Zhang, Ren &amp; Sun 2016, "Deep Residual
 * Learning for Image Recognition" (CVPR), Sec. 4.2.
 *
 * <p>conv3x3(16)-BN-ReLU, then three stages of n {@link CifarResNetBasicBlock}s with 16, 32 and 64
 * channels, the second and third starting with stride 2, then global average pooling and a linear
 * classifier; 6n + 2 weighted layers. Shortcuts are option A (parameter-free), so ResNet-20 / 32 /
 * 56 / 110 have 0.27M / 0.46M / 0.85M / 1.7M parameters as in the paper's Table 6.
 *
 * <p>Not DJL's {@code ResNetV1}, which is the ImageNet design with projection shortcuts.
 */
final class CifarResNetFamily implements ModelFamily {

    private static final Pattern NAME = Pattern.compile("resnet-(\\d{1,4})");
    private static final int[] STAGE_CHANNELS = {16, 32, 64};

    @Override
    public List<String> displayNames() {
        return List.of("resnet-20", "resnet-32", "resnet-56");
    }

    @Override
    public List<String> exampleNames() {
        return List.of("resnet-20", "resnet-32", "resnet-44", "resnet-56", "resnet-110");
    }

    @Override
    public Optional<ModelSpec> parse(String name) {
        Matcher matcher = NAME.matcher(name);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        int depth = Integer.parseInt(matcher.group(1));
        if (ImageNetResNetFamily.DEPTHS.contains(depth)) {
            return Optional.empty(); // resnet-18/34/50/101/152 are the ImageNet ResNets
        }
        if (depth < 8 || (depth - 2) % 6 != 0) {
            throw new IllegalArgumentException(
                    "resnet depth must be 6n+2 with n >= 1 (8, 14, 20, 32, 44, 56, 110, ...), got "
                            + depth
                            + " in '"
                            + name
                            + "' (ImageNet ResNets: resnet-18, -34, -50, -101, -152)");
        }
        return Optional.of(new ModelSpec("resnet-" + depth, this, List.of(depth)));
    }

    @Override
    public Block build(ModelSpec spec, Shape inputShape, int classes, ModelOptions options) {
        if (options.dropout() != 0f) {
            throw new IllegalArgumentException(
                    spec.name() + " has no dropout (He et al. use none); dropout must be 0, got " + options.dropout());
        }
        int blocksPerStage = blocksPerStage(spec);
        NamedSequentialBlock net = new NamedSequentialBlock()
                .add("conv1", Layers.conv(STAGE_CHANNELS[0], 3, 1))
                .add("bn1", Layers.batchNorm())
                .add("relu1", Layers.relu());
        for (int stage = 0; stage < STAGE_CHANNELS.length; stage++) {
            NamedSequentialBlock blocks = new NamedSequentialBlock();
            for (int b = 0; b < blocksPerStage; b++) {
                int stride = stage > 0 && b == 0 ? 2 : 1;
                blocks.add("block" + (b + 1), new CifarResNetBasicBlock(STAGE_CHANNELS[stage], stride));
            }
            net.add("stage" + (stage + 1), blocks);
        }
        return net.add("pool", Layers.globalAveragePool()).add("classifier", Layers.linear(classes));
    }

    @Override
    public String description(ModelSpec spec) {
        int n = blocksPerStage(spec);
        return "CIFAR ResNet-"
                + spec.argument(0)
                + ": 3 stages x "
                + n
                + " basic blocks, 16/32/64 channels, parameter-free (option A) shortcuts";
    }

    @Override
    public String citation() {
        return "He, Zhang, Ren & Sun 2016, \"Deep Residual Learning for Image Recognition\", CVPR," + " Sec. 4.2";
    }

    private static int blocksPerStage(ModelSpec spec) {
        return (spec.argument(0) - 2) / 6;
    }
}
