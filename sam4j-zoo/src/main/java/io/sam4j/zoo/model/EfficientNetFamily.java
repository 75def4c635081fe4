package io.sam4j.zoo.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.initializer.UniformInitializer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * {@code efficientnet-b0} ... {@code efficientnet-b8}, {@code efficientnet-l2} and {@code
 * efficientnet-l2-475}: EfficientNet (Tan &amp; Le 2019, "EfficientNet: Rethinking Model Scaling for
 * Convolutional Neural Networks", ICML), in torchvision's layout, with the width, depth, resolution
 * and dropout coefficients of the SAM paper's official code ({@code sam_jax/efficientnet/
 * efficientnet.py}, {@code MODEL_CONFIGS}; B0-B7 as in the paper's Table 1 scaling and
 * torchvision). {@code efficientnet-b0-narrow} is B0's depth at width 0.1 (8 to 32 channels, 128 at
 * the top, 32x32 inputs): not a published network, but small enough (94 k parameters) that tests can
 * commit checkpoints of it written by an independent implementation of the official network
 * ({@code sam4j-cli/src/test/python/official_efficientnet_fixture.py}); B0 itself is 21 MB.
 *
 * <p>{@code tf-efficientnet-*}: the same networks and state-dict names, but every convolution pads as
 * TensorFlow's {@code padding='SAME'} ({@link Conv2dSame}; asymmetric at stride 2) and BatchNorm
 * adds the official code's epsilon 1e-3 with its momentum 0.99 ({@code ModelConfig.bn_epsilon},
 * {@code bn_momentum}), as the official code's Flax convolutions do. This is what the official
 * checkpoints compute; in the torchvision-padded network their weights sample every strided
 * convolution one pixel off. timm's {@code tf_efficientnet_b0 ...} ({@code Conv2dSame}) are the
 * precedent, for TensorFlow's own EfficientNet weights.
 *
 * <p>Layout: {@code features.0} stem 3x3/2 conv-BN-SiLU to round(32·w) channels; {@code
 * features.1..7} the seven MBConv stages of B0, (expansion, kernel, stride, channels, repeats) = (1,
 * 3, 1, 16, 1), (6, 3, 2, 24, 2), (6, 5, 2, 40, 2), (6, 3, 2, 80, 3), (6, 5, 1, 112, 3), (6, 5, 2,
 * 192, 4), (6, 3, 1, 320, 1), channels scaled by w and rounded to a multiple of 8 (never more than
 * 10% down), repeats scaled by d and rounded up; {@code features.8} 1x1 conv-BN-SiLU to round(1280·w);
 * global average pooling; {@code classifier.0} dropout and {@code classifier.1} the linear head.
 * Every {@link MBConvBlock} has squeeze-and-excitation to in/4 channels and, when residual,
 * stochastic depth at rate {@code dropConnect · i / n} for block i of n.
 *
 * <p>For 1000 classes B0...B7 have torchvision's {@code efficientnet_b0...b7} parameter counts
 * (5,288,548 ... 66,347,960), and parameter names are torchvision's state-dict keys. BatchNorm
 * follows torchvision too, so that its weights give its outputs: epsilon 1e-5 and momentum 0.1 for
 * B0-B4, epsilon 1e-3 and momentum 0.01 for B5-B7 (ported from TensorFlow); B8 and L2, which
 * torchvision lacks, take the official code's epsilon 1e-3 and momentum 0.01 (its Flax momentum
 * 0.99). Convolutions pad symmetrically as torchvision does (the official code pads "SAME", which is
 * asymmetric at stride 2: the {@code tf-} forms below). Initialisation: convolutions He normal fan-out, the head uniform in
 * ±1/sqrt(classes), as both torchvision and the official code do.
 *
 * <p>Reference regularisation ({@link #referenceOptions(ModelSpec)}): dropout 0.2 (B0, B1), 0.3
 * (B2, B3), 0.4 (B4, B5), 0.5 (B6 and larger) before the head, and drop-connect rate 0.2.
 */
final class EfficientNetFamily implements ModelFamily {

    /** One scaled network: compound coefficients, resolution, head dropout, BatchNorm constants. */
    record Variant(
            String name,
            double width,
            double depth,
            int resolution,
            float dropout,
            float bnEpsilon,
            float bnMomentum) {}

    private static final float TORCH_EPSILON = 1e-5f;
    private static final float TORCH_MOMENTUM = 0.9f;
    private static final float TF_EPSILON = 1e-3f;
    private static final float TF_MOMENTUM = 0.99f;

    static final List<Variant> VARIANTS = List.of(
            new Variant("efficientnet-b0", 1.0, 1.0, 224, 0.2f, TORCH_EPSILON, TORCH_MOMENTUM),
            new Variant("efficientnet-b0-narrow", 0.1, 1.0, 32, 0.2f, TORCH_EPSILON, TORCH_MOMENTUM),
            new Variant("efficientnet-b1", 1.0, 1.1, 240, 0.2f, TORCH_EPSILON, TORCH_MOMENTUM),
            new Variant("efficientnet-b2", 1.1, 1.2, 260, 0.3f, TORCH_EPSILON, TORCH_MOMENTUM),
            new Variant("efficientnet-b3", 1.2, 1.4, 300, 0.3f, TORCH_EPSILON, TORCH_MOMENTUM),
            new Variant("efficientnet-b4", 1.4, 1.8, 380, 0.4f, TORCH_EPSILON, TORCH_MOMENTUM),
            new Variant("efficientnet-b5", 1.6, 2.2, 456, 0.4f, TF_EPSILON, TF_MOMENTUM),
            new Variant("efficientnet-b6", 1.8, 2.6, 528, 0.5f, TF_EPSILON, TF_MOMENTUM),
            new Variant("efficientnet-b7", 2.0, 3.1, 600, 0.5f, TF_EPSILON, TF_MOMENTUM),
            new Variant("efficientnet-b8", 2.2, 3.6, 672, 0.5f, TF_EPSILON, TF_MOMENTUM),
            new Variant("efficientnet-l2", 4.3, 5.3, 800, 0.5f, TF_EPSILON, TF_MOMENTUM),
            new Variant("efficientnet-l2-475", 4.3, 5.3, 475, 0.5f, TF_EPSILON, TF_MOMENTUM));

    /** B0's stages: expansion, kernel, stride, input channels, output channels, repeats. */
    private static final int[][] STAGES = {
        {1, 3, 1, 32, 16, 1},
        {6, 3, 2, 16, 24, 2},
        {6, 5, 2, 24, 40, 2},
        {6, 3, 2, 40, 80, 3},
        {6, 5, 1, 80, 112, 3},
        {6, 5, 2, 112, 192, 4},
        {6, 3, 1, 192, 320, 1},
    };

    /** The prefix of the TensorFlow-"SAME" forms, as timm's {@code tf_efficientnet_*}. */
    static final String TF_PREFIX = "tf-";

    private static final int STEM = 32;
    private static final int TOP = 1280;
    private static final int DIVISOR = 8;
    private static final float REFERENCE_DROP_CONNECT = 0.2f;

    @Override
    public List<String> displayNames() {
        return List.of("[tf-]efficientnet-VARIANT (b0 ... b8, l2, l2-475, b0-narrow; tf-: TensorFlow padding)");
    }

    @Override
    public List<String> exampleNames() {
        List<String> names = new ArrayList<>();
        for (Variant v : VARIANTS) {
            names.add(v.name());
            names.add(TF_PREFIX + v.name());
        }
        return names;
    }

    @Override
    public Optional<ModelSpec> parse(String name) {
        boolean tf = name.startsWith(TF_PREFIX);
        String base = tf ? name.substring(TF_PREFIX.length()) : name;
        for (int i = 0; i < VARIANTS.size(); i++) {
            if (VARIANTS.get(i).name().equals(base)) {
                return Optional.of(new ModelSpec(name, this, List.of(i, tf ? 1 : 0)));
            }
        }
        return Optional.empty();
    }

    /** Returns the variant a spec of this family denotes, with the official BatchNorm for a TF form. */
    static Variant variant(ModelSpec spec) {
        Variant v = VARIANTS.get(spec.argument(0));
        return tfSame(spec)
                ? new Variant(v.name(), v.width(), v.depth(), v.resolution(), v.dropout(), TF_EPSILON, TF_MOMENTUM)
                : v;
    }

    /** Returns whether a spec of this family pads as TensorFlow's "SAME" ({@code tf-efficientnet-*}). */
    static boolean tfSame(ModelSpec spec) {
        return spec.argument(1) == 1;
    }

    @Override
    public Shape defaultInputShape(ModelSpec spec) {
        int r = variant(spec).resolution();
        return new Shape(3, r, r);
    }

    @Override
    public OptionalInt defaultResolution(ModelSpec spec) {
        return OptionalInt.of(variant(spec).resolution());
    }

    @Override
    public int defaultClasses() {
        return 1000;
    }

    @Override
    public ModelOptions referenceOptions(ModelSpec spec) {
        return new ModelOptions(variant(spec).dropout(), REFERENCE_DROP_CONNECT);
    }

    @Override
    public boolean hasStochasticDepth() {
        return true;
    }

    /**
     * Scales a channel count by the width coefficient and rounds it to a multiple of 8, adding 8 if
     * rounding lost more than 10% (the official {@code round_filters}, torchvision's {@code
     * _make_divisible}).
     */
    static int roundFilters(int filters, double width) {
        double scaled = filters * width;
        int rounded = Math.max(DIVISOR, (int) (scaled + DIVISOR / 2.0) / DIVISOR * DIVISOR);
        return rounded < 0.9 * scaled ? rounded + DIVISOR : rounded;
    }

    /** Scales a repeat count by the depth coefficient, rounding up. */
    static int roundRepeats(int repeats, double depth) {
        return (int) Math.ceil(depth * repeats);
    }

    /**
     * Returns the number of MBConv blocks of each of the seven stages.
     *
     * @param spec an EfficientNet spec
     * @return seven repeat counts
     */
    static int[] stageRepeats(ModelSpec spec) {
        int[] repeats = new int[STAGES.length];
        for (int s = 0; s < STAGES.length; s++) {
            repeats[s] = roundRepeats(STAGES[s][5], variant(spec).depth());
        }
        return repeats;
    }

    @Override
    public Block build(ModelSpec spec, Shape inputShape, int classes, ModelOptions options) {
        Variant v = variant(spec);
        boolean tf = tfSame(spec);
        Supplier<FreezableBatchNorm> norm = () -> new FreezableBatchNorm(v.bnEpsilon(), v.bnMomentum());
        NamedSequentialBlock features = new NamedSequentialBlock();
        features.add(
                "0", EfficientNetLayers.convNormActivation(roundFilters(STEM, v.width()), 3, 2, 1, norm, true, tf));
        int[] repeats = stageRepeats(spec);
        int total = 0;
        for (int r : repeats) {
            total += r;
        }
        int blockIndex = 0;
        for (int s = 0; s < STAGES.length; s++) {
            int[] stage = STAGES[s];
            int in = roundFilters(stage[3], v.width());
            int out = roundFilters(stage[4], v.width());
            NamedSequentialBlock blocks = new NamedSequentialBlock();
            for (int b = 0; b < repeats[s]; b++) {
                float drop = options.dropConnect() * blockIndex / total;
                blocks.add(
                        String.valueOf(b),
                        new MBConvBlock(
                                b == 0 ? in : out, out, stage[0], stage[1], b == 0 ? stage[2] : 1, drop, norm, tf));
                blockIndex++;
            }
            features.add(String.valueOf(s + 1), blocks);
        }
        features.add(
                String.valueOf(STAGES.length + 1),
                EfficientNetLayers.convNormActivation(roundFilters(TOP, v.width()), 1, 1, 1, norm, true, tf));
        Linear head = Layers.linear(classes);
        head.setInitializer(new UniformInitializer((float) (1 / Math.sqrt(classes))), Parameter.Type.WEIGHT);
        return new NamedSequentialBlock()
                .add("features", features)
                .add("avgpool", Layers.globalAveragePool())
                .add(
                        "classifier",
                        new NamedSequentialBlock()
                                .add("0", Layers.dropout(options.dropout()))
                                .add("1", head));
    }

    @Override
    public String description(ModelSpec spec) {
        Variant v = variant(spec);
        int blocks = 0;
        for (int r : stageRepeats(spec)) {
            blocks += r;
        }
        List<String> parts = new ArrayList<>();
        parts.add(String.format(Locale.ROOT, "width %.1f, depth %.1f", v.width(), v.depth()));
        parts.add(blocks + " MBConv blocks with SE and SiLU");
        parts.add("resolution " + v.resolution());
        parts.add(String.format(Locale.ROOT, "reference dropout %.1f, drop-connect %.1f", v.dropout(), 0.2));
        return "EfficientNet-" + v.name().substring("efficientnet-".length()).toUpperCase(Locale.ROOT)
                + (tfSame(spec)
                        ? " (torchvision layout, TensorFlow \"SAME\" padding and BatchNorm eps 1e-3 as the official"
                                + " SAM code): "
                        : " (torchvision layout): ")
                + String.join(", ", parts);
    }

    @Override
    public String citation() {
        return "Tan & Le 2019, \"EfficientNet: Rethinking Model Scaling for Convolutional Neural Networks\", ICML";
    }
}
