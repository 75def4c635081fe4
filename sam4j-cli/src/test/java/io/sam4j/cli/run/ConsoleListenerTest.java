package io.sam4j.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.sam4j.core.train.EpochMetrics;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The epoch line fits a 100-column terminal at the widest values a long run prints. */
class ConsoleListenerTest {

    private static EpochMetrics epoch(double testAccuracy, double epsilonNorm) {
        return new EpochMetrics(
                200, 2.30259, 1.0, 2.30259, testAccuracy, 0.000123, 123.4, epsilonNorm, 1234.5, 16, Map.of());
    }

    @Test
    void theWidestSamEpochLineIsUnder100Columns() {
        String line = ConsoleListener.epochLine(epoch(1.0, 0.0499), 200);
        assertThat(line)
                .isEqualTo("epoch 200/200  train 2.3026 100.0%  test 2.3026 100.0%  lr 0.000123  |g| 123  |eps| 0.0499"
                        + "  1234.5s")
                .hasSizeLessThan(100);
    }

    @Test
    void theBaseOptimizerShowsNoEpsilonAndAnUnevaluatedEpochNoTestMetrics() {
        String line = ConsoleListener.epochLine(epoch(Double.NaN, 0), 200);
        assertThat(line).doesNotContain("|eps|").contains("  test -  ");
    }
}
