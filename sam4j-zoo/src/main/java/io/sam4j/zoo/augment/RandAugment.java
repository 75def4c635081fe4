package io.sam4j.zoo.augment;

import java.util.List;
import java.util.Random;

/**
 * RandAugment (Cubuk et al., 2020, "RandAugment: Practical automated data augmentation with a reduced
 * search space"): applies {@code n} operations, each drawn uniformly ({@code rng.nextInt}) with replacement
 * from the paper's 14 (identity, autocontrast, equalize, rotate, solarize, color, posterize, contrast,
 * brightness, sharpness, shear x/y, translate x/y), all at the one magnitude {@code m}.
 *
 * <p>{@code m} is on the AutoAugment scale 0–10 (the paper's and its official code's {@code _MAX_LEVEL = 10};
 * 10 is the largest AutoAugment magnitude, see {@link AugmentOp}). torchvision's {@code RandAugment} uses a
 * 0–30 scale instead, so its {@code magnitude=9} is {@code m = 3} here.
 */
public final class RandAugment implements Augmentation {

    /** The paper's 14 operations. */
    public static final List<AugmentOp> OPS = List.of(
            AugmentOp.IDENTITY,
            AugmentOp.AUTO_CONTRAST,
            AugmentOp.EQUALIZE,
            AugmentOp.ROTATE,
            AugmentOp.SOLARIZE,
            AugmentOp.COLOR,
            AugmentOp.POSTERIZE,
            AugmentOp.CONTRAST,
            AugmentOp.BRIGHTNESS,
            AugmentOp.SHARPNESS,
            AugmentOp.SHEAR_X,
            AugmentOp.SHEAR_Y,
            AugmentOp.TRANSLATE_X,
            AugmentOp.TRANSLATE_Y);

    private final int n;
    private final int m;

    /**
     * @param n operations per image, at least 1
     * @param m magnitude in [0, 10]
     */
    public RandAugment(int n, int m) {
        if (n < 1) {
            throw new IllegalArgumentException("RandAugment N must be at least 1, got " + n);
        }
        if (m < 0 || m > AugmentOp.MAX_MAGNITUDE) {
            throw new IllegalArgumentException("RandAugment M must be in [0, 10], got " + m);
        }
        this.n = n;
        this.m = m;
    }

    /** @return operations per image */
    public int n() {
        return n;
    }

    /** @return the magnitude */
    public int m() {
        return m;
    }

    @Override
    public float[] apply(float[] chw, int c, int h, int w, Random rng) {
        Augmentation.checkShape(chw, c, h, w);
        float[] out = chw;
        for (int i = 0; i < n; i++) {
            out = OPS.get(rng.nextInt(OPS.size())).apply(out, c, h, w, m, rng);
        }
        return out;
    }

    @Override
    public String toString() {
        return "RandAugment(N=" + n + ", M=" + m + ")";
    }
}
