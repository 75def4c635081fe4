package io.sam4j.analysis.landscape;

/**
 * Loss and accuracy on a grid of weights. A line (1-D scan or interpolation) has one row; a plane has one
 * row per y coordinate, so {@code loss[j][i]} is the loss at {@code (x[i], y[j])} (row-major).
 *
 * @param x the coordinates along the first direction (α)
 * @param y the coordinates along the second direction (β), or null for a line
 * @param loss the mean loss at each point
 * @param accuracy the accuracy at each point
 */
public record Landscape(double[] x, double[] y, double[][] loss, double[][] accuracy) {

    public Landscape {
        int rows = y == null ? 1 : y.length;
        if (loss.length != rows || accuracy.length != rows) {
            throw new IllegalArgumentException("expected " + rows + " rows but got " + loss.length);
        }
        for (int j = 0; j < rows; j++) {
            if (loss[j].length != x.length || accuracy[j].length != x.length) {
                throw new IllegalArgumentException("row " + j + " must have " + x.length + " points");
            }
        }
    }

    /** Returns whether this is a 2-D landscape. */
    public boolean isPlane() {
        return y != null;
    }

    /** Returns the losses of a line. */
    public double[] lossLine() {
        return loss[0];
    }

    /** Returns the accuracies of a line. */
    public double[] accuracyLine() {
        return accuracy[0];
    }
}
