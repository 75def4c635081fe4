package io.sam4j.zoo.augment;

import java.util.Random;

/** Mirrors the image left-right with probability {@code p} (decided by {@code rng.nextDouble() < p}). */
public final class HorizontalFlip implements Augmentation {

    private final double p;

    /** A flip with probability 0.5. */
    public HorizontalFlip() {
        this(0.5);
    }

    /** @param p flip probability in [0, 1] */
    public HorizontalFlip(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("flip probability must be in [0, 1], got " + p);
        }
        this.p = p;
    }

    /** @return the flip probability */
    public double probability() {
        return p;
    }

    @Override
    public float[] apply(float[] chw, int c, int h, int w, Random rng) {
        Augmentation.checkShape(chw, c, h, w);
        return rng.nextDouble() < p ? flip(chw, c, h, w) : chw;
    }

    /** Mirrors every row of {@code chw} in place and returns it. */
    public static float[] flip(float[] chw, int c, int h, int w) {
        Augmentation.checkShape(chw, c, h, w);
        for (int row = 0; row < c * h; row++) {
            int start = row * w;
            for (int a = start, b = start + w - 1; a < b; a++, b--) {
                float t = chw[a];
                chw[a] = chw[b];
                chw[b] = t;
            }
        }
        return chw;
    }

    @Override
    public String toString() {
        return "HorizontalFlip(p=" + p + ")";
    }
}
