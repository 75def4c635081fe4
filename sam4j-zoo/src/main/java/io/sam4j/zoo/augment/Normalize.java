package io.sam4j.zoo.augment;

import java.util.Arrays;
import java.util.Random;

/** Per-channel standardization {@code (x - mean[ch]) / std[ch]}, in place. Uses no randomness. */
public final class Normalize implements Augmentation {

    private final float[] mean;
    private final float[] std;

    /**
     * @param mean one mean per channel
     * @param std one positive standard deviation per channel
     */
    public Normalize(float[] mean, float[] std) {
        if (mean.length == 0 || mean.length != std.length) {
            throw new IllegalArgumentException("normalize needs one mean and one std per channel, got "
                    + Arrays.toString(mean) + " and " + Arrays.toString(std));
        }
        for (float s : std) {
            if (!(s > 0) || Float.isInfinite(s)) {
                throw new IllegalArgumentException(
                        "normalize std must be positive and finite, got " + Arrays.toString(std));
            }
        }
        this.mean = mean.clone();
        this.std = std.clone();
    }

    /** @return the number of channels this normalizes */
    public int channels() {
        return mean.length;
    }

    @Override
    public float[] apply(float[] chw, int c, int h, int w, Random rng) {
        return normalize(chw, c, h, w);
    }

    /** Normalizes {@code chw} in place and returns it. */
    public float[] normalize(float[] chw, int c, int h, int w) {
        Augmentation.checkShape(chw, c, h, w);
        if (c != mean.length) {
            throw new IllegalArgumentException("image has " + c + " channels, normalize has " + mean.length);
        }
        int plane = h * w;
        for (int ch = 0; ch < c; ch++) {
            float m = mean[ch];
            float s = std[ch];
            for (int k = ch * plane, end = k + plane; k < end; k++) {
                chw[k] = (chw[k] - m) / s;
            }
        }
        return chw;
    }

    @Override
    public String toString() {
        return "Normalize(mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + ")";
    }
}
