package io.sam4j.zoo.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.List;
import java.util.Optional;

/**
 * {@code transformer-ts-SIZE}: Transformer encoders for fixed-length signals such as ECG beats, see
 * {@link TransformerTsNetwork}. The example shape is {@code (C, L)}: channels and samples. Sizes
 * (parameters for one channel of 187 samples and 5 classes):
 *
 * <table>
 *   <caption>sizes</caption>
 *   <tr><th>name</th><th>patch</th><th>d</th><th>layers</th><th>heads</th><th>feed-forward</th><th>params</th></tr>
 *   <tr><td>tiny</td><td>11</td><td>32</td><td>2</td><td>4</td><td>64</td><td>17,701</td></tr>
 *   <tr><td>small</td><td>11</td><td>64</td><td>4</td><td>4</td><td>128</td><td>135,109</td></tr>
 *   <tr><td>base</td><td>4</td><td>128</td><td>4</td><td>8</td><td>512</td><td>794,629</td></tr>
 *   <tr><td>study (= transformer-ts)</td><td>1</td><td>512</td><td>6</td><td>8</td><td>2048</td><td>18,918,917</td></tr>
 * </table>
 * The study size matches the ≈ 19M-parameter encoder of the study that followed the SAM paper: the
 * base configuration of Vaswani et al. (2017) with one token per sample. {@code --dropout} acts on
 * the embedding, the attention weights and both residual branches of every layer.
 */
final class TransformerTsFamily implements ModelFamily {

    private static final String PREFIX = "transformer-ts";

    /** A named size. */
    private record Size(String name, int patch, int width, int depth, int heads, int feedForward) {}

    private static final List<Size> SIZES = List.of(
            new Size("tiny", 11, 32, 2, 4, 64),
            new Size("small", 11, 64, 4, 4, 128),
            new Size("base", 4, 128, 4, 8, 512),
            new Size("study", 1, 512, 6, 8, 2048));

    @Override
    public List<String> displayNames() {
        return List.of("transformer-ts-SIZE (tiny, small, base, study = transformer-ts)");
    }

    @Override
    public List<String> exampleNames() {
        return List.of(
                PREFIX, "transformer-ts-tiny", "transformer-ts-small", "transformer-ts-base", "transformer-ts-study");
    }

    @Override
    public Optional<ModelSpec> parse(String name) {
        if (name.equals(PREFIX)) {
            return Optional.of(new ModelSpec(PREFIX + "-study", this, List.of(SIZES.size() - 1)));
        }
        for (int i = 0; i < SIZES.size(); i++) {
            if (name.equals(PREFIX + "-" + SIZES.get(i).name)) {
                return Optional.of(new ModelSpec(name, this, List.of(i)));
            }
        }
        if (name.startsWith(PREFIX + "-")) {
            throw new IllegalArgumentException("unknown size in '" + name + "'; sizes: tiny, small, base, study");
        }
        return Optional.empty();
    }

    @Override
    public void checkInputShape(Shape inputShape) {
        if (inputShape.dimension() != 2 || inputShape.get(0) < 1 || inputShape.get(1) < 1) {
            throw new IllegalArgumentException("transformer-ts takes signals whose example shape is (C, L) but got "
                    + inputShape + " (use --dataset mitbih or ptbdb)");
        }
    }

    @Override
    public Shape defaultInputShape() {
        return new Shape(1, 187);
    }

    @Override
    public int defaultClasses() {
        return 5;
    }

    @Override
    public Block build(ModelSpec spec, Shape inputShape, int classes, ModelOptions options) {
        Size s = SIZES.get(spec.argument(0));
        return new TransformerTsNetwork(s.patch, s.width, s.depth, s.heads, s.feedForward, classes, options.dropout());
    }

    @Override
    public String description(ModelSpec spec) {
        Size s = SIZES.get(spec.argument(0));
        return "Transformer encoder, patch " + s.patch + ", d " + s.width + ", " + s.depth + " layers, " + s.heads
                + " heads, feed-forward " + s.feedForward;
    }

    @Override
    public String citation() {
        return "Vaswani et al. 2017, \"Attention Is All You Need\", NeurIPS";
    }
}
