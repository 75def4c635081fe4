package io.sam4j.analysis.hessian;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a {@link HessianAnalysis} measured: the Hessian of the mean loss over a fixed sample, at one set of
 * weights. The parts not asked for are empty.
 *
 * @param parameters the trainable scalars, the Hessian's dimension
 * @param examples the sample's examples
 * @param batches the batches the sample came in
 * @param loss the mean loss over the sample at these weights
 * @param top the top-k eigenvalues, by Lanczos or power iteration (see {@link TopEigenvalues})
 * @param smallest the smallest eigenvalue by Lanczos, or {@code null} when not asked for
 * @param trace Hutchinson's trace estimate, or {@code null}
 * @param density the spectral density, or {@code null}
 * @param settings the settings it ran with
 * @param cost the products and time it took
 */
public record HessianResult(
        int parameters,
        long examples,
        int batches,
        double loss,
        TopEigenvalues.Result top,
        SmallestEigenvalue.Result smallest,
        HutchinsonTrace.Result trace,
        SpectralDensity.Result density,
        Settings settings,
        Cost cost) {

    /** Returns the top-k eigenvalues, descending. */
    public double[] eigenvalues() {
        return top.descending();
    }

    /** Returns the largest eigenvalue, λmax. */
    public double lambdaMax() {
        return top.largest();
    }

    /** Returns the smallest eigenvalue, if asked for. */
    public Optional<SmallestEigenvalue.Result> smallestEigenvalue() {
        return Optional.ofNullable(smallest);
    }

    /** Returns the trace estimate, if asked for. */
    public Optional<HutchinsonTrace.Result> traceEstimate() {
        return Optional.ofNullable(trace);
    }

    /** Returns the spectral density, if asked for. */
    public Optional<SpectralDensity.Result> spectralDensity() {
        return Optional.ofNullable(density);
    }

    /**
     * The settings of the analysis.
     *
     * @param topK eigenvalues asked for
     * @param iterations most Lanczos steps (or power iterations per eigenvalue)
     * @param tolerance relative residual bound (relative change for power iteration) that counts as converged
     * @param min whether λmin was asked for
     * @param trace whether the trace was asked for
     * @param probes probes of the trace and density
     * @param density whether the density was asked for
     * @param lanczosSteps Lanczos steps per density probe
     * @param seed the seed of start vectors and probes
     */
    public record Settings(
            int topK,
            int iterations,
            double tolerance,
            boolean min,
            boolean trace,
            int probes,
            boolean density,
            int lanczosSteps,
            long seed) {}

    /**
     * The cost of the analysis; a part's seconds are NaN when it did not run.
     *
     * @param products the Hessian-vector products computed
     * @param totalSeconds wall-clock time of the whole analysis, loss value included
     * @param topKSeconds time of the top-k eigenvalues
     * @param minSeconds time of λmin
     * @param traceSeconds time of the trace
     * @param densitySeconds time of the density
     * @param retainedGraphs batches whose gradient graph was kept between products
     * @param graphBytes the estimated size of one kept graph, when one was built
     * @param graphBudget the memory budget of kept graphs, in bytes
     */
    public record Cost(
            long products,
            double totalSeconds,
            double topKSeconds,
            double minSeconds,
            double traceSeconds,
            double densitySeconds,
            int retainedGraphs,
            OptionalLong graphBytes,
            long graphBudget) {}
}
