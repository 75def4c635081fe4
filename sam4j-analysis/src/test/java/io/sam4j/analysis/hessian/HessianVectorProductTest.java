package io.sam4j.analysis.hessian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import io.sam4j.core.loss.SmoothedCrossEntropy;
import io.sam4j.core.train.Batch;
import io.sam4j.core.train.ModelParameters;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The double-backward Hessian-vector product against independent computations of the Hessian. */
class HessianVectorProductTest {

    static EvalLoss loss(Block block, List<Batch> batches, NDManager manager) {
        return EvalLoss.builder()
                .setBlock(block)
                .setParameters(ModelParameters.of(block))
                .setLoss(new SmoothedCrossEntropy(0))
                .setBatches(batches)
                .setManager(manager)
                .build();
    }

    /** Column i of the Hessian is H·eᵢ; all 31 columns match a double-precision Java reference. */
    @Test
    void hessianBuiltColumnByColumnEqualsTheExactHessianOfAReferenceMlp() {
        List<Batch> batches = TinyModels.batches(2, 5, 11);
        try (NDManager manager = NDManager.newBaseManager()) {
            Block mlp = TinyModels.mlp(manager, 3);
            EvalLoss loss = loss(mlp, batches, manager);
            double[] w = TinyModels.weights(mlp);
            assertThat(loss.value()).isCloseTo(TinyModels.referenceLoss(w, batches), within(1e-5));
            double[][] exact = TinyModels.referenceHessian(w, batches);
            int n = loss.dimension();
            assertThat(n).isEqualTo(31);
            double scale = maxAbs(exact);
            for (int i = 0; i < n; i++) {
                float[] e = new float[n];
                e[i] = 1;
                float[] column = loss.hessianVectorProduct(e);
                for (int j = 0; j < n; j++) {
                    assertThat(column[j]).as("H[%d][%d]", j, i).isCloseTo((float) exact[j][i], within((float)
                            (1e-4 * scale)));
                }
            }
        }
    }

    /** Hv equals a central difference of gradients, on a model with BatchNorm in evaluation mode. */
    @Test
    void productEqualsFiniteDifferenceOfGradients() {
        List<Batch> batches = TinyModels.batches(3, 4, 5);
        try (NDManager manager = NDManager.newBaseManager()) {
            Block mlp = TinyModels.mlpWithBatchNorm(manager, 7);
            EvalLoss loss = loss(mlp, batches, manager);
            SplittableRandom random = new SplittableRandom(1);
            FiniteDifferenceHessian fd = FiniteDifferenceHessian.of(loss, 1e-3);
            for (int trial = 0; trial < 3; trial++) {
                float[] v = Vectors.gaussian(loss.dimension(), random);
                float[] exact = loss.hessianVectorProduct(v);
                float[] approx = fd.apply(v);
                double error = 0;
                for (int i = 0; i < v.length; i++) {
                    error = Math.max(error, Math.abs(exact[i] - approx[i]));
                }
                assertThat(error).isLessThan(2e-3 * maxAbs(exact));
                assertThat(maxAbs(exact)).isGreaterThan(1e-3);
            }
        }
    }

    /** The product is linear in v and leaves the weights, their gradients and BatchNorm statistics alone. */
    @Test
    void productIsLinearAndLeavesTheModelUntouched() {
        List<Batch> batches = TinyModels.batches(1, 6, 9);
        try (NDManager manager = NDManager.newBaseManager()) {
            Block mlp = TinyModels.mlpWithBatchNorm(manager, 4);
            EvalLoss loss = loss(mlp, batches, manager);
            List<float[]> before = all(mlp);
            SplittableRandom random = new SplittableRandom(2);
            float[] a = Vectors.gaussian(loss.dimension(), random);
            float[] b = Vectors.gaussian(loss.dimension(), random);
            float[] sum = a.clone();
            Vectors.axpy(2, b, sum);
            float[] ha = loss.hessianVectorProduct(a);
            float[] hb = loss.hessianVectorProduct(b);
            float[] hsum = loss.hessianVectorProduct(sum);
            double scale = maxAbs(hsum);
            for (int i = 0; i < a.length; i++) {
                assertThat((double) hsum[i]).isCloseTo(ha[i] + 2.0 * hb[i], within(1e-5 * scale));
            }
            // Symmetry: a·Hb = b·Ha.
            assertThat(Vectors.dot(a, hb)).isCloseTo(Vectors.dot(b, ha), within(1e-4 * Math.abs(Vectors.dot(a, hb))));
            List<float[]> after = all(mlp);
            for (int i = 0; i < before.size(); i++) {
                assertThat(after.get(i)).containsExactly(before.get(i));
            }
            ModelParameters.of(mlp).trainable().forEach(p -> {
                if (p.getArray().hasGradient()) {
                    try (var g = p.getArray().getGradient()) {
                        assertThat(g.abs().max().getFloat()).isZero();
                    }
                }
            });
        }
    }

    static List<float[]> all(Block block) {
        return block.getParameters().values().stream()
                .map(p -> p.getArray().toFloatArray())
                .toList();
    }

    static double maxAbs(double[][] m) {
        double max = 0;
        for (double[] row : m) {
            for (double x : row) {
                max = Math.max(max, Math.abs(x));
            }
        }
        return max;
    }

    static double maxAbs(float[] v) {
        double max = 0;
        for (float x : v) {
            max = Math.max(max, Math.abs(x));
        }
        return max;
    }
}
