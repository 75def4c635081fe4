package io.sam4j.zoo.augment;

/**
 * The deterministic image operations of AutoAugment and RandAugment, on C×H×W float images with values in
 * [0, 1], defined as the Python Imaging Library (PIL) defines them on 8-bit images, which is what the
 * reference implementations of Cubuk et al. call.
 *
 * <p>Where PIL's operation is defined on integer levels (posterize, solarize's threshold, equalize's and
 * autocontrast's histograms) a value {@code x} is read as the level {@code round(255·x)} and the result is
 * written back as {@code level / 255}, so an image that came from bytes behaves exactly as its 8-bit
 * original. The blends of PIL's {@code ImageEnhance} (brightness, color, contrast, sharpness) are computed in
 * floating point, without PIL's truncation to integers, and clipped to [0, 1].
 *
 * <p>Colour operations use PIL's luma {@code L = 0.299 R + 0.587 G + 0.114 B} for 3-channel images and the
 * channel itself for 1-channel images. Every method works in place and returns its argument, except the
 * geometric ones, which return a new array.
 */
public final class ImageOps {

    /** PIL's ITU-R 601-2 luma weights, as in {@code Image.convert("L")}. */
    private static final float LUMA_R = 0.299f;

    private static final float LUMA_G = 0.587f;
    private static final float LUMA_B = 0.114f;

    private ImageOps() {}

    /** @return the 8-bit level of a [0, 1] value: {@code round(255·x)} clipped to [0, 255] */
    public static int level(float x) {
        int q = Math.round(x * 255f);
        return q < 0 ? 0 : Math.min(q, 255);
    }

    /** {@code x → 1 − x} (PIL {@code ImageOps.invert}). */
    public static float[] invert(float[] chw) {
        for (int i = 0; i < chw.length; i++) {
            chw[i] = 1f - chw[i];
        }
        return chw;
    }

    /**
     * Keeps the {@code bits} most significant bits of each level (PIL {@code ImageOps.posterize}).
     *
     * @param bits in [0, 8]; 8 keeps the image, 0 makes it black
     */
    public static float[] posterize(float[] chw, int bits) {
        if (bits < 0 || bits > 8) {
            throw new IllegalArgumentException("posterize bits must be in [0, 8], got " + bits);
        }
        int mask = (0xFF << (8 - bits)) & 0xFF;
        for (int i = 0; i < chw.length; i++) {
            chw[i] = (level(chw[i]) & mask) / 255f;
        }
        return chw;
    }

    /**
     * Inverts every value whose level is at least {@code threshold} (PIL {@code ImageOps.solarize}).
     *
     * @param threshold in [0, 256]; 256 leaves the image unchanged, 0 inverts all of it
     */
    public static float[] solarize(float[] chw, int threshold) {
        if (threshold < 0 || threshold > 256) {
            throw new IllegalArgumentException("solarize threshold must be in [0, 256], got " + threshold);
        }
        for (int i = 0; i < chw.length; i++) {
            if (level(chw[i]) >= threshold) {
                chw[i] = 1f - chw[i];
            }
        }
        return chw;
    }

    /**
     * Stretches each channel so its darkest level becomes 0 and its brightest 255 (PIL
     * {@code ImageOps.autocontrast} with no cutoff): {@code out = trunc(level·s − lo·s)}, {@code s = 255 / (hi − lo)};
     * a channel of one level is left unchanged.
     */
    public static float[] autoContrast(float[] chw, int c, int h, int w) {
        Augmentation.checkShape(chw, c, h, w);
        int plane = h * w;
        for (int ch = 0; ch < c; ch++) {
            int lo = 255;
            int hi = 0;
            for (int k = ch * plane, end = k + plane; k < end; k++) {
                int q = level(chw[k]);
                lo = Math.min(lo, q);
                hi = Math.max(hi, q);
            }
            if (hi <= lo) {
                continue;
            }
            double scale = 255.0 / (hi - lo);
            double offset = -lo * scale;
            for (int k = ch * plane, end = k + plane; k < end; k++) {
                int q = (int) (level(chw[k]) * scale + offset);
                chw[k] = Math.max(0, Math.min(255, q)) / 255f;
            }
        }
        return chw;
    }

