package io.sam4j.zoo.data;

/**
 * One mini-batch produced by a {@link DataLoader}.
 *
 * @param data {@code size·C·H·W} floats, N×C×H×W row-major, already transformed (augmented / normalized)
 * @param labels {@code size} labels
 * @param indices the dataset index of each example, in batch order (for debugging and provenance)
 * @param size N, the number of examples in this batch (the last batch may be smaller)
 * @param channels C
 * @param height H
 * @param width W
 */
public record Batch(float[] data, int[] labels, int[] indices, int size, int channels, int height, int width) {

    /** Checks that the arrays agree with the shape. */
    public Batch {
        if (labels.length != size || indices.length != size || data.length != size * channels * height * width) {
            throw new IllegalArgumentException("batch of " + size + " x " + channels + "x" + height + "x" + width
                    + " got " + data.length + " values, " + labels.length + " labels and " + indices.length
                    + " indices");
        }
    }

    /** @return {@code {N, C, H, W}}, ready for an NDArray shape */
    public long[] shape() {
        return new long[] {size, channels, height, width};
    }
}
