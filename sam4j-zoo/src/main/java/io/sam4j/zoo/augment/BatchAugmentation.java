package io.sam4j.zoo.augment;

import java.util.Random;

/**
 * A transformation of a whole mini-batch, applied after every image of it went through the per-image
 * {@link Augmentation}s, for augmentations whose random choice is shared by the batch.
 */
@FunctionalInterface
public interface BatchAugmentation {

    /**
     * Transforms the batch in place.
     *
     * @param nchw {@code n·c·h·w} values, N×C×H×W row-major
     * @param n images in the batch
     * @param c channels
     * @param h height
     * @param w width
     * @param rng the source of every random choice, one per batch
     */
    void apply(float[] nchw, int n, int c, int h, int w, Random rng);
}
