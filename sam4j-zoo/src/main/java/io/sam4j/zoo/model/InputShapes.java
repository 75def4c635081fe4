package io.sam4j.zoo.model;

import ai.djl.ndarray.types.Shape;

/** Checks and converts the per-example (C, H, W) shapes the catalog takes. */
final class InputShapes {

    private InputShapes() {}

    /** Rejects anything but three positive dimensions. */
    static void requireChannelsHeightWidth(Shape shape) {
        if (shape == null) {
            throw new IllegalArgumentException("input shape must be (C, H, W), got null");
        }
        if (shape.dimension() != 3 || shape.get(0) <= 0 || shape.get(1) <= 0 || shape.get(2) <= 0) {
            throw new IllegalArgumentException("input shape must be (C, H, W) with positive sizes, got " + shape);
        }
    }

    /** Rejects class counts that cannot form a logit vector. */
    static void requirePositiveClasses(int classes) {
        if (classes < 1) {
            throw new IllegalArgumentException("classes must be at least 1, got " + classes);
        }
    }

    /** Prepends a batch dimension: (C, H, W) becomes (batch, C, H, W). */
    static Shape batchOf(long batch, Shape channelsHeightWidth) {
        return new Shape(batch).addAll(channelsHeightWidth);
    }
}
