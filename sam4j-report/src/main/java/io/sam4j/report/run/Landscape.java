package io.sam4j.report.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.sam4j.core.run.RunKeys;

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

    /** Reads a 1-D landscape as {@code sam4j landscape} writes it: {@code x} and {@code loss}, one line or several. */
    static Landscape parse1d(JsonNode root) {
        double[] x = JsonValues.vector(root.get(RunKeys.Landscape.X));
        double[][] loss = JsonValues.rows(root.get(RunKeys.Landscape.LOSS));
        if (x == null || loss == null) {
            throw new IllegalArgumentException(
                    "it needs arrays '" + RunKeys.Landscape.X + "' and '" + RunKeys.Landscape.LOSS + "'");
        }
        for (double[] row : loss) {
            if (row.length != x.length) {
                throw new IllegalArgumentException("'loss' has " + row.length + " points but 'x' has " + x.length);
            }
        }
        double[][] accuracy = JsonValues.rows(root.get(RunKeys.Landscape.ACCURACY));
        if (accuracy != null && (accuracy.length != loss.length || accuracy[0].length != x.length)) {
            accuracy = null;
        }
        return new Landscape(x, null, loss, accuracy);
    }

    /** Reads a 2-D landscape as {@code sam4j landscape} writes it: {@code x}, {@code y} and one row of {@code loss} per y. */
    static Landscape parse2d(JsonNode root) {
        double[] x = JsonValues.vector(root.get(RunKeys.Landscape.X));
        double[] y = JsonValues.vector(root.get(RunKeys.Landscape.Y));
        if (x == null || y == null) {
            throw new IllegalArgumentException(
                    "it needs arrays '" + RunKeys.Landscape.X + "' and '" + RunKeys.Landscape.Y + "'");
        }
        double[][] loss = grid(root.get(RunKeys.Landscape.LOSS), x.length, y.length);
        if (loss == null) {
            throw new IllegalArgumentException("its 'loss' is not " + y.length + " rows (y) of " + x.length + " (x)");
        }
        double[][] accuracy = grid(root.get(RunKeys.Landscape.ACCURACY), x.length, y.length);
        return new Landscape(x, y, loss, accuracy);
    }

    private static double[][] grid(JsonNode node, int nx, int ny) {
        double[][] rows = JsonValues.rows(node);
        if (rows == null || rows.length != ny) {
            return null;
        }
        for (double[] row : rows) {
            if (row.length != nx) {
                return null;
            }
        }
        return rows;
    }
}
