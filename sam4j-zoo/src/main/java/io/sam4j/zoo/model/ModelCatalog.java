package io.sam4j.zoo.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.sam4j.core.util.Suggestions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Resolves model names and builds the networks, e.g. {@code
 * catalog.build(catalog.resolve("wrn-28-10"), new Shape(3, 32, 32), 10, ModelOptions.DEFAULTS)}.
 *
 * <p>The standard catalog knows {@code mlp}, {@code cnn}, the CIFAR ResNets {@code resnet-(6n+2)}
 * (He et al. 2016, "Deep Residual Learning for Image Recognition") and the Wide ResNets {@code
 * wrn-D-K} (Zagoruyko &amp; Komodakis 2016, "Wide Residual Networks"), {@code shake-shake-D-2xKd}
 * (Gastaldi 2017), {@code pyramidnet-D-A[-shakedrop]} (Han et al. 2017; Yamada et al. 2018) and the
 * ImageNet ResNets {@code resnet-18/34/50/101/152} and EfficientNets {@code efficientnet-b0...b8,
 * -l2, -l2-475} (torchvision layout); see each {@link ModelFamily}
 * for details. Built blocks are uninitialised; seed with {@code
 * Engine.getInstance().setRandomSeed(seed)} before initialising them for reproducible weights.
 */
public final class ModelCatalog {

    private final List<ModelFamily> families;

    private ModelCatalog(List<ModelFamily> families) {
        this.families = List.copyOf(families);
    }

    /**
     * Returns whether a model name denotes an EfficientNet that pads as TensorFlow's "SAME" ({@code
     * tf-efficientnet-*}), whose weights differ in meaning from torchvision's {@code efficientnet_bN}.
     *
     * @param name a model name as given
     */
    public static boolean padsAsTensorFlow(String name) {
        String normalized = name.trim().toLowerCase(Locale.ROOT);
        return normalized.startsWith(EfficientNetFamily.TF_PREFIX + "efficientnet-")
                && new EfficientNetFamily().parse(normalized).isPresent();
    }

    /**
     * Returns the TensorFlow-"SAME" form of a torchvision-padded EfficientNet name ({@code efficientnet-b0}
     * gives {@code tf-efficientnet-b0}), the network the official SAM checkpoints were trained as.
     *
     * @param name a model name as given
     * @return the other form, or empty if the name is no torchvision-padded EfficientNet
     */
    public static Optional<String> tensorFlowPaddedForm(String name) {
        String normalized = name.trim().toLowerCase(Locale.ROOT);
        if (normalized.startsWith(EfficientNetFamily.TF_PREFIX)
                || new EfficientNetFamily().parse(normalized).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(EfficientNetFamily.TF_PREFIX + normalized);
    }

    /**
     * Returns the catalog of all families shipped with sam4j.
     *
     * @return the standard catalog
     */
    public static ModelCatalog standard() {
        return of(List.of(
                new MlpFamily(),
                new CnnFamily(),
                new CifarResNetFamily(),
                new WideResNetFamily(),
                new ShakeShakeFamily(),
                new PyramidNetFamily(),
                new ImageNetResNetFamily(),
                new EfficientNetFamily(),
                new TransformerTsFamily(),
                new GcnFamily()));
    }

    /**
     * Returns a catalog of the given families; earlier families win when several parse a name.
     *
     * @param families the families, in display order
     * @return the catalog
     */
    public static ModelCatalog of(List<ModelFamily> families) {
        if (families == null || families.isEmpty() || families.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("a catalog needs at least one family and no nulls, got " + families);
        }
        return new ModelCatalog(families);
    }

    /**
     * Returns a catalog with one more family, tried after the existing ones.
     *
     * @param family the family to add
     * @return a new catalog
     */
    public ModelCatalog with(ModelFamily family) {
        List<ModelFamily> extended = new ArrayList<>(families);
        extended.add(family);
        return of(extended);
    }

    /**
     * Names for help texts; families with a name pattern show it with examples.
     *
     * @return e.g. {@code [mlp, cnn, resnet-20, ..., wrn-D-K (e.g. wrn-16-4, wrn-28-10)]}
     */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        families.forEach(family -> names.addAll(family.displayNames()));
        return List.copyOf(names);
    }

