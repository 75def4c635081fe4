package io.sam4j.analysis.landscape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import io.sam4j.core.testing.TestModels;
import io.sam4j.core.train.ModelParameters;
import org.junit.jupiter.api.Test;

class DirectionsTest {

    /** Frobenius norm of filter j (slice j along the first axis), in double. */
    private static double filterNorm(NDArray a, int j) {
        float[] v = a.toFloatArray();
        int per = v.length / (int) a.getShape().get(0);
        double s = 0;
        for (int k = j * per; k < (j + 1) * per; k++) {
            s += (double) v[k] * v[k];
        }
        return Math.sqrt(s);
    }

    @Test
    void everyFilterOfANormalizedDirectionHasItsWeightFiltersNorm() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block net = TestModels.convNet(manager, 3);
            NDList weights = ModelParameters.of(net).copyTrainable(manager);
            NDList d = Directions.randomFilterNormalized(weights, 42, IgnoreMode.BIASBN, manager);
            int filtersChecked = 0;
            for (int i = 0; i < weights.size(); i++) {
                NDArray w = weights.get(i);
                assertThat(d.get(i).getShape()).isEqualTo(w.getShape());
                if (w.getShape().dimension() <= 1) {
                    assertThat(d.get(i).toFloatArray()).containsOnly(0f);
                    continue;
                }
                for (int j = 0; j < w.getShape().get(0); j++) {
                    double expected = filterNorm(w, j);
                    assertThat(filterNorm(d.get(i), j)).isCloseTo(expected, within(1e-5 * expected));
                    filtersChecked++;
                }
            }
            // conv 4 filters + linear 6 rows + linear 3 rows
            assertThat(filtersChecked).isEqualTo(13);
        }
    }

    @Test
    void withoutIgnoringOneDimensionalEntriesAreTheWeights() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList weights = ModelParameters.of(TestModels.convNet(manager, 3)).copyTrainable(manager);
            NDList d = Directions.randomFilterNormalized(weights, 42, IgnoreMode.NONE, manager);
            int oneDimensional = 0;
            for (int i = 0; i < weights.size(); i++) {
                if (weights.get(i).getShape().dimension() == 1) {
                    assertThat(d.get(i).toFloatArray())
                            .containsExactly(weights.get(i).toFloatArray());
                    oneDimensional++;
                }
            }
            assertThat(oneDimensional).isEqualTo(7); // 3 biases, 2 × (γ, β)
        }
    }

    @Test
    void aSeedGivesOneDirectionAndAnotherSeedAnother() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList weights = ModelParameters.of(TestModels.convNet(manager, 3)).copyTrainable(manager);
            float[] a = Directions.randomFilterNormalized(weights, 7, IgnoreMode.BIASBN, manager)
                    .get(0)
                    .toFloatArray();
            float[] b = Directions.randomFilterNormalized(weights, 7, IgnoreMode.BIASBN, manager)
                    .get(0)
                    .toFloatArray();
            float[] c = Directions.randomFilterNormalized(weights, 8, IgnoreMode.BIASBN, manager)
                    .get(0)
                    .toFloatArray();
            assertThat(a).containsExactly(b);
            assertThat(a).isNotEqualTo(c);
        }
    }
}
