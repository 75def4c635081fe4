package io.sam4j.report.run;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What {@code hessian.json} says about the curvature at a run's final weights.
 *
 * @param eigenvalues the top eigenvalues, largest first (may be empty)
 * @param lambdaMin the smallest eigenvalue, NaN when not measured
 * @param trace the Hutchinson estimate of the trace, NaN when not measured
 * @param traceStandardError its standard error, NaN when not given
 * @param densityGrid the eigenvalue grid of the spectral density, null when absent
 * @param densityValues the density on that grid, null when absent
 */
public record HessianSpectrum(
        double[] eigenvalues,
        double lambdaMin,
        double trace,
        double traceStandardError,
        double[] densityGrid,
        double[] densityValues) {

    /** Returns λmax, the largest eigenvalue, NaN when none was measured. */
    public double lambdaMax() {
        double max = Double.NaN;
        for (double e : eigenvalues) {
            if (Double.isFinite(e) && !(e <= max)) {
                max = e;
            }
        }
        return max;
    }

    /** Returns |λmax/λmin|, NaN when either is missing. */
    public double ratio() {
        return Math.abs(lambdaMax() / lambdaMin());
    }

    /** Returns whether a density curve is present. */
    public boolean hasDensity() {
        return densityGrid != null
                && densityValues != null
                && densityGrid.length == densityValues.length
                && densityGrid.length > 1;
    }

    /** Reads the keys other sam4j commands write, accepting close variants of their names. */
    static HessianSpectrum parse(JsonNode root) {
        double[] eigenvalues = JsonValues.first(root, "eigenvalues", "top_eigenvalues", "top_k", "topk")
                .map(JsonValues::vector)
                .orElse(null);
        if (eigenvalues == null) {
            double max = JsonValues.first(root, "lambda_max", "lambdaMax", "max_eigenvalue")
                    .map(JsonValues::number)
                    .orElse(Double.NaN);
            eigenvalues = Double.isNaN(max) ? new double[0] : new double[] {max};
        }
        double lambdaMin = JsonValues.first(root, "lambda_min", "lambdaMin", "min_eigenvalue")
                .map(JsonValues::number)
                .orElse(Double.NaN);
        double trace = Double.NaN;
        double traceError = Double.NaN;
        JsonNode t = JsonValues.first(root, "trace").orElse(null);
        if (t != null && t.isObject()) {
            trace = JsonValues.first(t, "estimate", "mean", "value")
                    .map(JsonValues::number)
                    .orElse(Double.NaN);
            traceError = JsonValues.first(t, "standard_error", "stderr", "std_error", "se", "standardError")
                    .map(JsonValues::number)
                    .orElse(Double.NaN);
        } else if (t != null) {
            trace = JsonValues.number(t);
        }
        double[] grid = null;
        double[] values = null;
        JsonNode d =
                JsonValues.first(root, "density", "spectral_density", "esd").orElse(null);
        if (d != null && d.isObject()) {
            grid = JsonValues.first(d, "grid", "x", "eigenvalues", "lambda")
                    .map(JsonValues::vector)
                    .orElse(null);
            values = JsonValues.first(d, "values", "density", "y")
                    .map(JsonValues::vector)
                    .orElse(null);
        }
        if (eigenvalues.length == 0 && Double.isNaN(lambdaMin) && Double.isNaN(trace) && grid == null) {
            throw new IllegalArgumentException("it has none of eigenvalues, lambda_min, trace, density");
        }
        return new HessianSpectrum(eigenvalues, lambdaMin, trace, traceError, grid, values);
    }
}
