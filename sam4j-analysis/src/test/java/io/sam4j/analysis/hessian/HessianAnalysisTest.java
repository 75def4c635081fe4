package io.sam4j.analysis.hessian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import io.sam4j.core.loss.SmoothedCrossEntropy;
import io.sam4j.core.train.ArrayBatch;
import io.sam4j.core.train.Batch;
import io.sam4j.core.train.ModelParameters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The runner measures the Hessian of the mean loss over its sample, however the sample is cut into
 * batches: checked against a double-precision Hessian of the loss on the concatenated sample, computed in
 * plain Java by finite differences (independent of DJL and of the batch split).
 */
class HessianAnalysisTest {

    private static HessianAnalysis.Builder analysis(Block block, NDManager manager) {
        return HessianAnalysis.builder()
                .setBlock(block)
                .setParameters(ModelParameters.of(block))
                .setLoss(new SmoothedCrossEntropy(0))
                .setManager(manager)
                .optIterations(200)
                .optTolerance(1e-6)
                .optSeed(3);
    }

    /** The 12 examples of {@code whole}, cut into batches of 5, 4 and 3: uneven, so weighting by size matters. */
    private static List<Batch> cut(ArrayBatch whole, int... sizes) {
        List<Batch> out = new ArrayList<>();
        int from = 0;
        int inputs = TinyModels.INPUTS;
        for (int size : sizes) {
            out.add(new ArrayBatch(
                    Arrays.copyOfRange(whole.data(), from * inputs, (from + size) * inputs),
                    new long[] {size, inputs},
                    Arrays.copyOfRange(whole.labelArray(), from, from + size)));
            from += size;
        }
        assertThat(from).isEqualTo(whole.size());
        return out;
    }

    @Test
    void measuresTheHessianOfTheMeanLossOverTheWholeSample() {
        ArrayBatch whole = (ArrayBatch) TinyModels.batches(1, 12, 21).get(0);
        List<Batch> split = cut(whole, 5, 4, 3);
        try (NDManager manager = NDManager.newBaseManager()) {
            Block mlp = TinyModels.mlp(manager, 4);
            double[] w = TinyModels.weights(mlp);
            double[] reference = Dense.byMagnitude(Dense.eigenvalues(TinyModels.referenceHessian(w, List.of(whole))));
            List<Long> done = new ArrayList<>();
            long[] total = {0};
            HessianAnalysis onSplit = analysis(mlp, manager)
                    .optTopK(2)
                    .optListener((d, t) -> {
                        done.add(d);
                        total[0] = t;
                    })
                    .build();
            HessianResult r = onSplit.measure(split);

            // The sample-averaged products give the eigenvalues of the concatenated sample's loss.
            double[] top = r.eigenvalues();
            for (int k = 0; k < 2; k++) {
                assertThat(top[k]).as("λ%d", k + 1).isCloseTo(reference[k], within(1e-3 * Math.abs(reference[0])));
            }
            assertThat(r.lambdaMax()).isEqualTo(top[0]);
            assertThat(r.loss()).isCloseTo(TinyModels.referenceLoss(w, List.of(whole)), within(1e-5));
            assertThat(r.examples()).isEqualTo(12);
            assertThat(r.batches()).isEqualTo(3);
            assertThat(r.parameters()).isEqualTo(w.length);

            // One batch of all 12 gives the same figures as the three batches, up to float rounding.
            HessianResult asOne = analysis(mlp, manager).optTopK(2).build().measure(List.of(whole));
            for (int k = 0; k < 2; k++) {
                assertThat(asOne.eigenvalues()[k]).isCloseTo(top[k], within(1e-4 * Math.abs(top[0])));
            }

            // The listener hears every product, counted against the plan; the weights are untouched.
            assertThat(done).hasSize((int) r.cost().products());
            assertThat(done.get(done.size() - 1)).isEqualTo(r.cost().products());
            assertThat(total[0]).isEqualTo(onSplit.plannedProducts()).isEqualTo(2 * 200L);
            assertThat(TinyModels.weights(mlp)).isEqualTo(w);
            assertThat(r.smallestEigenvalue()).isEmpty();
            assertThat(r.traceEstimate()).isEmpty();
            assertThat(r.spectralDensity()).isEmpty();
            assertThat(r.cost().minSeconds()).isNaN();
        }
    }

    @Test
    void optionalPartsMatchTheReferenceSpectrumAndTheSameSeedRepeats() {
        List<Batch> sample = TinyModels.batches(2, 6, 5);
        try (NDManager manager = NDManager.newBaseManager()) {
            Block mlp = TinyModels.mlp(manager, 9);
            double[] w = TinyModels.weights(mlp);
            double[] ascending = Dense.eigenvalues(TinyModels.referenceHessian(w, sample));
            double traceRef = Arrays.stream(ascending).sum();
            HessianAnalysis full = analysis(mlp, manager)
                    .optMin(true)
                    .optTrace(true)
                    .optProbes(40)
                    .optDensity(true)
                    .optLanczosSteps(6)
                    .build();
            HessianResult r = full.measure(sample);
            double scale = Math.abs(ascending[ascending.length - 1]);
            assertThat(r.smallestEigenvalue().orElseThrow().value()).isCloseTo(ascending[0], within(1e-3 * scale));
            // Hutchinson with 40 probes: within 4 standard errors of the exact trace.
            HutchinsonTrace.Result t = r.traceEstimate().orElseThrow();
            assertThat(t.estimate()).isCloseTo(traceRef, within(4 * t.standardError() + 1e-6));
            assertThat(r.spectralDensity().orElseThrow().integral()).isCloseTo(1, within(1e-3));
            assertThat(r.settings().probes()).isEqualTo(40);

            HessianResult again = full.measure(sample);
            assertThat(again.eigenvalues()).isEqualTo(r.eigenvalues());
            assertThat(again.traceEstimate().orElseThrow().estimate()).isEqualTo(t.estimate());
        }
    }

    @Test
    void rejectsSettingsItCannotMeet() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block mlp = TinyModels.mlp(manager, 1);
            assertThatThrownBy(() ->
                            analysis(mlp, manager).optTrace(true).optProbes(1).build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("at least 2 probes");
            assertThatThrownBy(
                            () -> analysis(mlp, manager).optTopK(1000).build().measure(TinyModels.batches(1, 4, 1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("top-k 1000 exceeds the model's");
            assertThatThrownBy(() -> HessianAnalysis.builder().build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("setBlock is required");
        }
    }
}
