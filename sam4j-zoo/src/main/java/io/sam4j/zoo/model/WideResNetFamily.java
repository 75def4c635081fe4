package io.sam4j.zoo.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code wrn-D-K}, D = 6n + 4: the Wide ResNets of Zagoruyko &amp; Komodakis 2016, "Wide Residual
 * Networks" (BMVC), Table 1.
 *
 * <p>conv3x3(16), then three groups of n pre-activation {@link WideResNetBlock}s with 16K, 32K and
 * 64K channels (the second and third starting with stride 2), then BN-ReLU, global average pooling
 * and a linear classifier. D counts the 6n convolutions in the blocks, the first convolution, the
 * classifier and the two 1x1 shortcut convolutions that change the width. WRN-16-4 / 16-8 / 28-10
 * have 2.7M / 11.0M / 36.5M parameters for CIFAR, as in Table 5. Dropout, if set, sits between the
 * two convolutions of each block (the paper uses 0.3).
 */
final class WideResNetFamily implements ModelFamily {

    private static final Pattern NAME = Pattern.compile("wrn-(\\d{1,4})-(\\d{1,4})");
    private static final int STEM_CHANNELS = 16;
    private static final int[] GROUP_BASE_CHANNELS = {16, 32, 64};

    @Override
    public List<String> displayNames() {
        return List.of("wrn-D-K (e.g. wrn-16-4, wrn-28-10)");
    }

    @Override
    public List<String> exampleNames() {
        return List.of("wrn-16-4", "wrn-16-8", "wrn-28-10", "wrn-40-4");
    }

    @Override
    public Optional<ModelSpec> parse(String name) {
        Matcher matcher = NAME.matcher(name);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        int depth = Integer.parseInt(matcher.group(1));
        int widen = Integer.parseInt(matcher.group(2));
        if (depth < 10 || (depth - 4) % 6 != 0) {
            throw new IllegalArgumentException("wrn depth must be 6n+4 with n >= 1 (10, 16, 22, 28, 40, ...), got "
                    + depth
                    + " in '"
                    + name
                    + "'");
        }
        if (widen < 1) {
            throw new IllegalArgumentException(
                    "wrn widen factor must be at least 1, got " + widen + " in '" + name + "'");
        }
        return Optional.of(new ModelSpec("wrn-" + depth + "-" + widen, this, List.of(depth, widen)));
    }

    @Override
    public Block build(ModelSpec spec, Shape inputShape, int classes, ModelOptions options) {
        int blocksPerGroup = blocksPerGroup(spec);
        int widen = spec.argument(1);
        NamedSequentialBlock net = new NamedSequentialBlock().add("conv1", Layers.conv(STEM_CHANNELS, 3, 1));
        int inChannels = STEM_CHANNELS;
        for (int group = 0; group < GROUP_BASE_CHANNELS.length; group++) {
            int outChannels = GROUP_BASE_CHANNELS[group] * widen;
            NamedSequentialBlock blocks = new NamedSequentialBlock();
            for (int b = 0; b < blocksPerGroup; b++) {
                int stride = group > 0 && b == 0 ? 2 : 1;
                blocks.add("block" + (b + 1), new WideResNetBlock(inChannels, outChannels, stride, options.dropout()));
                inChannels = outChannels;
            }
            net.add("group" + (group + 1), blocks);
        }
        // The blocks end in a convolution (pre-activation), so the last BN-ReLU comes here.
        return net.add("bn", Layers.batchNorm())
                .add("relu", Layers.relu())
                .add("pool", Layers.globalAveragePool())
                .add("classifier", Layers.linear(classes));
    }

    @Override
    public String description(ModelSpec spec) {
        int widen = spec.argument(1);
        return "Wide ResNet-"
                + spec.argument(0)
                + "-"
                + widen
                + ": 3 groups x "
                + blocksPerGroup(spec)
                + " pre-activation blocks, 16/"
                + 16 * widen
                + "/"
                + 32 * widen
                + "/"
                + 64 * widen
                + " channels, 1x1 projection shortcuts";
    }

    @Override
    public String citation() {
        return "Zagoruyko & Komodakis 2016, \"Wide Residual Networks\", BMVC";
    }

    private static int blocksPerGroup(ModelSpec spec) {
        return (spec.argument(0) - 4) / 6;
    }
}
