package io.sam4j.zoo.augment;

import java.util.Random;

/**
 * Takes the central {@code size}×{@code size} square, starting at row {@code round((h − size)/2)} and
 * column {@code round((w − size)/2)}, as torchvision's {@code CenterCrop} computes them:
 * {@code int(round((h - size) / 2.0))} with Python's round half to even, so an odd difference rounds to
 * the even offset (37 → 32: row 2, not 3). Uses no randomness. The image must be at least {@code size}
 * on each side.
 */
public final class CenterCrop implements Augmentation {

    private final int size;

    /** @param size side of the output square, at least 1 */
    public CenterCrop(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("center crop size must be at least 1, got " + size);
        }
        this.size = size;
    }

    /** @return the side of the output square */
    public int size() {
        return size;
    }

    @Override
    public int[] outputShape(int c, int h, int w) {
        if (h < size || w < size) {
            throw new IllegalArgumentException(
                    "center crop " + size + "x" + size + " does not fit a " + h + "x" + w + " image");
        }
        return new int[] {c, size, size};
    }

    @Override
    public float[] apply(float[] chw, int c, int h, int w, Random rng) {
        Augmentation.checkShape(chw, c, h, w);
        outputShape(c, h, w);
        int top = offset(h);
        int left = offset(w);
        float[] out = new float[c * size * size];
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < size; y++) {
                System.arraycopy(chw, (ch * h + top + y) * w + left, out, (ch * size + y) * size, size);
            }
        }
        return out;
    }

    /** Python's {@code round} rounds half to even, as {@link Math#rint} does; {@link Math#round} rounds it up. */
    private int offset(int side) {
        return (int) Math.rint((side - size) / 2.0);
    }

    @Override
    public String toString() {
        return "CenterCrop(" + size + ")";
    }
}
