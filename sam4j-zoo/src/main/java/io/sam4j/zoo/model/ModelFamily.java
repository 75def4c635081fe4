package io.sam4j.zoo.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One architecture family of the {@link ModelCatalog}: it recognises its names and builds the
 * networks they denote.
 *
 * <p>Implement this to add a family (Shake-Shake, PyramidNet, ...), then register it in {@link
 * ModelCatalog#standard()} or pass it to {@link ModelCatalog#of(List)}.
 */
public interface ModelFamily {

    /**
     * Names as listed to users; patterns such as {@code wrn-D-K (e.g. wrn-16-4, wrn-28-10)} are
     * allowed here.
     *
     * @return display names, in the order they should be shown
     */
    List<String> displayNames();

    /**
     * Concrete names this family resolves, offered as "did you mean" suggestions.
     *
     * @return resolvable example names
     */
    List<String> exampleNames();

    /**
     * Parses a lower-case, trimmed name.
     *
     * @param name the candidate name
     * @return the spec, or empty if the name does not belong to this family
     * @throws IllegalArgumentException if the name belongs to this family but its hyper-parameters
     *     are invalid (e.g. {@code resnet-21})
     */
    Optional<ModelSpec> parse(String name);

    /**
     * Rejects input shapes this family cannot take; by default anything but (C, H, W) images.
     *
     * @param inputShape the shape of one example
     * @throws IllegalArgumentException naming the shape and what the family expects
     */
    default void checkInputShape(Shape inputShape) {
        if (inputShape.dimension() != 3) {
            throw new IllegalArgumentException("this model takes images, example shape (C, H, W), but the data give "
                    + inputShape + "; for signals use transformer-ts-*, for graphs gcn-*");
        }
        InputShapes.requireChannelsHeightWidth(inputShape);
    }

    /**
     * Returns the shapes to initialize a network with: by default one batch of one example. Families
     * whose networks take several inputs (graphs: features, edges, membership) override this.
     *
     * @param inputShape the shape of one example
     * @return one shape per network input
     */
    default Shape[] initializationShapes(Shape inputShape) {
        return new Shape[] {InputShapes.batchOf(1, inputShape)};
    }

    /**
     * Returns the example shape {@code sam4j models list} counts parameters for when none is given.
     *
     * @return by default CIFAR's (3, 32, 32)
     */
    default Shape defaultInputShape() {
        return new Shape(3, 32, 32);
    }

    /**
     * Returns the example shape {@code sam4j models list} counts one model's parameters for when none
     * is given.
     *
     * @param spec a spec produced by this family
     * @return by default {@link #defaultInputShape()}; families with a native resolution return it
     */
    default Shape defaultInputShape(ModelSpec spec) {
        return defaultInputShape();
    }

    /**
     * Returns the image side a model was designed for, e.g. 224 for EfficientNet-B0, 600 for B7.
     *
     * @param spec a spec produced by this family
     * @return the resolution, or empty where the family has none (by default)
     */
    default OptionalInt defaultResolution(ModelSpec spec) {
        return OptionalInt.empty();
    }

    /**
     * Returns the dropout and stochastic-depth rates the model's reference implementation trains
     * with, for callers that want them when the user sets none.
     *
     * @param spec a spec produced by this family
     * @return by default {@link ModelOptions#DEFAULTS}
     */
    default ModelOptions referenceOptions(ModelSpec spec) {
        return ModelOptions.DEFAULTS;
    }

    /**
     * Returns whether the family's networks have residual blocks that take a stochastic-depth
     * ({@link ModelOptions#dropConnect()}) rate.
     *
     * @return by default false
     */
    default boolean hasStochasticDepth() {
        return false;
    }

    /**
     * Returns the class count {@code sam4j models list} counts parameters for when none is given.
     *
     * @return by default 10
     */
    default int defaultClasses() {
        return 10;
    }

    /**
     * Builds an uninitialised network.
     *
     * @param spec a spec produced by this family's {@link #parse(String)}
     * @param inputShape (C, H, W) of one example, already validated
     * @param classes number of output logits, already validated
     * @param options dropout and similar options
     * @return a block mapping {@code (N, C, H, W)} to {@code (N, classes)}
     */
    Block build(ModelSpec spec, Shape inputShape, int classes, ModelOptions options);

    /**
     * Describes the network a spec denotes.
     *
     * @param spec a spec produced by this family
     * @return one line
     */
    String description(ModelSpec spec);

    /**
     * Returns the paper that defines this family.
     *
     * @return authors, year, title and venue
     */
    String citation();
}
