package io.sam4j.analysis.hessian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import io.sam4j.core.train.ModelParameters;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Power iteration, Lanczos and the Jacobi solver against known spectra and EJML. */
class EigenvaluesTest {

    static final double[] SPECTRUM = {10, 7, 4, 2, 1, 0.5, 0, -0.3, -1.5};

    static EvalLoss quadratic(NDManager manager, double[][] a) {
        QuadraticModel model = new QuadraticModel(a).initialized(manager);
        return EvalLoss.builder()
                .setBlock(model)
                .setParameters(ModelParameters.of(model))
                .setLoss(new TinyModels.OutputLoss())
                .setBatches(QuadraticModel.batch())
                .setManager(manager)
                .build();
    }

    /** On ½wᵀAw with a chosen A, the top 3 come out to 1e-4 relative, each with its history. */
    @Test
    void powerIterationFindsTheTopOfAKnownSpectrum() {
        double[][] a = QuadraticModel.withSpectrum(SPECTRUM, 3);
        try (NDManager manager = NDManager.newBaseManager()) {
            EvalLoss loss = quadratic(manager, a);
            HessianOperator hessian = loss.openHessian();
            PowerIteration.Result result = PowerIteration.builder()
                    .setOperator(hessian)
                    .optTopK(3)
                    .optMaxIterations(500)
                    .optTolerance(1e-7)
                    .optSeed(1)
                    .build()
                    .run();
            double[] top = result.descending();
            assertThat(top[0]).isCloseTo(10, within(1e-4 * 10));
            assertThat(top[1]).isCloseTo(7, within(1e-4 * 7));
            assertThat(top[2]).isCloseTo(4, within(1e-4 * 4));
            for (PowerIteration.Eigenpair pair : result.pairs()) {
                assertThat(pair.history()).hasSize(pair.iterations());
                assertThat(pair.history()[pair.iterations() - 1]).isEqualTo(pair.value());
                // The eigenvector satisfies Av = λv.
                float[] av = new DenseOperator(a).apply(pair.vector());
                Vectors.axpy(-pair.value(), pair.vector(), av);
                assertThat(Vectors.norm(av)).isLessThan(1e-2);
            }
        }
    }

    /** Power iteration stops at the default tolerance long before its iteration limit, and reports it. */
    @Test
    void powerIterationReportsConvergence() {
        DenseOperator a = new DenseOperator(QuadraticModel.withSpectrum(SPECTRUM, 4));
        PowerIteration.Eigenpair loose =
                PowerIteration.builder().setOperator(a).build().run().pairs().get(0);
        assertThat(loose.converged()).isTrue();
        assertThat(loose.iterations()).isLessThan(100);
        assertThat(loose.value()).isCloseTo(10, within(10 * 2e-3));
        PowerIteration.Eigenpair capped = PowerIteration.builder()
                .setOperator(a)
                .optMaxIterations(2)
                .optTolerance(1e-12)
                .build()
                .run()
                .pairs()
                .get(0);
        assertThat(capped.converged()).isFalse();
        assertThat(capped.iterations()).isEqualTo(2);
    }

