package io.sam4j.report.run;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A loss landscape around a run's weights: 1-D lines (one row per direction) or a 2-D grid whose rows
 * follow {@code y} and columns {@code x}, as {@code numpy.meshgrid} lays them out.
 *
 * @param x the coordinates along the first direction
 * @param y the coordinates along the second direction, null for 1-D
 * @param loss 1-D: one row per line; 2-D: {@code loss[i][j]} at (x[j], y[i])
 * @param accuracy the same layout as {@code loss}, or null when absent
 */
public record Landscape(double[] x, double[] y, double[][] loss, double[][] accuracy) {

    /** Returns whether this is a 2-D grid. */
    public boolean twoDimensional() {
        return y != null;
    }

    /** Reads a 1-D landscape: {@code x} (or alpha/t) and {@code loss}, one line or several. */
    static Landscape parse1d(JsonNode root) {
        double[] x = JsonValues.first(root, "x", "alpha", "alphas", "t", "steps", "coordinates")
                .map(JsonValues::vector)
                .orElse(null);
        double[][] loss = JsonValues.first(root, "loss", "losses", "train_loss")
                .map(JsonValues::rows)
                .orElse(null);
        if (x == null || loss == null) {
            throw new IllegalArgumentException("it needs arrays 'x' and 'loss'");
        }
        for (double[] row : loss) {
            if (row.length != x.length) {
                throw new IllegalArgumentException("'loss' has " + row.length + " points but 'x' has " + x.length);
            }
        }
        double[][] accuracy = JsonValues.first(root, "accuracy", "accuracies", "train_accuracy")
                .map(JsonValues::rows)
                .orElse(null);
        if (accuracy != null && (accuracy.length != loss.length || accuracy[0].length != x.length)) {
            accuracy = null;
        }
        return new Landscape(x, null, loss, accuracy);
    }

    /** Reads a 2-D landscape: {@code x}, {@code y} and a row-major {@code loss} grid, nested or flat. */
    static Landscape parse2d(JsonNode root) {
        double[] x = JsonValues.first(root, "x", "alpha", "alphas")
                .map(JsonValues::vector)
                .orElse(null);
        double[] y = JsonValues.first(root, "y", "beta", "betas")
                .map(JsonValues::vector)
                .orElse(null);
        if (x == null || y == null) {
            throw new IllegalArgumentException("it needs arrays 'x' and 'y'");
        }
        double[][] loss =
                grid(JsonValues.first(root, "loss", "losses", "train_loss").orElse(null), x.length, y.length);
        if (loss == null) {
            throw new IllegalArgumentException("its 'loss' is not a " + y.length + " x " + x.length + " grid");
        }
        double[][] accuracy =
                grid(JsonValues.first(root, "accuracy", "accuracies").orElse(null), x.length, y.length);
        return new Landscape(x, y, loss, accuracy);
    }

    private static double[][] grid(JsonNode node, int nx, int ny) {
        double[][] rows = JsonValues.rows(node);
        if (rows == null) {
            return null;
        }
        if (rows.length == 1 && rows[0].length == nx * ny && ny > 1) {
            double[][] out = new double[ny][nx];
            for (int i = 0; i < ny; i++) {
                System.arraycopy(rows[0], i * nx, out[i], 0, nx);
            }
            return out;
        }
        if (rows.length == ny && allOfLength(rows, nx)) {
            return rows;
        }
        if (rows.length == nx && allOfLength(rows, ny)) {
            // Rows follow x (numpy "ij" indexing): transpose into the y-rows layout plots use.
            double[][] out = new double[ny][nx];
            for (int i = 0; i < nx; i++) {
                for (int j = 0; j < ny; j++) {
                    out[j][i] = rows[i][j];
                }
            }
            return out;
        }
        return null;
    }

    private static boolean allOfLength(double[][] rows, int length) {
        for (double[] row : rows) {
            if (row.length != length) {
                return false;
            }
        }
        return true;
    }
}
