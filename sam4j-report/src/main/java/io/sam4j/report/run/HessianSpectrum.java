package io.sam4j.report.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.sam4j.core.run.RunKeys;

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

    /** Reads what {@code sam4j hessian} writes ({@link RunKeys.Hessian}). */
    static HessianSpectrum parse(JsonNode root) {
        double[] eigenvalues = JsonValues.first(root, RunKeys.Hessian.EIGENVALUES)
                .map(JsonValues::vector)
                .orElse(new double[0]);
        if (eigenvalues == null) {
            throw new IllegalArgumentException("'" + RunKeys.Hessian.EIGENVALUES + "' is not an array of numbers");
        }
        double lambdaMin = JsonValues.first(root, RunKeys.Hessian.LAMBDA_MIN)
                .map(JsonValues::number)
                .orElse(Double.NaN);
        JsonNode t = JsonValues.first(root, RunKeys.Hessian.TRACE).orElse(null);
        double trace = t == null ? Double.NaN : JsonValues.number(t.get(RunKeys.Hessian.ESTIMATE));
        double traceError = t == null ? Double.NaN : JsonValues.number(t.get(RunKeys.Hessian.STANDARD_ERROR));
        JsonNode d = JsonValues.first(root, RunKeys.Hessian.DENSITY).orElse(null);
        double[] grid = d == null ? null : JsonValues.vector(d.get(RunKeys.Hessian.GRID));
        double[] values = d == null ? null : JsonValues.vector(d.get(RunKeys.Hessian.VALUES));
        if (eigenvalues.length == 0 && Double.isNaN(lambdaMin) && Double.isNaN(trace) && grid == null) {
            throw new IllegalArgumentException("it has none of " + RunKeys.Hessian.EIGENVALUES + ", "
                    + RunKeys.Hessian.LAMBDA_MIN + ", " + RunKeys.Hessian.TRACE + ", " + RunKeys.Hessian.DENSITY);
        }
        return new HessianSpectrum(eigenvalues, lambdaMin, trace, traceError, grid, values);
    }
}