    /** The top 3 of a tiny network equal the largest-magnitude eigenvalues of its dense Hessian (EJML). */
    @Test
    void topKOfATinyNetworkMatchesADenseEigendecomposition() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // Seed 1 gives magnitudes 1.65, 1.09, -0.72, 0.60: gaps that power iteration closes in ~100 steps.
            Block mlp = TinyModels.mlp(manager, 1);
            EvalLoss loss = HessianVectorProductTest.loss(mlp, TinyModels.batches(2, 8, 3), manager);
            double[] dense = Dense.byMagnitude(Dense.eigenvalues(Dense.hessian(loss)));
            // Float products carry ~1e-7 relative noise: a tighter tolerance would never be met.
            PowerIteration.Result result;
            try (HessianOperator hessian = loss.openHessian()) {
                result = PowerIteration.builder()
                        .setOperator(hessian)
                        .optTopK(3)
                        .optMaxIterations(500)
                        .optTolerance(1e-7)
                        .optSeed(5)
                        .build()
                        .run();
            }
            for (int k = 0; k < 3; k++) {
                assertThat(result.pairs().get(k).value())
                        .as("eigenvalue %d", k)
                        .isCloseTo(dense[k], within(1e-4 * Math.abs(dense[k])));
                assertThat(result.pairs().get(k).converged()).isTrue();
            }
        }
    }

    /** Lanczos and shifted power iteration find the negative end of a known indefinite spectrum. */
    @Test
    void smallestEigenvalueOfAKnownSpectrum() {
        double[][] a = QuadraticModel.withSpectrum(SPECTRUM, 7);
        try (NDManager manager = NDManager.newBaseManager()) {
            EvalLoss loss = quadratic(manager, a);
            HessianOperator hessian = loss.openHessian();
            SmallestEigenvalue.Result lanczos = SmallestEigenvalue.lanczos(hessian, 100, 1e-6, 2);
            assertThat(lanczos.value()).isCloseTo(-1.5, within(1e-4));
            assertThat(lanczos.converged()).isTrue();
            assertThat(lanczos.iterations()).isLessThanOrEqualTo(SPECTRUM.length);
            SmallestEigenvalue.Result power = SmallestEigenvalue.shiftedPowerIteration(hessian, 10, 1000, 1e-7, 2);
            assertThat(power.value()).isCloseTo(-1.5, within(1e-3));
        }
    }

    /** The Jacobi solver agrees with EJML on a random symmetric matrix; T's eigenvalues are A's after n Lanczos steps. */
    @Test
    void jacobiAndLanczosAgreeWithEjml() {
        Random random = new Random(8);
        int n = 20;
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                m[i][j] = random.nextGaussian();
                m[j][i] = m[i][j];
            }
        }
        double[] expected = Dense.eigenvalues(m);
        SymmetricEigen eigen = SymmetricEigen.of(m);
        for (int k = 0; k < n; k++) {
            assertThat(eigen.values()[k]).isCloseTo(expected[k], within(1e-10));
            // Column k is a unit eigenvector.
            double residual = 0;
            for (int i = 0; i < n; i++) {
                double sum = 0;
                for (int j = 0; j < n; j++) {
                    sum += m[i][j] * eigen.vectors()[j][k];
                }
                residual += Math.pow(sum - eigen.values()[k] * eigen.vectors()[i][k], 2);
            }
            assertThat(Math.sqrt(residual)).isLessThan(1e-9);
        }
        float[] start = Vectors.gaussian(n, new SplittableRandom(1));
        Lanczos.Tridiagonal t = Lanczos.run(new DenseOperator(m), start, n, s -> false);
        double[] ritz = t.eigen().values();
        assertThat(ritz).hasSize(n);
        for (int k = 0; k < n; k++) {
            assertThat(ritz[k]).isCloseTo(expected[k], within(1e-4));
        }
    }

    /**
     * Close top eigenvalues, as a network's often are: Lanczos's residual bound really bounds its error,
     * it needs far fewer products than power iteration, and power iteration's stop rule (a relative
     * change of 1e-3) stops further from λmax than its tolerance suggests.
     */
    @Test
    void lanczosBoundsItsErrorWherePowerIterationStopsShort() {
        int n = 300;
        double[] spectrum = new double[n];
        spectrum[0] = 10;
        spectrum[1] = 9.8;
        Random random = new Random(11);
        for (int i = 2; i < n; i++) {
            spectrum[i] = 9.5 * random.nextDouble() - 0.5;
        }
        DenseOperator a = new DenseOperator(QuadraticModel.withSpectrum(spectrum, 12));
        TopEigenvalues.Result lanczos = TopEigenvalues.find(a, 1, 100, 1e-3, Long.MAX_VALUE, 3);
        assertThat(lanczos.method()).isEqualTo(TopEigenvalues.Method.LANCZOS);
        TopEigenvalues.Estimate top = lanczos.estimates().get(0);
        assertThat(top.converged()).isTrue();
        assertThat(top.residual()).isLessThanOrEqualTo(1e-3 * top.value());
        // The bound: an eigenvalue lies within the residual of θ; here it is λmax (θ ≤ λmax always).
        assertThat(Math.abs(top.value() - 10)).isLessThanOrEqualTo(top.residual() + 1e-5);
        assertThat(top.history()).hasSize(top.iterations());
        assertThat(top.history()[top.iterations() - 1]).isEqualTo(top.value());

        TopEigenvalues.Result power = TopEigenvalues.powerIteration(a, 1, 1000, 1e-3, 3);
        TopEigenvalues.Estimate p = power.estimates().get(0);
        assertThat(power.method()).isEqualTo(TopEigenvalues.Method.POWER_ITERATION);
        assertThat(p.residual()).isNaN();
        assertThat(Math.abs(p.value() - 10)).isGreaterThan(Math.abs(top.value() - 10));
        assertThat(top.iterations()).isLessThan(p.iterations());
    }

    /** The top 3 of a tiny network by Lanczos equal the three largest eigenvalues of its dense Hessian (EJML). */
    @Test
    void lanczosTopKOfATinyNetworkMatchesADenseEigendecomposition() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block mlp = TinyModels.mlp(manager, 1);
            EvalLoss loss = HessianVectorProductTest.loss(mlp, TinyModels.batches(2, 8, 3), manager);
            double[] ascending = Dense.eigenvalues(Dense.hessian(loss));
            java.util.Arrays.sort(ascending);
            TopEigenvalues.Result result;
            try (HessianOperator hessian = loss.openHessian()) {
                result = TopEigenvalues.find(hessian, 3, 100, 1e-5, Long.MAX_VALUE, 5);
            }
            double[] found = result.descending();
            for (int k = 0; k < 3; k++) {
                double expected = ascending[ascending.length - 1 - k];
                assertThat(found[k]).as("eigenvalue %d", k).isCloseTo(expected, within(1e-4 * Math.abs(expected)));
                assertThat(result.estimates().get(k).converged()).isTrue();
            }
        }
    }

    /** A basis over the memory budget falls back to power iteration, which finds the same top. */
    @Test
    void overTheMemoryBudgetPowerIterationRuns() {
        DenseOperator a = new DenseOperator(QuadraticModel.withSpectrum(SPECTRUM, 4));
        // The basis: at most as many steps as dimensions, 9 vectors of 9 floats.
        long oneVectorShort = (long) SPECTRUM.length * SPECTRUM.length * 4 - 1;
        TopEigenvalues.Result fallback = TopEigenvalues.find(a, 2, 500, 1e-7, oneVectorShort, 1);
        assertThat(fallback.method()).isEqualTo(TopEigenvalues.Method.POWER_ITERATION);
        assertThat(fallback.descending()).containsExactly(new double[] {10, 7}, within(1e-3));
        TopEigenvalues.Result lanczos = TopEigenvalues.find(a, 2, 500, 1e-7, oneVectorShort + 1, 1);
        assertThat(lanczos.method()).isEqualTo(TopEigenvalues.Method.LANCZOS);
        assertThat(lanczos.descending()).containsExactly(new double[] {10, 7}, within(1e-4));
    }

    @Test
    void badSettingsFailWithTheValue() {
        DenseOperator a = new DenseOperator(new double[][] {{1, 0}, {0, 2}});
        assertThatThrownBy(
                        () -> PowerIteration.builder().setOperator(a).optTopK(3).build())
                .hasMessageContaining("topK 3 exceeds the dimension 2");
        assertThatThrownBy(() -> PowerIteration.builder().setOperator(a).optTolerance(-1))
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> HutchinsonTrace.estimate(a, 0, 1)).hasMessageContaining("probes");
        assertThatThrownBy(() -> TopEigenvalues.find(a, 3, 10, 1e-3, Long.MAX_VALUE, 1))
                .hasMessageContaining("top-k 3 exceeds the dimension 2");
        assertThatThrownBy(() -> TopEigenvalues.find(a, 1, 10, 0, Long.MAX_VALUE, 1))
                .hasMessageContaining("tolerance must be > 0 but was 0");
    }
}
