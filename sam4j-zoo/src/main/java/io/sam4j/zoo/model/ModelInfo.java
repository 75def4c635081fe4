package io.sam4j.zoo.model;

import ai.djl.ndarray.types.Shape;
import java.util.OptionalInt;

/**
 * What a model is and how big it gets for a given input.
 *
 * @param name canonical model name, e.g. {@code resnet-20}
 * @param description one line on the architecture
 * @param citation the paper that defines it
 * @param inputShape the (C, H, W) shape the count was taken for
 * @param classes the number of classes the count was taken for
 * @param parameterCount number of trainable scalars (BatchNorm running statistics excluded)
 * @param defaultResolution the image side the model was designed for (e.g. 224 for EfficientNet-B0),
 *     empty for models without one
 */
public record ModelInfo(
        String name,
        String description,
        String citation,
        Shape inputShape,
        int classes,
        long parameterCount,
        OptionalInt defaultResolution) {}