    /**
     * Resolves a name, ignoring case and surrounding blanks.
     *
     * @param name e.g. {@code wrn-28-10}
     * @return the spec
     * @throws IllegalArgumentException if no family knows the name (the message suggests the
     *     closest known name), or a family knows it but rejects its hyper-parameters
     */
    public ModelSpec resolve(String name) {
        if (name == null) {
            throw new IllegalArgumentException("model name must not be null; known: " + known());
        }
        String normalized = name.trim().toLowerCase(Locale.ROOT);
        for (ModelFamily family : families) {
            Optional<ModelSpec> spec = family.parse(normalized);
            if (spec.isPresent()) {
                return spec.get();
            }
        }
        throw new IllegalArgumentException(unknownNameMessage(name, normalized));
    }

    /**
     * Builds an uninitialised network for the spec.
     *
     * @param spec a resolved name
     * @param inputShape (C, H, W) of one example, e.g. {@code new Shape(1, 28, 28)}
     * @param classes number of logits
     * @param options dropout and similar options
     * @return a block mapping {@code (N, C, H, W)} to logits {@code (N, classes)}
     */
    public Block build(ModelSpec spec, Shape inputShape, int classes, ModelOptions options) {
        if (spec == null) {
            throw new IllegalArgumentException("model spec must not be null");
        }
        if (options == null) {
            throw new IllegalArgumentException("model options must not be null, use DEFAULTS");
        }
        if (inputShape == null) {
            throw new IllegalArgumentException("input shape must not be null");
        }
        spec.family().checkInputShape(inputShape);
        InputShapes.requirePositiveClasses(classes);
        if (options.dropConnect() != 0f && !spec.family().hasStochasticDepth()) {
            throw new IllegalArgumentException(spec.name()
                    + " has no stochastic depth; the drop-connect rate must be 0," + " got " + options.dropConnect());
        }
        return spec.family().build(spec, inputShape, classes, options);
    }

    /**
     * Resolves and builds in one call.
     *
     * @param name e.g. {@code resnet-20}
     * @param inputShape (C, H, W) of one example
     * @param classes number of logits
     * @param options dropout and similar options
     * @return an uninitialised block
     */
    public Block build(String name, Shape inputShape, int classes, ModelOptions options) {
        return build(resolve(name), inputShape, classes, options);
    }

    /**
     * Describes a model and counts its trainable parameters for an input shape; builds and
     * allocates (without filling) the parameters of a throwaway copy, so it costs little time
     * and draws no random numbers.
     *
     * @param spec a resolved name
     * @param inputShape (C, H, W) of one example
     * @param classes number of logits
     * @return name, description, citation and parameter count
     */
    public ModelInfo info(ModelSpec spec, Shape inputShape, int classes) {
        Block block = build(spec, inputShape, classes, ModelOptions.DEFAULTS);
        // A throwaway copy: uninitialised memory is enough to learn the shapes, and skips drawing
        // 60M random numbers for resnet-152 (the engine's random state is left alone, too).
        block.setInitializer((manager, shape, dataType) -> manager.create(shape, dataType), p -> true);
        long count = ParameterCounter.countTrainable(block, spec.family().initializationShapes(inputShape));
        return new ModelInfo(
                spec.name(),
                spec.family().description(spec),
                spec.family().citation(),
                inputShape,
                classes,
                count,
                spec.family().defaultResolution(spec));
    }

    /**
     * Returns the image side a model was designed for.
     *
     * @param name e.g. {@code efficientnet-b3}
     * @return e.g. 300, or empty for models without a native resolution
     * @throws IllegalArgumentException for an unknown name
     */
    public OptionalInt defaultResolution(String name) {
        ModelSpec spec = resolve(name);
        return spec.family().defaultResolution(spec);
    }

    /**
     * Returns the dropout and stochastic-depth rates of a model's reference implementation.
     *
     * @param name e.g. {@code efficientnet-b0}
     * @return e.g. dropout 0.2 and drop-connect 0.2; {@link ModelOptions#DEFAULTS} for most models
     * @throws IllegalArgumentException for an unknown name
     */
    public ModelOptions referenceOptions(String name) {
        ModelSpec spec = resolve(name);
        return spec.family().referenceOptions(spec);
    }

    /**
     * Counts trainable parameters; see {@link ParameterCounter#countTrainable(Block, Shape)}.
     *
     * @param block the network
     * @param inputShape (C, H, W) of one example
     * @return number of trainable scalars
     */
    public static long parameterCount(Block block, Shape inputShape) {
        return ParameterCounter.countTrainable(block, inputShape);
    }

    private String unknownNameMessage(String name, String normalized) {
        List<String> candidates = new ArrayList<>();
        families.forEach(family -> candidates.addAll(family.exampleNames()));
        String suggestion = Suggestions.didYouMean(normalized, candidates);
        return "unknown model '" + name + "'" + suggestion + "; known: " + known();
    }

    private String known() {
        return String.join(", ", names());
    }
}
