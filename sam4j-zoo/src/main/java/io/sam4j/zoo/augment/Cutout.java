package io.sam4j.zoo.augment;

import java.util.Random;

/**
 * Cutout (DeVries &amp; Taylor, 2017): sets a {@code size}×{@code size} square to 0 in every channel. The
 * square's centre is uniform over the image (row drawn first, then column, by {@code rng.nextInt}) and the
 * square is clipped at the borders, so near an edge less than {@code size²} pixels are cut, as in the
 * reference implementation. Place it after normalization so the cut region is 0 in normalized space, as
 * the reference does.
 */
public final class Cutout implements Augmentation {

    private final int size;

    /** @param size side of the square, at least 1 */
    public Cutout(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("cutout size must be at least 1, got " + size);
        }
        this.size = size;
    }

    /** @return the side of the square */
    public int size() {
        return size;
    }

    @Override
    public float[] apply(float[] chw, int c, int h, int w, Random rng) {
        int cy = rng.nextInt(h);
        int cx = rng.nextInt(w);
        return cut(chw, c, h, w, cy, cx);
    }

    /**
     * The deterministic part of {@link #apply}: zeroes rows {@code [cy - size/2, cy + size/2)} and columns
     * {@code [cx - size/2, cx + size/2)}, clipped to the image, in place.
     *
     * @return {@code chw}
     */
    public float[] cut(float[] chw, int c, int h, int w, int cy, int cx) {
        Augmentation.checkShape(chw, c, h, w);
        if (cy < 0 || cy >= h || cx < 0 || cx >= w) {
            throw new IllegalArgumentException(
                    "cutout centre (" + cy + ", " + cx + ") is outside the " + h + "x" + w + " image");
        }
        int y0 = Math.max(0, cy - size / 2);
        int y1 = Math.min(h, cy + size / 2);
        int x0 = Math.max(0, cx - size / 2);
        int x1 = Math.min(w, cx + size / 2);
        for (int ch = 0; ch < c; ch++) {
            for (int y = y0; y < y1; y++) {
                int row = (ch * h + y) * w;
                for (int x = x0; x < x1; x++) {
                    chw[row + x] = 0f;
                }
            }
        }
        return chw;
    }

    @Override
    public String toString() {
        return "Cutout(" + size + ")";
    }
}