    /**
     * Histogram equalization of each channel as PIL's {@code ImageOps.equalize}: with {@code hist} the
     * channel's level histogram and {@code last} the count of its highest occupied level,
     * {@code step = (N − last) / 255} (integer division); if fewer than two levels are occupied or
     * {@code step = 0} the channel is unchanged, else level {@code i} maps to
     * {@code (step/2 + Σ_{j<i} hist[j]) / step}, clipped to 255.
     */
    public static float[] equalize(float[] chw, int c, int h, int w) {
        Augmentation.checkShape(chw, c, h, w);
        int plane = h * w;
        for (int ch = 0; ch < c; ch++) {
            int[] hist = new int[256];
            for (int k = ch * plane, end = k + plane; k < end; k++) {
                hist[level(chw[k])]++;
            }
            int occupied = 0;
            int last = 0;
            for (int count : hist) {
                if (count > 0) {
                    occupied++;
                    last = count;
                }
            }
            int step = (plane - last) / 255;
            if (occupied <= 1 || step == 0) {
                continue;
            }
            int[] lut = new int[256];
            long n = step / 2;
            for (int i = 0; i < 256; i++) {
                lut[i] = (int) Math.min(255, n / step);
                n += hist[i];
            }
            for (int k = ch * plane, end = k + plane; k < end; k++) {
                chw[k] = lut[level(chw[k])] / 255f;
            }
        }
        return chw;
    }

    /** PIL {@code ImageEnhance.Brightness}: blend with black, {@code x·factor}, clipped. */
    public static float[] brightness(float[] chw, float factor) {
        for (int i = 0; i < chw.length; i++) {
            chw[i] = clip(chw[i] * factor);
        }
        return chw;
    }

    /** PIL {@code ImageEnhance.Color}: blend with the image's luma, {@code L + factor·(x − L)}, clipped. */
    public static float[] color(float[] chw, int c, int h, int w, float factor) {
        Augmentation.checkShape(chw, c, h, w);
        if (c != 3) {
            // The luma of a 1-channel image is the image itself: the blend changes nothing.
            return chw;
        }
        int plane = h * w;
        for (int k = 0; k < plane; k++) {
            float gray = luma(chw, k, plane);
            for (int ch = 0; ch < 3; ch++) {
                int i = ch * plane + k;
                chw[i] = clip(gray + factor * (chw[i] - gray));
            }
        }
        return chw;
    }

    /**
     * PIL {@code ImageEnhance.Contrast}: blend with a uniform image at the mean luma level,
     * {@code m + factor·(x − m)} with {@code m = round(mean of the luma levels) / 255}, clipped.
     */
    public static float[] contrast(float[] chw, int c, int h, int w, float factor) {
        Augmentation.checkShape(chw, c, h, w);
        int plane = h * w;
        long sum = 0;
        for (int k = 0; k < plane; k++) {
            sum += level(c == 3 ? luma(chw, k, plane) : chw[k]);
        }
        float mean = (int) ((double) sum / plane + 0.5) / 255f;
        for (int i = 0; i < chw.length; i++) {
            chw[i] = clip(mean + factor * (chw[i] - mean));
        }
        return chw;
    }

    /**
     * PIL {@code ImageEnhance.Sharpness}: blend with PIL's {@code SMOOTH} filter of the image (3×3 kernel,
     * 5 at the centre and 1 around, over 13; the one-pixel border keeps its values), {@code s + factor·(x − s)},
     * clipped. A factor above 1 sharpens.
     */
    public static float[] sharpness(float[] chw, int c, int h, int w, float factor) {
        Augmentation.checkShape(chw, c, h, w);
        float[] smooth = chw.clone();
        for (int ch = 0; ch < c; ch++) {
            int base = ch * h * w;
            for (int y = 1; y < h - 1; y++) {
                for (int x = 1; x < w - 1; x++) {
                    float sum = 4 * chw[base + y * w + x];
                    for (int dy = -1; dy <= 1; dy++) {
                        for (int dx = -1; dx <= 1; dx++) {
                            sum += chw[base + (y + dy) * w + x + dx];
                        }
                    }
                    smooth[base + y * w + x] = sum / 13f;
                }
            }
        }
        for (int i = 0; i < chw.length; i++) {
            chw[i] = clip(smooth[i] + factor * (chw[i] - smooth[i]));
        }
        return chw;
    }

