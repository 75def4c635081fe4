package io.sam4j.zoo.augment;

/**
 * Resizes a rectangle of a C×H×W float image with a separable triangle (bilinear) filter whose support grows
 * with the reduction factor, as PIL's {@code Image.resize(BILINEAR)} does, so that shrinking averages every
 * source pixel instead of aliasing. Sample centres are at half-pixel positions; weights outside the source
 * rectangle are dropped and the rest renormalized.
 */
public final class Resize {

    private Resize() {}

    /**
     * @param src the image
     * @param top first row of the source rectangle
     * @param left first column of the source rectangle
     * @param height rows of the source rectangle
     * @param width columns of the source rectangle
     * @param outH rows of the result
     * @param outW columns of the result
     * @return a new C×outH×outW array
     */
    public static float[] resize(
            float[] src, int c, int h, int w, int top, int left, int height, int width, int outH, int outW) {
        Augmentation.checkShape(src, c, h, w);
        if (top < 0 || left < 0 || height < 1 || width < 1 || top + height > h || left + width > w) {
            throw new IllegalArgumentException("resize rectangle (" + top + ", " + left + ") " + height + "x" + width
                    + " is not inside the " + h + "x" + w + " image");
        }
        if (outH < 1 || outW < 1) {
            throw new IllegalArgumentException("resize target " + outH + "x" + outW + " must be positive");
        }
        Taps xs = taps(left, width, outW);
        Taps ys = taps(top, height, outH);
        float[] rows = new float[c * height * outW];
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < height; y++) {
                int in = (ch * h + top + y) * w;
                int out = (ch * height + y) * outW;
                for (int x = 0; x < outW; x++) {
                    float sum = 0f;
                    for (int t = xs.start[x]; t < xs.start[x + 1]; t++) {
                        sum += xs.weight[t] * src[in + xs.index[t]];
                    }
                    rows[out + x] = sum;
                }
            }
        }
        float[] dst = new float[c * outH * outW];
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < outH; y++) {
                int out = (ch * outH + y) * outW;
                for (int t = ys.start[y]; t < ys.start[y + 1]; t++) {
                    float wt = ys.weight[t];
                    int in = (ch * height + ys.index[t] - top) * outW;
                    for (int x = 0; x < outW; x++) {
                        dst[out + x] += wt * rows[in + x];
                    }
                }
            }
        }
        return dst;
    }

    /** Filter taps of every output position: source indices and weights, summing to 1 per position. */
    private record Taps(int[] start, int[] index, float[] weight) {}

    private static Taps taps(int offset, int length, int out) {
        double scale = (double) length / out;
        double support = Math.max(1.0, scale);
        int[] start = new int[out + 1];
        int maxTaps = (int) Math.ceil(2 * support) + 2;
        int[] index = new int[out * maxTaps];
        float[] weight = new float[out * maxTaps];
        int n = 0;
        for (int o = 0; o < out; o++) {
            start[o] = n;
            double centre = (o + 0.5) * scale;
            int lo = Math.max(0, (int) Math.floor(centre - support));
            int hi = Math.min(length, (int) Math.ceil(centre + support));
            double total = 0;
            int first = n;
            for (int i = lo; i < hi; i++) {
                double wt = 1 - Math.abs((i + 0.5 - centre) / support);
                if (wt > 0) {
                    index[n] = offset + i;
                    weight[n] = (float) wt;
                    total += wt;
                    n++;
                }
            }
            if (n == first) {
                // The centre lies exactly between pixels at the border: take the nearest one.
                index[n] = offset + Math.min(length - 1, Math.max(0, (int) Math.floor(centre)));
                weight[n] = 1f;
                total = 1;
                n++;
            }
            for (int t = first; t < n; t++) {
                weight[t] = (float) (weight[t] / total);
            }
        }
        start[out] = n;
        return new Taps(start, index, weight);
    }
}
