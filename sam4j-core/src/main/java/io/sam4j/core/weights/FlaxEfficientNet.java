package io.sam4j.core.weights;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps the EfficientNet checkpoints of the SAM paper's official code (google-research/sam, {@code
 * sam_jax/efficientnet/efficientnet.py}, restored by {@code sam_jax/imagenet_models/load_model.py}
 * as the pair {@code (model, state)}) to torchvision's EfficientNet state-dict names, which sam4j's
 * {@code efficientnet-*} models carry.
 *
 * <p>Where the names come from. The official {@code EfficientNet.apply} calls {@code Stem}, then
 * {@code MBConvBlock} once per block (B0: 16), then {@code Head}, all without a {@code name}; each
 * {@code MBConvBlock} calls {@code SqueezeExcite} without one. The layers inside are named
 * explicitly by the official {@code conv2d()} helper: {@code conv2d} and {@code batch_normalization}
 * in stem and head, {@code expand_conv2d_<i>}, {@code depthwise_conv2d} (its parameter {@code
 * depthwise_kernel}, from the official {@code DepthwiseConv}), {@code project_conv2d_<i>} and {@code
 * batch_normalization_<j>} in a block, counting the convolutions and BatchNorms of the block from 0,
 * {@code reduce_conv2d_0}, {@code expand_conv2d_1} in the squeeze-and-excitation, and {@code dense}
 * in the head. flax 0.2.2, which the official code pins ({@code requirements.txt}), names a module
 * created without a name {@code ClassName_<counter>}, the counter counting the unnamed modules of the
 * parent ({@code flax/nn/base.py}, {@code Module.__new__}: {@code cls.__name__ + '_' +
 * parent.create_name()}). So module K of the network is {@code Stem_0} (K = 0), {@code
 * MBConvBlock_K} (K = 1..n) and {@code Head_<n+1>}, and every block's squeeze-and-excitation is
 * {@code SqueezeExcite_0}. Flax before commit 83c3f97 of 2020-03-30 ("Use better default names for
 * Module tree"; e.g. v0.1.0rc2) named them by the bare counter, {@code 0}, {@code K}, {@code n+1} and
 * {@code 0}; such checkpoints ({@link Naming#NUMBERED}) load too.
 *
 * <p>The Flax tree: {@code 0/params/<module>/...} are the parameters ({@code flax.nn.Model}'s state
 * dict is {@code {'params': ...}}); {@code 1/<module path>/<batch norm>/mean|var} are the BatchNorm
 * running statistics, a {@code flax.nn.Collection} whose state dict is a flat map keyed by module
 * path, such as {@code /MBConvBlock_3/batch_normalization_1} ({@code Collection.as_dict}). B0 has
 * 213 parameter arrays (5,288,548 values) and 49 statistics entries. Correspondence, for block K with
 * expansion (torchvision prefix {@code features.S.I.block}; without expansion the indices shift down
 * by one and the project layers are {@code project_conv2d_0}, {@code batch_normalization_1}):
 *
 * <pre>
 *   MBConvBlock_K/expand_conv2d_0/kernel             .0.0.weight     HWIO -> OIHW
 *   MBConvBlock_K/batch_normalization_0              .0.1.*          scale, bias, mean, var
 *   MBConvBlock_K/depthwise_conv2d/depthwise_kernel  .1.0.weight     (kh, kw, C, 1) -> (C, 1, kh, kw)
 *   MBConvBlock_K/batch_normalization_1              .1.1.*
 *   MBConvBlock_K/SqueezeExcite_0/reduce_conv2d_0    .2.fc1.weight, .2.fc1.bias   (kernel, bias)
 *   MBConvBlock_K/SqueezeExcite_0/expand_conv2d_1    .2.fc2.weight, .2.fc2.bias
 *   MBConvBlock_K/project_conv2d_1/kernel            .3.0.weight
 *   MBConvBlock_K/batch_normalization_2              .3.1.*
 *   Stem_0/conv2d, Stem_0/batch_normalization        features.0.0.weight, features.0.1.*
 *   Head_n+1/conv2d, Head_n+1/batch_normalization    features.8.0.weight, features.8.1.*
 *   Head_n+1/dense/kernel, bias                      classifier.1.weight (transposed), classifier.1.bias
 * </pre>
 *
 * BatchNorm {@code scale} is torchvision's {@code weight}. The official BatchNorm uses epsilon 1e-3;
 * a model whose BatchNorm adds another epsilon gets running variances raised by the difference, so
 * that var + epsilon, and with it every normalisation in inference, is the checkpoint's.
 *
 * <p>Checkpoints of official training runs ({@code optimizer/target/params/...}, {@code
 * model_state/...}) are read too; their optimizer state and epoch are ignored.
 *
 * <p>The mapping is strict: a tensor the model needs that the checkpoint lacks, a checkpoint tensor
 * nothing takes, or a shape that differs (except the head's, which {@link ModelWeights#load} handles
 * as a class-count change) fails with one line naming the Flax path and the torchvision name.
 */
public final class FlaxEfficientNet {

    /** The BatchNorm epsilon of the official code's {@code ModelConfig}. */
    public static final float FLAX_EPSILON = 1e-3f;

    private static final Pattern BLOCK = Pattern.compile("features\\.(\\d+)\\.(\\d+)\\.block\\..*");
    private static final String HEAD = "classifier.1.";
    private static final String TRAINING_PARAMS = "optimizer/target/params/";
    private static final String TRAINING_STATE = "model_state/";

    private enum Layout {
        CONV,
        DEPTHWISE,
        DENSE,
        VECTOR,
        VARIANCE
    }

    private record Entry(String flax, String torch, Layout layout) {}

    /** How the Flax that wrote a checkpoint named the official code's unnamed modules. */
    public enum Naming {
        /** flax 0.2.2 (the official code's pin) and every flax.nn after 2020-03-30: {@code Stem_0}. */
        FLAX_0_2("Stem_0", "MBConvBlock_", "Head_", "SqueezeExcite_0"),
        /** flax before 2020-03-30: the bare counter, {@code 0}, {@code 1}, ... */
        NUMBERED("0", "", "", "0");

        private final String stem;
        private final String blockPrefix;
        private final String headPrefix;
        private final String squeezeExcite;

        Naming(String stem, String blockPrefix, String headPrefix, String squeezeExcite) {
            this.stem = stem;
            this.blockPrefix = blockPrefix;
            this.headPrefix = headPrefix;
            this.squeezeExcite = squeezeExcite;
        }
    }

    private FlaxEfficientNet() {}

    /**
     * Maps a checkpoint onto an initialized model's torchvision names.
     *
     * @param checkpoint the Flax checkpoint
     * @param block an initialized {@code efficientnet-*} model
     * @param modelEpsilon the epsilon the model's BatchNorm layers add to the variance
     * @return tensors named by {@link TorchNames}, ready for {@link ModelWeights#load}
     * @throws IllegalArgumentException naming the first tensor that is missing, extra or misshapen
     */
    public static List<NamedTensor> toTorchvision(FlaxCheckpoint checkpoint, Block block, float modelEpsilon) {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : TorchNames.of(block).entrySet()) {
            if (!e.getValue().isInitialized()) {
                throw new IllegalStateException("parameter " + e.getKey() + " is not initialized");
            }
            shapes.put(e.getKey(), e.getValue().getArray().getShape().getShape());
        }
        return toTorchvision(checkpoint, shapes, modelEpsilon);
    }

    /**
     * Maps a checkpoint onto torchvision names, given the model's tensor shapes.
     *
     * @param checkpoint the Flax checkpoint
     * @param model torchvision name to shape, for every tensor of the model
     * @param modelEpsilon the epsilon the model's BatchNorm layers add to the variance
     * @return the tensors, in the model's order
     * @throws IllegalArgumentException naming the first tensor that is missing, extra or misshapen
     */
    public static List<NamedTensor> toTorchvision(
            FlaxCheckpoint checkpoint, Map<String, long[]> model, float modelEpsilon) {
        Map<String, NamedTensor> file = asModelAndState(checkpoint.tensors());
        List<Entry> entries = entries(model, naming(file.keySet()));
        String where = "Flax checkpoint " + checkpoint.file();
        Map<String, Entry> byFlax = new LinkedHashMap<>();
        for (Entry e : entries) {
            byFlax.put(e.flax(), e);
        }
        for (String path : file.keySet()) {
            if (!byFlax.containsKey(path)) {
                throw new IllegalArgumentException(where + " has " + path + " "
                        + Arrays.toString(file.get(path).shape())
                        + ", which no tensor of the model takes (a checkpoint of another EfficientNet size?)");
            }
        }
        List<NamedTensor> out = new ArrayList<>();
        for (Entry e : entries) {
            NamedTensor source = file.get(e.flax());
            if (source == null) {
                boolean layoutKnown = file.keySet().stream().anyMatch(p -> p.startsWith("0/params/"));
                throw new IllegalArgumentException(where + " lacks " + e.flax() + ", which initializes " + e.torch()
                        + (layoutKnown
                                ? ""
                                : " (expected the (model, state) pair that sam_jax's load_model.py restores:"
                                        + " 0/params/... and 1/...)"));
            }
            NamedTensor mapped = convert(source, e, modelEpsilon, where);
            long[] expected = model.get(e.torch());
            if (!Arrays.equals(mapped.shape(), expected) && !e.torch().startsWith(HEAD)) {
                throw new IllegalArgumentException(where + ": " + e.flax() + " " + Arrays.toString(source.shape())
                        + " gives " + e.torch() + " " + Arrays.toString(mapped.shape()) + " but the model's is "
                        + Arrays.toString(expected));
            }
            out.add(mapped);
        }
        return out;
    }

    /**
     * Returns how a checkpoint names the official code's modules: {@link Naming#NUMBERED} if its stem
     * is module {@code 0}, else {@link Naming#FLAX_0_2} (also for a checkpoint with neither, so that
     * what is missing is named as the official code's flax names it).
     *
     * @param checkpoint a checkpoint in either layout
     * @return its naming
     */
    public static Naming naming(FlaxCheckpoint checkpoint) {
        return naming(asModelAndState(checkpoint.tensors()).keySet());
    }

    private static Naming naming(Set<String> paths) {
        boolean numbered = paths.stream().anyMatch(p -> p.startsWith("0/params/0/"));
        boolean named = paths.stream().anyMatch(p -> p.startsWith("0/params/" + Naming.FLAX_0_2.stem + "/"));
        return numbered && !named ? Naming.NUMBERED : Naming.FLAX_0_2;
    }

    /**
     * Returns the tensors of a checkpoint in the {@code (model, state)} layout. A checkpoint of an
     * official training run ({@code flax_training.save_checkpoint}: {@code optimizer/target/params/...},
     * {@code optimizer/state/...}, {@code model_state/...}, {@code epoch}) holds the same model under
     * other prefixes; its optimizer state and epoch are not model tensors and are left out.
     */
    private static Map<String, NamedTensor> asModelAndState(Map<String, NamedTensor> tensors) {
        if (tensors.keySet().stream().noneMatch(p -> p.startsWith(TRAINING_PARAMS))) {
            return tensors;
        }
        Map<String, NamedTensor> out = new LinkedHashMap<>();
        tensors.forEach((path, tensor) -> {
            if (path.startsWith(TRAINING_PARAMS)) {
                out.put("0/params/" + path.substring(TRAINING_PARAMS.length()), tensor);
            } else if (path.startsWith(TRAINING_STATE)) {
                out.put("1/" + path.substring(TRAINING_STATE.length()), tensor);
            } else if (!path.startsWith("optimizer/state/") && !path.equals("epoch")) {
                out.put(path, tensor);
            }
        });
        return out;
    }

    /**
     * The inverse of {@link #toTorchvision(FlaxCheckpoint, Map, float)}: lays torchvision-named
     * EfficientNet tensors out as the official code's {@code (model, state)} checkpoint tree, for
     * {@link FlaxCheckpoint#write}. The BatchNorm statistics go into a {@code flax.nn.Collection}
     * keyed by module path ({@code /MBConvBlock_1/batch_normalization_0}), as Flax saves it. Modules
     * are named as flax 0.2.2 names them.
     *
     * @param tensors every tensor of an EfficientNet, named by {@link TorchNames}
     * @param modelEpsilon the epsilon of the model's BatchNorm layers
     * @return nested maps whose leaves are tensors
     */
    public static Map<String, Object> toFlaxTree(List<NamedTensor> tensors, float modelEpsilon) {
        return toFlaxTree(tensors, modelEpsilon, Naming.FLAX_0_2);
    }

    /**
     * As {@link #toFlaxTree(List, float)}, with the modules named as {@code naming} says.
     *
     * @param tensors every tensor of an EfficientNet, named by {@link TorchNames}
     * @param modelEpsilon the epsilon of the model's BatchNorm layers
     * @param naming how the unnamed modules are named
     * @return nested maps whose leaves are tensors
     */
    public static Map<String, Object> toFlaxTree(List<NamedTensor> tensors, float modelEpsilon, Naming naming) {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        Map<String, NamedTensor> byName = new LinkedHashMap<>();
        for (NamedTensor t : tensors) {
            if (!t.name().endsWith("num_batches_tracked")) {
                shapes.put(t.name(), t.shape());
                byName.put(t.name(), t);
            }
        }
        Map<String, Object> params = new LinkedHashMap<>();
        Map<String, Object> collection = new LinkedHashMap<>();
        for (Entry e : entries(shapes, naming)) {
            NamedTensor t = byName.get(e.torch());
            long[] shape = t.shape();
            NamedTensor leaf = switch (e.layout()) {
                case CONV -> permute(t, shape, new int[] {2, 3, 1, 0}, e.flax());
                case DEPTHWISE -> permute(t, shape, new int[] {2, 3, 0, 1}, e.flax());
                case DENSE -> permute(t, shape, new int[] {1, 0}, e.flax());
                case VECTOR -> t;
                case VARIANCE -> {
                    float[] variance = t.toFloats();
                    for (int i = 0; i < variance.length; i++) {
                        variance[i] -= FLAX_EPSILON - modelEpsilon;
                    }
                    yield NamedTensor.ofFloats(e.flax(), shape, variance);
                }
            };
            String[] path = e.flax().split("/");
            if (path[0].equals("0")) {
                nest(params, Arrays.copyOfRange(path, 2, path.length), leaf);
            } else {
                String module = "/" + String.join("/", Arrays.copyOfRange(path, 1, path.length - 1));
                nest(collection, new String[] {module, path[path.length - 1]}, leaf);
            }
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("params", params);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("0", model);
        root.put("1", collection);
        return root;
    }

    @SuppressWarnings("unchecked")
    private static void nest(Map<String, Object> root, String[] path, NamedTensor leaf) {
        Map<String, Object> map = root;
        for (int i = 0; i < path.length - 1; i++) {
            map = (Map<String, Object>) map.computeIfAbsent(path[i], k -> new LinkedHashMap<String, Object>());
        }
        map.put(path[path.length - 1], leaf);
    }

    /** Lists, in the model's order, the Flax path each tensor of the model comes from. */
    private static List<Entry> entries(Map<String, long[]> model, Naming naming) {
        TreeSet<List<Integer>> blocks = new TreeSet<>((a, b) ->
                a.get(0).equals(b.get(0)) ? Integer.compare(a.get(1), b.get(1)) : Integer.compare(a.get(0), b.get(0)));
        for (String name : model.keySet()) {
            Matcher m = BLOCK.matcher(name);
            if (m.matches()) {
                blocks.add(List.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
            }
        }
        if (blocks.isEmpty() || !model.containsKey("features.0.0.weight") || !model.containsKey(HEAD + "weight")) {
            throw new IllegalArgumentException("the model is not an EfficientNet in torchvision's layout"
                    + " (features.0.0.weight, features.S.I.block..., classifier.1.weight); Flax EfficientNet"
                    + " checkpoints load only into efficientnet-* models");
        }
        int topStage = blocks.last().get(0) + 1;
        Map<String, Entry> byTorch = new LinkedHashMap<>();
        convNorm(byTorch, naming.stem, "features.0", "conv2d", "batch_normalization", false);
        int k = 1;
        for (List<Integer> b : blocks) {
            String p = "features." + b.get(0) + "." + b.get(1) + ".block";
            boolean expanded = model.containsKey(p + ".3.0.weight");
            String flax = naming.blockPrefix + k;
            String se = "0/params/" + flax + "/" + naming.squeezeExcite + "/";
            int layer = 0;
            int bn = 0;
            if (expanded) {
                convNorm(byTorch, flax, p + "." + layer++, "expand_conv2d_0", "batch_normalization_" + bn++, false);
            }
            convNorm(byTorch, flax, p + "." + layer++, "depthwise_conv2d", "batch_normalization_" + bn++, true);
            String fc = p + "." + layer++;
            put(byTorch, new Entry(se + "reduce_conv2d_0/kernel", fc + ".fc1.weight", Layout.CONV));
            put(byTorch, new Entry(se + "reduce_conv2d_0/bias", fc + ".fc1.bias", Layout.VECTOR));
            put(byTorch, new Entry(se + "expand_conv2d_1/kernel", fc + ".fc2.weight", Layout.CONV));
            put(byTorch, new Entry(se + "expand_conv2d_1/bias", fc + ".fc2.bias", Layout.VECTOR));
            convNorm(
                    byTorch,
                    flax,
                    p + "." + layer,
                    "project_conv2d_" + (expanded ? 1 : 0),
                    "batch_normalization_" + bn,
                    false);
            k++;
        }
        String head = naming.headPrefix + k;
        convNorm(byTorch, head, "features." + topStage, "conv2d", "batch_normalization", false);
        put(byTorch, new Entry("0/params/" + head + "/dense/kernel", HEAD + "weight", Layout.DENSE));
        put(byTorch, new Entry("0/params/" + head + "/dense/bias", HEAD + "bias", Layout.VECTOR));
        List<Entry> ordered = new ArrayList<>();
        for (String name : model.keySet()) {
            Entry e = byTorch.remove(name);
            if (e == null) {
                throw new IllegalArgumentException("tensor " + name + " of the model has no counterpart in the"
                        + " official EfficientNet layout; is the model an efficientnet-*?");
            }
            ordered.add(e);
        }
        if (!byTorch.isEmpty()) {
            String name = byTorch.keySet().iterator().next();
            throw new IllegalArgumentException(
                    "the model lacks " + name + ", which an EfficientNet in torchvision's layout has");
        }
        return ordered;
    }

    private static void convNorm(
            Map<String, Entry> out, String module, String torch, String conv, String norm, boolean depthwise) {
        String params = "0/params/" + module + "/";
        String stats = "1/" + module + "/" + norm + "/";
        put(
                out,
                new Entry(
                        params + conv + (depthwise ? "/depthwise_kernel" : "/kernel"),
                        torch + ".0.weight",
                        depthwise ? Layout.DEPTHWISE : Layout.CONV));
        put(out, new Entry(params + norm + "/scale", torch + ".1.weight", Layout.VECTOR));
        put(out, new Entry(params + norm + "/bias", torch + ".1.bias", Layout.VECTOR));
        put(out, new Entry(stats + "mean", torch + ".1.running_mean", Layout.VECTOR));
        put(out, new Entry(stats + "var", torch + ".1.running_var", Layout.VARIANCE));
    }

    private static void put(Map<String, Entry> out, Entry e) {
        out.put(e.torch(), e);
    }

    private static NamedTensor convert(NamedTensor source, Entry e, float modelEpsilon, String where) {
        long[] shape = source.shape();
        return switch (e.layout()) {
            case CONV -> permute(source, requireRank(source, 4, e, where), new int[] {3, 2, 0, 1}, e.torch());
            case DEPTHWISE -> {
                requireRank(source, 4, e, where);
                if (shape[3] != 1) {
                    throw new IllegalArgumentException(where + ": depthwise kernel " + e.flax() + " "
                            + Arrays.toString(shape) + " has channel multiplier " + shape[3] + ", not 1");
                }
                yield permute(source, shape, new int[] {2, 3, 0, 1}, e.torch());
            }
            case DENSE -> permute(source, requireRank(source, 2, e, where), new int[] {1, 0}, e.torch());
            case VECTOR -> new NamedTensor(e.torch(), source.dtype(), requireRank(source, 1, e, where), source.data());
            case VARIANCE -> {
                requireRank(source, 1, e, where);
                float[] variance = source.toFloats();
                float shift = FLAX_EPSILON - modelEpsilon;
                if (shift != 0f) {
                    for (int i = 0; i < variance.length; i++) {
                        variance[i] += shift;
                    }
                }
                yield NamedTensor.ofFloats(e.torch(), shape, variance);
            }
        };
    }

    private static long[] requireRank(NamedTensor t, int rank, Entry e, String where) {
        if (t.shape().length != rank) {
            throw new IllegalArgumentException(where + ": " + e.flax() + " " + Arrays.toString(t.shape()) + " should"
                    + " have " + rank + " dimensions to give " + e.torch());
        }
        return t.shape();
    }

    /**
     * Reorders the axes of a row-major tensor: output axis i is input axis {@code axes[i]} (NumPy's
     * {@code transpose(axes)}).
     */
    static NamedTensor permute(NamedTensor t, long[] shape, int[] axes, String name) {
        int rank = shape.length;
        long[] outShape = new long[rank];
        for (int i = 0; i < rank; i++) {
            outShape[i] = shape[axes[i]];
        }
        long[] inStrides = strides(shape);
        int width = t.dtype().bytes();
        byte[] in = t.data();
        byte[] out = new byte[in.length];
        long[] index = new long[rank];
        int elements = Math.toIntExact(NamedTensor.elements(outShape));
        for (int o = 0; o < elements; o++) {
            long source = 0;
            for (int i = 0; i < rank; i++) {
                source += index[i] * inStrides[axes[i]];
            }
            System.arraycopy(in, (int) source * width, out, o * width, width);
            for (int i = rank - 1; i >= 0; i--) {
                if (++index[i] < outShape[i]) {
                    break;
                }
                index[i] = 0;
            }
        }
        return new NamedTensor(name, t.dtype(), outShape, out);
    }

    private static long[] strides(long[] shape) {
        long[] strides = new long[shape.length];
        long stride = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            strides[i] = stride;
            stride *= shape[i];
        }
        return strides;
    }
}
