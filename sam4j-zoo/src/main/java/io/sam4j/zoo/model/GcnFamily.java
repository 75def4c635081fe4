package io.sam4j.zoo.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code gcn-SIZE[-sum]}: graph convolutional networks (Kipf &amp; Welling 2017) for graph
 * classification, see {@link GcnNetwork}. Sizes:
 *
 * <ul>
 *   <li>{@code gcn-small}: 2 GCN layers of 32, head 32 (2,658 parameters on 14 node features, 2 classes);</li>
 *   <li>{@code gcn-base}: 3 GCN layers of 64, head 64 (13,570);</li>
 *   <li>{@code gcn-study} (also {@code gcn}): 3 GCN layers of 200, head 200, 124,002 parameters on
 *       Mutagenicity's 14 one-hot atom types and 2 classes, the size of the GCN in the study that
 *       followed the SAM paper (≈ 125k).</li>
 * </ul>
 * Nodes are averaged per graph; the suffix {@code -sum} sums them instead (Xu et al. 2019 argue sums
 * distinguish more graphs). Dropout ({@code --dropout}) follows each GCN layer and the head's hidden
 * layer. The example shape is {@code (F)}, the node-feature width.
 */
final class GcnFamily implements ModelFamily {

    private static final Pattern NAME = Pattern.compile("gcn(?:-(small|base|study))?(-sum|-mean)?");

    /** A named size. */
    private record Size(String name, int layers, int width, int head) {}

    private static final List<Size> SIZES =
            List.of(new Size("small", 2, 32, 32), new Size("base", 3, 64, 64), new Size("study", 3, 200, 200));

    @Override
    public List<String> displayNames() {
        return List.of("gcn-SIZE[-sum] (small, base, study = gcn)");
    }

    @Override
    public List<String> exampleNames() {
        return List.of("gcn", "gcn-small", "gcn-base", "gcn-study", "gcn-small-sum", "gcn-study-sum");
    }

    @Override
    public Optional<ModelSpec> parse(String name) {
        Matcher m = NAME.matcher(name);
        if (!m.matches()) {
            return Optional.empty();
        }
        String size = m.group(1) == null ? "study" : m.group(1);
        boolean sum = "-sum".equals(m.group(2));
        int index = SIZES.stream().map(Size::name).toList().indexOf(size);
        return Optional.of(new ModelSpec("gcn-" + size + (sum ? "-sum" : ""), this, List.of(index, sum ? 1 : 0)));
    }

    @Override
    public void checkInputShape(Shape inputShape) {
        if (inputShape.dimension() != 1 || inputShape.get(0) < 1) {
            throw new IllegalArgumentException("gcn takes graphs whose example shape is (F), the node-feature width,"
                    + " but got " + inputShape + " (use --dataset tu:NAME)");
        }
    }

    @Override
    public Shape[] initializationShapes(Shape inputShape) {
        // One graph of one node and no edges: only the feature width decides parameter shapes.
        return new Shape[] {new Shape(1, inputShape.get(0)), new Shape(2, 0), new Shape(1), new Shape(1)};
    }

    @Override
    public Shape defaultInputShape() {
        return new Shape(14);
    }

    @Override
    public int defaultClasses() {
        return 2;
    }

    @Override
    public Block build(ModelSpec spec, Shape inputShape, int classes, ModelOptions options) {
        Size size = SIZES.get(spec.argument(0));
        int[] widths = new int[size.layers];
        Arrays.fill(widths, size.width);
        return new GcnNetwork(widths, size.head, classes, spec.argument(1) == 1, options.dropout());
    }

    @Override
    public String description(ModelSpec spec) {
        Size size = SIZES.get(spec.argument(0));
        return "GCN, " + size.layers + " graph convolutions of " + size.width + ", "
                + (spec.argument(1) == 1 ? "sum" : "mean") + " pooling, MLP head " + size.head;
    }

    @Override
    public String citation() {
        return "Kipf & Welling 2017, \"Semi-Supervised Classification with Graph Convolutional Networks\", ICLR";
    }
}
