package io.sam4j.zoo.augment;

import java.util.Random;

/**
 * A transformation of one image held as floats in C×H×W (channel-first, row-major) layout.
 *
 * <p>Most augmentations keep the shape; those that change it (crops to a fixed size) override
 * {@link #outputShape}, so that a pipeline and the data loader know the shape of what comes out
 * before they run.
 */
@FunctionalInterface
public interface Augmentation {

    /**
     * @param chw the image, {@code c·h·w} values; implementations may modify it in place
     * @param c channels
     * @param h height
     * @param w width
     * @param rng the source of every random choice this transformation makes
     * @return the transformed image: {@code chw} itself or a new array, of the shape
     *     {@link #outputShape outputShape(c, h, w)}
     */
    float[] apply(float[] chw, int c, int h, int w, Random rng);

    /**
     * The shape of what {@link #apply} returns for a {@code c×h×w} input; the same shape unless overridden.
     *
     * @return {@code {c', h', w'}}
     * @throws IllegalArgumentException if this augmentation cannot take that input shape
     */
    default int[] outputShape(int c, int h, int w) {
        return new int[] {c, h, w};
    }

    /** Checks that {@code chw} holds exactly {@code c·h·w} values. */
    static void checkShape(float[] chw, int c, int h, int w) {
        if (c < 1 || h < 1 || w < 1) {
            throw new IllegalArgumentException("image shape " + c + "x" + h + "x" + w + " must be positive");
        }
        if (chw.length != c * h * w) {
            throw new IllegalArgumentException(
                    "image has " + chw.length + " values, shape " + c + "x" + h + "x" + w + " needs " + c * h * w);
        }
    }
}
