package io.sam4j.report.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class IntervalTest {

    /** By hand: mean 2, s = 1, t_{0.975,2} = 4.302653, half-width 4.302653/√3 = 2.484138. */
    @Test
    void meanIntervalByHand() {
        MeanInterval m = MeanInterval.of(1, 2, 3);
        assertThat(m.mean()).isEqualTo(2);
        assertThat(m.sd()).isCloseTo(1, within(1e-15));
        assertThat(m.halfWidth()).isCloseTo(4.302652729749462 / Math.sqrt(3), within(1e-9));
        assertThat(m.n()).isEqualTo(3);
    }

    @Test
    void missingValuesAreSkippedAndOneValueHasNoInterval() {
        MeanInterval m = MeanInterval.of(Double.NaN, 0.25);
        assertThat(m.mean()).isEqualTo(0.25);
        assertThat(m.n()).isEqualTo(1);
        assertThat(m.hasInterval()).isFalse();
        assertThat(MeanInterval.of().present()).isFalse();
        assertThat(MeanInterval.of(1, 3).scaled(100).mean()).isEqualTo(200);
    }

    /**
     * By hand: a = {1, 2, 3} (mean 2, s² = 1), b = {2, 4, 6, 8, 10} (mean 6, s² = 10). v_a = 1/3, v_b = 2;
     * se = √(7/3); ν = (7/3)² / ((1/3)²/2 + 2²/4) = (49/9) / (1/18 + 1) = 98/19 ≈ 5.157895.
     */
    @Test
    void welchByHand() {
        WelchDifference d = WelchDifference.of(new double[] {1, 2, 3}, new double[] {2, 4, 6, 8, 10});
        assertThat(d.difference()).isEqualTo(-4);
        assertThat(d.df()).isCloseTo(98.0 / 19, within(1e-12));
        assertThat(d.halfWidth()).isCloseTo(StudentT.quantile(0.975, 98.0 / 19) * Math.sqrt(7.0 / 3), within(1e-12));
        // SciPy: t.ppf(0.975, 98/19) = 2.5470926, so the interval is −4 ± 3.8907483.
        assertThat(d.halfWidth()).isCloseTo(3.8907482786441077, within(1e-9));
        assertThat(d.significant()).isTrue();
    }

    @Test
    void welchWithoutEnoughSeedsHasNoInterval() {
        WelchDifference d = WelchDifference.of(new double[] {0.1}, new double[] {0.2, 0.3});
        assertThat(d.difference()).isCloseTo(-0.15, within(1e-15));
        assertThat(d.hasInterval()).isFalse();
        assertThat(d.significant()).isFalse();
    }
}
