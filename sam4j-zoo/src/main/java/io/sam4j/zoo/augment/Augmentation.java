package io.sam4j.zoo.augment;

import java.util.Random;

/** A transformation of one image held as floats in C×H×W (channel-first, row-major) layout. */
@FunctionalInterface
public interface Augmentation {

    /**
     * @param chw the image, {@code c·h·w} values; implementations may modify it in place
     * @param c channels
     * @param h height
     * @param w width
     * @param rng the source of every random choice this transformation makes
     * @return the transformed image: {@code chw} itself or a new array of the same size
     */
    float[] apply(float[] chw, int c, int h, int w, Random rng);

    /** Checks that {@code chw} holds exactly {@code c·h·w} values. */
    static void checkShape(float[] chw, int c, int h, int w) {
        if (c < 1 || h < 1 || w < 1) {
            throw new IllegalArgumentException("image shape " + c + "x" + h + "x" + w + " must be positive");
        }
        if (chw.length != c * h * w) {
            throw new IllegalArgumentException("image has " + chw.length + " values, shape " + c + "x" + h + "x" + w
                    + " needs " + c * h * w);
        }
    }
}
