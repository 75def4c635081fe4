package io.sam4j.zoo.augment;

import java.util.Random;

/**
 * Takes the central {@code size}×{@code size} square, starting at row {@code round((h − size)/2)} and
 * column {@code round((w − size)/2)} (torchvision's {@code CenterCrop}). Uses no randomness. The image must
 * be at least {@code size} on each side.
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
        int top = (int) Math.round((h - size) / 2.0);
        int left = (int) Math.round((w - size) / 2.0);
        float[] out = new float[c * size * size];
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < size; y++) {
                System.arraycopy(chw, (ch * h + top + y) * w + left, out, (ch * size + y) * size, size);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "CenterCrop(" + size + ")";
    }
}
