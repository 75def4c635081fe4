package io.sam4j.zoo.augment;

import java.util.Random;

/**
 * Cutout with one square position for the whole batch, as the official SAM code applies it
 * ({@code sam_jax/datasets/augmentation.py}, {@code cutout}: a single centre drawn with
 * {@code tf.random.uniform(shape=[])} per batch, the mask broadcast over the batch, after normalization).
 * The centre is drawn as {@link Cutout} draws it (row, then column) and the square is clipped the same way.
 */
public final class BatchCutout implements BatchAugmentation {

    private final Cutout cutout;

    /** @param size side of the square, at least 1 */
    public BatchCutout(int size) {
        this.cutout = new Cutout(size);
    }

    /** @return the side of the square */
    public int size() {
        return cutout.size();
    }

    @Override
    public void apply(float[] nchw, int n, int c, int h, int w, Random rng) {
        if (n < 0 || nchw.length != n * c * h * w) {
            throw new IllegalArgumentException("batch has " + nchw.length + " values, shape " + n + "x" + c + "x" + h
                    + "x" + w + " needs " + (long) n * c * h * w);
        }
        int cy = rng.nextInt(h);
        int cx = rng.nextInt(w);
        int image = c * h * w;
        float[] one = new float[image];
        for (int k = 0; k < n; k++) {
            System.arraycopy(nchw, k * image, one, 0, image);
            cutout.cut(one, c, h, w, cy, cx);
            System.arraycopy(one, 0, nchw, k * image, image);
        }
    }

    @Override
    public String toString() {
        return "BatchCutout(" + cutout.size() + ")";
    }
}
