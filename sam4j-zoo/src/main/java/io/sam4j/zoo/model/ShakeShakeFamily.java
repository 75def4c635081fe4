package io.sam4j.zoo.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code shake-shake-D-2xKd}, D = 6n + 2: the Shake-Shake ResNets of Gastaldi 2017,
 * "Shake-Shake regularization" (arXiv:1705.07485), CIFAR configuration, "Shake-Shake-Image".
 *
 * <p>conv3x3(16)-BN, then three stages of n {@link ShakeShakeBlock}s (two branches each) with K,
 * 2K and 4K channels (stages 2 and 3 start with stride 2), then ReLU, global average pooling and
 * {@code fc}. Shake-Shake-26 2x96d has 26,192,922 parameters for CIFAR-10, the paper's 26.2M.
 * Training mixes the branches with per-image random coefficients (forward α, backward β),
 * inference with 0.5 each; see {@link Shake}.
 */
final class ShakeShakeFamily implements ModelFamily {

    private static final Pattern NAME = Pattern.compile("shake-shake-(\\d{1,4})-2x(\\d{1,4})d");
    private static final int STEM = 16;

    @Override
    public List<String> displayNames() {
        return List.of("shake-shake-D-2xKd (e.g. shake-shake-26-2x96d)");
    }

    @Override
    public List<String> exampleNames() {
        return List.of("shake-shake-26-2x32d", "shake-shake-26-2x64d", "shake-shake-26-2x96d");
    }

    @Override
    public Optional<ModelSpec> parse(String name) {
        Matcher m = NAME.matcher(name);
        if (!m.matches()) {
            return Optional.empty();
        }
        int depth = Integer.parseInt(m.group(1));
        int width = Integer.parseInt(m.group(2));
        if (depth < 8 || (depth - 2) % 6 != 0) {
            throw new IllegalArgumentException("shake-shake depth must be 6n+2 with n >= 1 (8, 14, 20, 26, ...), got "
                    + depth + " in '" + name + "'");
        }
        if (width < 2 || width % 2 != 0) {
            throw new IllegalArgumentException(
                    "shake-shake width must be even and at least 2, got " + width + " in '" + name + "'");
        }
        return Optional.of(new ModelSpec("shake-shake-" + depth + "-2x" + width + "d", this, List.of(depth, width)));
    }

    @Override
    public Block build(ModelSpec spec, Shape inputShape, int classes, ModelOptions options) {
        if (options.dropout() != 0f) {
            throw new IllegalArgumentException(spec.name() + " has no dropout (Shake-Shake is its regulariser);"
                    + " dropout must be 0, got " + options.dropout());
        }
        int n = (spec.argument(0) - 2) / 6;
        int width = spec.argument(1);
        NamedSequentialBlock net =
                new NamedSequentialBlock().add("conv1", Layers.conv(STEM, 3, 1)).add("bn1", Layers.batchNorm());
        int in = STEM;
        for (int stage = 0; stage < 3; stage++) {
            int out = width << stage;
            NamedSequentialBlock blocks = new NamedSequentialBlock();
            for (int b = 0; b < n; b++) {
                blocks.add(String.valueOf(b), new ShakeShakeBlock(in, out, stage > 0 && b == 0 ? 2 : 1));
                in = out;
            }
            net.add("stage" + (stage + 1), blocks);
        }
        return net.add("relu", Layers.relu())
                .add("pool", Layers.globalAveragePool())
                .add("fc", Layers.linear(classes));
    }

    @Override
    public String description(ModelSpec spec) {
        int w = spec.argument(1);
        return "Shake-Shake-" + spec.argument(0) + " 2x" + w + "d: 3 stages x " + (spec.argument(0) - 2) / 6
                + " two-branch blocks, " + w + "/" + 2 * w + "/" + 4 * w + " channels, per-image shake";
    }

    @Override
    public String citation() {
        return "Gastaldi 2017, \"Shake-Shake regularization\", arXiv:1705.07485";
    }
}
