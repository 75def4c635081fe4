package io.sam4j.zoo.augment;

import java.util.Objects;
import java.util.Random;

/**
 * Pads each side of the image by {@code padding} pixels, then takes an H×W crop whose top-left corner is
 * uniform in {@code [0, 2·padding]²} (the standard CIFAR "pad 4, crop 32" augmentation). The row offset is
 * drawn first, then the column offset, each by {@code rng.nextInt(2·padding + 1)}.
 */
public final class RandomCrop implements Augmentation {

    private final int padding;
    private final PaddingMode mode;

    /**
     * @param padding pixels added on each side, at least 0
     * @param mode how the border is filled
     */
    public RandomCrop(int padding, PaddingMode mode) {
        if (padding < 0) {
            throw new IllegalArgumentException("crop padding must be at least 0, got " + padding);
        }
        this.padding = padding;
        this.mode = Objects.requireNonNull(mode, "mode");
    }

    /** @return the padding on each side */
    public int padding() {
        return padding;
    }

    /** @return the padding mode */
    public PaddingMode mode() {
        return mode;
    }

    @Override
    public float[] apply(float[] chw, int c, int h, int w, Random rng) {
        int top = rng.nextInt(2 * padding + 1);
        int left = rng.nextInt(2 * padding + 1);
        return crop(chw, c, h, w, top, left);
    }

    /**
     * The deterministic part of {@link #apply}: the crop at a given offset of the padded image.
     *
     * @param top row of the padded image where the crop starts, in {@code [0, 2·padding]}
     * @param left column of the padded image where the crop starts, in {@code [0, 2·padding]}
     * @return a new C×H×W array
     */
    public float[] crop(float[] chw, int c, int h, int w, int top, int left) {
        Augmentation.checkShape(chw, c, h, w);
        if (top < 0 || top > 2 * padding || left < 0 || left > 2 * padding) {
            throw new IllegalArgumentException(
                    "crop offset (" + top + ", " + left + ") is outside [0, " + 2 * padding + "]");
        }
        float[] out = new float[chw.length];
        for (int ch = 0; ch < c; ch++) {
            int plane = ch * h * w;
            for (int y = 0; y < h; y++) {
                int sy = source(y + top - padding, h);
                for (int x = 0; x < w; x++) {
                    int sx = source(x + left - padding, w);
                    out[plane + y * w + x] = sy < 0 || sx < 0 ? 0f : chw[plane + sy * w + sx];
                }
            }
        }
        return out;
    }

    /** @return the source index for a position {@code i} relative to the original image, or -1 for zero */
    private int source(int i, int n) {
        if (i >= 0 && i < n) {
            return i;
        }
        if (mode == PaddingMode.ZERO) {
            return -1;
        }
        return reflect(i, n);
    }

    /** numpy 'reflect': mirror about the edge pixels, period 2(n-1); a 1-pixel axis is constant. */
    static int reflect(int i, int n) {
        if (n == 1) {
            return 0;
        }
        int period = 2 * (n - 1);
        int k = Math.floorMod(i, period);
        return k < n ? k : period - k;
    }

    @Override
    public String toString() {
        return "RandomCrop(padding=" + padding + ", " + mode + ")";
    }
}
