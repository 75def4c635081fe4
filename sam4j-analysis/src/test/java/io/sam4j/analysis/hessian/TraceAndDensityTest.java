package io.sam4j.analysis.hessian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import io.sam4j.core.train.Batch;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hutchinson's trace and the SLQ density against exact traces. */
class TraceAndDensityTest {

    /** On a tiny network, the estimate lies within 3 standard errors of the exact trace. */
    @Test
    void hutchinsonIsWithinThreeStandardErrorsOfTheExactTrace() {
        List<Batch> batches = TinyModels.batches(2, 6, 21);
        try (NDManager manager = NDManager.newBaseManager()) {
            Block mlp = TinyModels.mlp(manager, 9);
            EvalLoss loss = HessianVectorProductTest.loss(mlp, batches, manager);
            double[][] exact = TinyModels.referenceHessian(TinyModels.weights(mlp), batches);
            double trace = 0;
            for (int i = 0; i < exact.length; i++) {
                trace += exact[i][i];
            }
            HutchinsonTrace.Result result = HutchinsonTrace.estimate(loss.openHessian(), 40, 3);
            assertThat(result.probes()).isEqualTo(40);
            assertThat(result.standardError()).isPositive();
            assertThat(Math.abs(result.estimate() - trace)).isLessThan(3 * result.standardError());
            assertThat(result.history()[39]).isEqualTo(result.estimate());
        }
    }

    /** With a diagonal matrix every Rademacher probe gives the trace exactly: zero error. */
    @Test
    void hutchinsonIsExactForADiagonalMatrix() {
        double[][] d = new double[5][5];
        for (int i = 0; i < 5; i++) {
            d[i][i] = i - 1.5;
        }
        HutchinsonTrace.Result result = HutchinsonTrace.estimate(new DenseOperator(d), 4, 1);
        assertThat(result.estimate()).isCloseTo(2.5, within(1e-6));
        assertThat(result.standardError()).isCloseTo(0, within(1e-6));
    }

    /**
     * SLQ with as many steps as dimensions is exact quadrature: its nodes are the eigenvalues, each
     * probe's weights sum to 1, the density integrates to 1 and its mean is zᵀAz/n averaged over the
     * probes, within 3 standard errors of tr(A)/n.
     */
    @Test
    void densityIntegratesToOneAndItsMeanIsTheTracePerDimension() {
        double[] spectrum = new double[30];
        for (int i = 0; i < spectrum.length; i++) {
            spectrum[i] = i < 25 ? 0.1 * i - 0.5 : 20 + i;
        }
        DenseOperator a = new DenseOperator(QuadraticModel.withSpectrum(spectrum, 11));
        int n = a.dimension();
        SpectralDensity.Result density = SpectralDensity.builder()
                .setOperator(a)
                .optSteps(n)
                .optProbes(8)
                .optSeed(4)
                .build()
                .run();
        assertThat(density.integral()).isCloseTo(1, within(1e-9));
        for (double[] w : density.weights()) {
            assertThat(Arrays.stream(w).sum()).isCloseTo(1, within(1e-5));
        }
        double[] exact = Dense.eigenvalues(a.a());
        double[] nodes = density.nodes().get(0);
        assertThat(nodes[0]).isCloseTo(exact[0], within(1e-3));
        assertThat(nodes[nodes.length - 1]).isCloseTo(exact[n - 1], within(1e-3));
        // The same probes (same seed) give Hutchinson's samples zᵀAz; SLQ's mean is their mean / n.
        HutchinsonTrace.Result hutchinson = HutchinsonTrace.estimate(a, 8, 4);
        assertThat(density.quadratureMean()).isCloseTo(hutchinson.estimate() / n, within(1e-4));
        assertThat(density.mean())
                .isCloseTo(density.quadratureMean(), within(1e-3 * Math.abs(density.quadratureMean())));
        assertThat(Math.abs(density.mean() - a.trace() / n)).isLessThan(3 * hutchinson.standardError() / n);
        // A pronounced peak near the 25 small eigenvalues, little mass in the gap between the groups.
        double gap = valueAt(density, 10);
        double bulk = valueAt(density, 0.7);
        assertThat(bulk).isGreaterThan(100 * gap);
    }

    /** On a tiny network (real Hessian-vector products, fewer steps than dimensions) the density still integrates to 1. */
    @Test
    void densityOfATinyNetwork() {
        List<Batch> batches = TinyModels.batches(1, 8, 2);
        try (NDManager manager = NDManager.newBaseManager()) {
            Block mlp = TinyModels.mlp(manager, 6);
            EvalLoss loss = HessianVectorProductTest.loss(mlp, batches, manager);
            double[][] exact = TinyModels.referenceHessian(TinyModels.weights(mlp), batches);
            double trace = 0;
            for (int i = 0; i < exact.length; i++) {
                trace += exact[i][i];
            }
            HessianOperator hessian = loss.openHessian();
            SpectralDensity.Result density = SpectralDensity.builder()
                    .setOperator(hessian)
                    .optSteps(12)
                    .optProbes(10)
                    .optSeed(1)
                    .build()
                    .run();
            HutchinsonTrace.Result hutchinson = HutchinsonTrace.estimate(hessian, 10, 1);
            int n = loss.dimension();
            assertThat(density.integral()).isCloseTo(1, within(1e-9));
            assertThat(density.quadratureMean())
                    .isCloseTo(hutchinson.estimate() / n, within(1e-4 * Math.abs(trace / n) + 1e-7));
            assertThat(Math.abs(density.mean() - trace / n)).isLessThan(3 * hutchinson.standardError() / n);
        }
    }

    private static double valueAt(SpectralDensity.Result density, double t) {
        double[] grid = density.grid();
        int best = 0;
        for (int i = 0; i < grid.length; i++) {
            if (Math.abs(grid[i] - t) < Math.abs(grid[best] - t)) {
                best = i;
            }
        }
        return density.values()[best];
    }
}
