package io.sam4j.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.loss.Loss;
import io.sam4j.core.loss.SmoothedCrossEntropy;
import org.junit.jupiter.api.Test;

class SmoothedCrossEntropyTest {

    /**
     * Logits (0, ln 3) give p = (1/4, 3/4). Label 1: CE = −ln(3/4). With s = 0.2 (K = 2) the target is
     * (0.1, 0.9): −0.1·ln(1/4) − 0.9·ln(3/4).
     */
    @Test
    void matchesHandComputationAndDjlWithoutSmoothing() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDList logits = new NDList(m.create(new float[][] {{0f, (float) Math.log(3)}}));
            NDList labels = new NDList(m.create(new int[] {1}));
            float plain = new SmoothedCrossEntropy(0).evaluate(labels, logits).getFloat();
            float smoothed =
                    new SmoothedCrossEntropy(0.2f).evaluate(labels, logits).getFloat();
            assertThat((double) plain).isCloseTo(-Math.log(0.75), within(1e-6));
            assertThat((double) smoothed).isCloseTo(-0.1 * Math.log(0.25) - 0.9 * Math.log(0.75), within(1e-6));
            float djl = Loss.softmaxCrossEntropyLoss().evaluate(labels, logits).getFloat();
            assertThat(plain).isCloseTo(djl, within(1e-6f));
        }
    }
}
