package io.sam4j.core.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.util.Pair;
import io.sam4j.core.util.Suggestions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Exports an initialized block's parameters and BatchNorm statistics as {@link NamedTensor}s under
 * {@link TorchNames}, and loads such tensors into a block.
 *
 * <p>Loading is strict, so that a wrong file cannot half-load silently: every parameter of the
 * block must be in the tensors with the same shape and every tensor must be a parameter of the
 * block, with two exceptions. PyTorch's {@code *.num_batches_tracked} counters are skipped. And the
 * classification head, the last {@link Linear} layer when it is the last block with parameters,
 * may have another shape (another class count): then it keeps its fresh initialisation, as in
 * fine-tuning on a new task.
 */
public final class ModelWeights {

    private static final NDIndex ALL = new NDIndex(":");
    private static final String BATCH_COUNTER = "num_batches_tracked";

    private ModelWeights() {}

    /** What a load did. */
    public record LoadReport(int loaded, List<String> replacedHead, String headShapes) {

        /** Copies the list. */
        public LoadReport {
            replacedHead = List.copyOf(replacedHead);
        }

        /** Returns whether the head was left freshly initialized because its shape differed. */
        public boolean headReplaced() {
            return !replacedHead.isEmpty();
        }
    }

    /**
     * Copies every parameter (trainable and BatchNorm statistics) to F32 tensors.
     *
     * @param block an initialized block
     * @return tensors in the block's parameter order
     */
    public static List<NamedTensor> export(Block block) {
        List<NamedTensor> tensors = new ArrayList<>();
        for (Map.Entry<String, Parameter> e : TorchNames.of(block).entrySet()) {
            NDArray array = requireInitialized(e.getKey(), e.getValue());
            tensors.add(NamedTensor.ofFloats(e.getKey(), array.getShape().getShape(), array.toFloatArray()));
        }
        return tensors;
    }

    /**
     * Copies tensors into the block's parameters, in place.
     *
     * @param block an initialized block
     * @param tensors tensors named by {@link TorchNames}
     * @return how many were loaded and whether the head was replaced
     * @throws IllegalArgumentException naming the first tensor that is missing, unexpected, of
     *     another shape, or not floating-point; nothing is copied then
     */
    public static LoadReport load(Block block, List<NamedTensor> tensors) {
        Map<String, Parameter> parameters = TorchNames.of(block);
        List<String> head = headNames(block, parameters);
        Map<String, NamedTensor> byName = new LinkedHashMap<>();
        for (NamedTensor tensor : tensors) {
            if (tensor.name().equals(BATCH_COUNTER) || tensor.name().endsWith("." + BATCH_COUNTER)) {
                continue;
            }
            if (!parameters.containsKey(tensor.name())) {
                throw new IllegalArgumentException("tensor " + tensor.name() + " " + Arrays.toString(tensor.shape())
                        + " is not a parameter of the model"
                        + Suggestions.didYouMean(tensor.name(), List.copyOf(parameters.keySet())));
            }
            byName.put(tensor.name(), tensor);
        }
        List<String> mismatchedHead = new ArrayList<>();
        String headShapes = "";
        for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
            String name = e.getKey();
            long[] expected = requireInitialized(name, e.getValue()).getShape().getShape();
            NamedTensor tensor = byName.get(name);
            if (tensor == null) {
                throw new IllegalArgumentException("tensor " + name + " " + Arrays.toString(expected)
                        + " of the model is missing from the weights");
            }
            if (!Arrays.equals(expected, tensor.shape())) {
                if (head.contains(name)) {
                    mismatchedHead.add(name);
                    headShapes += (headShapes.isEmpty() ? "" : ", ") + name + " " + Arrays.toString(tensor.shape())
                            + " -> " + Arrays.toString(expected);
                    continue;
                }
                throw new IllegalArgumentException("tensor " + name + " has shape " + Arrays.toString(tensor.shape())
                        + " in the weights but " + Arrays.toString(expected) + " in the model");
            }
            switch (tensor.dtype()) {
                case F32, F64, F16, BF16 -> {}
                default ->
                    throw new IllegalArgumentException("tensor " + name + " holds " + tensor.dtype()
                            + " values; the model needs floating-point ones");
            }
        }
        if (!mismatchedHead.isEmpty() && mismatchedHead.size() != head.size()) {
            // Half a head (e.g. a new weight but the old bias) cannot come from a class-count change.
            List<String> kept = new ArrayList<>(head);
            kept.removeAll(mismatchedHead);
            throw new IllegalArgumentException("tensor " + kept.get(0) + " of the classification head matches the"
                    + " weights but " + mismatchedHead.get(0) + " does not");
        }
        int loaded = 0;
        for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
            if (mismatchedHead.contains(e.getKey())) {
                continue;
            }
            NDArray target = e.getValue().getArray();
            NamedTensor tensor = byName.get(e.getKey());
            try (NDManager scratch = target.getManager().newSubManager()) {
                NDArray source = scratch.create(tensor.toFloats(), new Shape(tensor.shape()));
                target.set(ALL, source);
            }
            loaded++;
        }
        return new LoadReport(loaded, mismatchedHead, headShapes);
    }

    /**
     * Returns the PyTorch names of the classification head: the parameters of the block's last
     * block with parameters, if that is a {@link Linear} layer; empty otherwise.
     */
    public static List<String> headNames(Block block, Map<String, Parameter> named) {
        Block last = lastWithParameters(block);
        if (!(last instanceof Linear)) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (Pair<String, Parameter> p : last.getDirectParameters()) {
            for (Map.Entry<String, Parameter> e : named.entrySet()) {
                if (e.getValue() == p.getValue()) {
                    names.add(e.getKey());
                }
            }
        }
        return names;
    }

    private static Block lastWithParameters(Block block) {
        List<Block> children = block.getChildren().values();
        for (int i = children.size() - 1; i >= 0; i--) {
            Block found = lastWithParameters(children.get(i));
            if (found != null) {
                return found;
            }
        }
        return block.getDirectParameters().isEmpty() ? null : block;
    }

    private static NDArray requireInitialized(String name, Parameter parameter) {
        if (!parameter.isInitialized()) {
            throw new IllegalStateException("parameter " + name + " is not initialized: initialize the block first");
        }
        return parameter.getArray();
    }
}
