package io.sam4j.zoo.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code pyramidnet-D-A} and {@code pyramidnet-D-A-shakedrop}: the PyramidNets of Han, Kim &amp; Kim
 * 2017, "Deep Pyramidal Residual Networks" (CVPR), with additive widening α = A, optionally with
 * ShakeDrop (Yamada, Iwamura, Akiba &amp; Kise 2018, "ShakeDrop Regularization for Deep Residual
 * Learning"), as in the SAM paper's PyramidNet-272 (α = 200) + ShakeDrop.
 *
 * <p>Block type, as in the paper's Table 4: depth D ≥ 164 uses bottleneck blocks (D = 9n + 2),
 * smaller depths basic blocks (D = 6n + 2); n blocks per stage, 3 stages. conv3x3(16)-BN, the
 * stages ({@link PyramidBlock}s, stages 2 and 3 start with stride 2), then BN-ReLU, global average
 * pooling and {@code fc}.
 *
 * <p>Widths: the 3x3 width grows by α / (3n) per block; like the authors' original Torch code, the
 * width is accumulated as a floating-point number and each block takes its floor. (Their later
 * PyTorch port rounds instead, which gives 26.2M rather than 26.0M for 272/200.) With the floor,
 * PyramidNet-272 α=200 has 26,046,428 parameters, the paper's 26.0M; 200/240 and 236/220 give 26.6M
 * and 26.8M, 110/48 (basic) 1.7M, as in Table 4.
 *
 * <p>ShakeDrop: block l of L = 3n perturbs its branch with probability p_l = 0.5 · l / L (the
 * paper's linear decay to p_L = 0.5), α ∈ [−1, 1], β ∈ [0, 1]; see {@link Shake#shakeDrop}.
 */
final class PyramidNetFamily implements ModelFamily {

    private static final Pattern NAME = Pattern.compile("pyramidnet-(\\d{1,4})-(\\d{1,4})(-shakedrop)?");
    /** The paper uses bottleneck blocks from this depth on. */
    static final int BOTTLENECK_FROM_DEPTH = 164;

    private static final int STEM = 16;
    private static final float FINAL_DROP_PROBABILITY = 0.5f;

    @Override
    public List<String> displayNames() {
        return List.of("pyramidnet-D-A[-shakedrop] (e.g. pyramidnet-110-48, pyramidnet-272-200-shakedrop)");
    }

    @Override
    public List<String> exampleNames() {
        return List.of("pyramidnet-110-48", "pyramidnet-110-270", "pyramidnet-272-200", "pyramidnet-272-200-shakedrop");
    }

    @Override
    public Optional<ModelSpec> parse(String name) {
        Matcher m = NAME.matcher(name);
        if (!m.matches()) {
            return Optional.empty();
        }
        int depth = Integer.parseInt(m.group(1));
        int alpha = Integer.parseInt(m.group(2));
        boolean bottleneck = depth >= BOTTLENECK_FROM_DEPTH;
        int perBlock = bottleneck ? 9 : 6;
        if (depth < perBlock + 2 || (depth - 2) % perBlock != 0) {
            throw new IllegalArgumentException("pyramidnet depth must be "
                    + (bottleneck
                            ? "9n+2 from " + BOTTLENECK_FROM_DEPTH + " on (bottleneck blocks: 164, 200, 236, 272, ...)"
                            : "6n+2 below " + BOTTLENECK_FROM_DEPTH + " (basic blocks: 20, 56, 110, ...)")
                    + ", got " + depth + " in '" + name + "'");
        }
        boolean shakeDrop = m.group(3) != null;
        return Optional.of(of(depth, alpha, bottleneck, shakeDrop));
    }

    /**
     * Builds a spec with an explicit block type (tests use small bottleneck networks).
     *
     * @param depth 6n + 2 (basic) or 9n + 2 (bottleneck)
     * @param alpha total widening
     * @param bottleneck block type
     * @param shakeDrop whether to add ShakeDrop
     */
    ModelSpec of(int depth, int alpha, boolean bottleneck, boolean shakeDrop) {
        return new ModelSpec(
                "pyramidnet-" + depth + "-" + alpha + (shakeDrop ? "-shakedrop" : ""),
                this,
                List.of(depth, alpha, bottleneck ? 1 : 0, shakeDrop ? 1 : 0));
    }

    @Override
    public Block build(ModelSpec spec, Shape inputShape, int classes, ModelOptions options) {
        if (options.dropout() != 0f) {
            throw new IllegalArgumentException(
                    spec.name() + " has no dropout; dropout must be 0, got " + options.dropout());
        }
        boolean bottleneck = spec.argument(2) == 1;
        boolean shakeDrop = spec.argument(3) == 1;
        int n = blocksPerStage(spec);
        int total = 3 * n;
        double addRate = spec.argument(1) / (3.0 * n);
        NamedSequentialBlock net =
                new NamedSequentialBlock().add("conv1", Layers.conv(STEM, 3, 1)).add("bn1", Layers.batchNorm());
        double width = STEM;
        int index = 0;
        for (int stage = 0; stage < 3; stage++) {
            NamedSequentialBlock blocks = new NamedSequentialBlock();
            for (int b = 0; b < n; b++) {
                width += addRate;
                int planes = (int) Math.floor(width);
                index++;
                float drop = shakeDrop ? FINAL_DROP_PROBABILITY * index / total : -1f;
                blocks.add(String.valueOf(b), new PyramidBlock(planes, stage > 0 && b == 0 ? 2 : 1, bottleneck, drop));
            }
            net.add("layer" + (stage + 1), blocks);
        }
        return net.add("bn_final", Layers.batchNorm())
                .add("relu_final", Layers.relu())
                .add("avgpool", Layers.globalAveragePool())
                .add("fc", Layers.linear(classes));
    }

    @Override
    public String description(ModelSpec spec) {
        return "PyramidNet-" + spec.argument(0) + " alpha " + spec.argument(1) + ": 3 stages x " + blocksPerStage(spec)
                + (spec.argument(2) == 1 ? " bottleneck" : " basic") + " blocks, widths 16 -> "
                + (16 + spec.argument(1))
                + (spec.argument(3) == 1 ? ", ShakeDrop (p_L 0.5)" : "") + ", zero-padded identity shortcuts";
    }

    @Override
    public String citation() {
        return "Han, Kim & Kim 2017, \"Deep Pyramidal Residual Networks\", CVPR; ShakeDrop: Yamada, Iwamura, Akiba"
                + " & Kise 2018, \"ShakeDrop Regularization for Deep Residual Learning\"";
    }

    private static int blocksPerStage(ModelSpec spec) {
        return (spec.argument(0) - 2) / (spec.argument(2) == 1 ? 9 : 6);
    }
}