    /**
     * PIL's {@code Image.transform(AFFINE)} with nearest-neighbour sampling: output pixel {@code (x, y)} takes
     * the input pixel {@code (⌊a(x+½) + b(y+½) + tx⌋, ⌊d(x+½) + e(y+½) + ty⌋)}, or {@code fill} in every
     * channel where that falls outside the image.
     *
     * @return a new array
     */
    public static float[] affine(
            float[] chw,
            int c,
            int h,
            int w,
            double a,
            double b,
            double tx,
            double d,
            double e,
            double ty,
            float fill) {
        Augmentation.checkShape(chw, c, h, w);
        float[] out = new float[chw.length];
        int plane = h * w;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double xin = a * (x + 0.5) + b * (y + 0.5) + tx;
                double yin = d * (x + 0.5) + e * (y + 0.5) + ty;
                int sx = (int) Math.floor(xin);
                int sy = (int) Math.floor(yin);
                boolean inside = sx >= 0 && sx < w && sy >= 0 && sy < h;
                for (int ch = 0; ch < c; ch++) {
                    out[ch * plane + y * w + x] = inside ? chw[ch * plane + sy * w + sx] : fill;
                }
            }
        }
        return out;
    }

    /** Shear along x (PIL affine {@code (1, shear, 0, 0, 1, 0)}): row {@code y} moves left by {@code shear·y}. */
    public static float[] shearX(float[] chw, int c, int h, int w, double shear, float fill) {
        return affine(chw, c, h, w, 1, shear, 0, 0, 1, 0, fill);
    }

    /** Shear along y (PIL affine {@code (1, 0, 0, shear, 1, 0)}). */
    public static float[] shearY(float[] chw, int c, int h, int w, double shear, float fill) {
        return affine(chw, c, h, w, 1, 0, 0, shear, 1, 0, fill);
    }

    /** Translation (PIL affine {@code (1, 0, dx, 0, 1, 0)}): the content moves {@code dx} pixels left. */
    public static float[] translateX(float[] chw, int c, int h, int w, double dx, float fill) {
        return affine(chw, c, h, w, 1, 0, dx, 0, 1, 0, fill);
    }

    /** Translation (PIL affine {@code (1, 0, 0, 0, 1, dy)}): the content moves {@code dy} pixels up. */
    public static float[] translateY(float[] chw, int c, int h, int w, double dy, float fill) {
        return affine(chw, c, h, w, 1, 0, 0, 0, 1, dy, fill);
    }

    /**
     * Counter-clockwise rotation by {@code degrees} about the image centre, as PIL's {@code Image.rotate}
     * builds it (cosine and sine rounded to 15 decimals, so that multiples of 90° are exact).
     */
    public static float[] rotate(float[] chw, int c, int h, int w, double degrees, float fill) {
        double angle = -Math.toRadians(degrees);
        double cos = round15(Math.cos(angle));
        double sin = round15(Math.sin(angle));
        double cx = w / 2.0;
        double cy = h / 2.0;
        // Inverse map about the centre: input = R·(output − centre) + centre.
        double tx = cos * -cx + sin * -cy + cx;
        double ty = -sin * -cx + cos * -cy + cy;
        return affine(chw, c, h, w, cos, sin, tx, -sin, cos, ty, fill);
    }

    private static double round15(double v) {
        return Math.round(v * 1e15) / 1e15;
    }

    private static float luma(float[] chw, int k, int plane) {
        return LUMA_R * chw[k] + LUMA_G * chw[plane + k] + LUMA_B * chw[2 * plane + k];
    }

    private static float clip(float v) {
        return v < 0f ? 0f : Math.min(v, 1f);
    }
}
