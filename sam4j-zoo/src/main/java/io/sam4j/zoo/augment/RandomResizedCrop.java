package io.sam4j.zoo.augment;

import java.util.Random;

/**
 * The Inception-style random crop of torchvision's {@code RandomResizedCrop}: up to 10 times, draw an area
 * fraction {@code s} uniform in [{@code minScale}, {@code maxScale}] and a log-uniform aspect ratio {@code r}
 * in [{@code minRatio}, {@code maxRatio}] ({@code rng.nextDouble()} each, area first), take
 * {@code cw = round(√(s·H·W·r))}, {@code ch = round(√(s·H·W/r))}; if that fits, the corner is uniform
 * ({@code rng.nextInt}, row first). If no attempt fits, take the largest central crop whose ratio lies in
 * the range. The crop is then resized to {@code size}×{@code size} with {@link Resize}.
 */
public final class RandomResizedCrop implements Augmentation {

    private static final int ATTEMPTS = 10;

    private final int size;
    private final double minScale;
    private final double maxScale;
    private final double minRatio;
    private final double maxRatio;

    /** The usual ranges: area 8 %–100 %, aspect ratio 3/4–4/3. */
    public RandomResizedCrop(int size) {
        this(size, 0.08, 1.0, 3.0 / 4.0, 4.0 / 3.0);
    }

    /**
     * @param size side of the output square
     * @param minScale smallest fraction of the area, in (0, maxScale]
     * @param maxScale largest fraction of the area, at most 1
     * @param minRatio smallest width/height ratio, positive
     * @param maxRatio largest width/height ratio, at least minRatio
     */
    public RandomResizedCrop(int size, double minScale, double maxScale, double minRatio, double maxRatio) {
        if (size < 1) {
            throw new IllegalArgumentException("random resized crop size must be at least 1, got " + size);
        }
        if (!(minScale > 0 && minScale <= maxScale && maxScale <= 1)) {
            throw new IllegalArgumentException(
                    "random resized crop scale range [" + minScale + ", " + maxScale + "] must lie in (0, 1]");
        }
        if (!(minRatio > 0 && minRatio <= maxRatio) || Double.isInfinite(maxRatio)) {
            throw new IllegalArgumentException("random resized crop ratio range [" + minRatio + ", " + maxRatio
                    + "] must be positive and ordered");
        }
        this.size = size;
        this.minScale = minScale;
        this.maxScale = maxScale;
        this.minRatio = minRatio;
        this.maxRatio = maxRatio;
    }

    /** @return the side of the output square */
    public int size() {
        return size;
    }

    @Override
    public int[] outputShape(int c, int h, int w) {
        return new int[] {c, size, size};
    }

    /** A crop rectangle of the input. */
    public record Window(int top, int left, int height, int width) {}

    /** @return the crop rectangle {@link #apply} uses for an {@code h×w} image, drawing from {@code rng} */
    public Window window(int h, int w, Random rng) {
        double area = (double) h * w;
        double logMin = Math.log(minRatio);
        double logMax = Math.log(maxRatio);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            double target = area * (minScale + (maxScale - minScale) * rng.nextDouble());
            double ratio = Math.exp(logMin + (logMax - logMin) * rng.nextDouble());
            int cw = (int) Math.round(Math.sqrt(target * ratio));
            int ch = (int) Math.round(Math.sqrt(target / ratio));
            if (cw > 0 && ch > 0 && cw <= w && ch <= h) {
                int top = rng.nextInt(h - ch + 1);
                int left = rng.nextInt(w - cw + 1);
                return new Window(top, left, ch, cw);
            }
        }
        double inRatio = (double) w / h;
        int cw = w;
        int ch = h;
        if (inRatio < minRatio) {
            ch = (int) Math.round(w / minRatio);
        } else if (inRatio > maxRatio) {
            cw = (int) Math.round(h * maxRatio);
        }
        return new Window((h - ch) / 2, (w - cw) / 2, ch, cw);
    }

    @Override
    public float[] apply(float[] chw, int c, int h, int w, Random rng) {
        Augmentation.checkShape(chw, c, h, w);
        Window win = window(h, w, rng);
        return Resize.resize(chw, c, h, w, win.top(), win.left(), win.height(), win.width(), size, size);
    }

    @Override
    public String toString() {
        return "RandomResizedCrop(" + size + ", scale=[" + minScale + ", " + maxScale + "], ratio=[" + minRatio + ", "
                + maxRatio + "])";
    }
}
