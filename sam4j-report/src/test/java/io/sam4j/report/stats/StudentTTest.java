package io.sam4j.report.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Quantiles against published tables and SciPy 1.17 ({@code scipy.stats.t.ppf}). */
class StudentTTest {

    @Test
    void quantilesMatchTables() {
        assertThat(StudentT.quantile(0.975, 1)).isCloseTo(12.706204736174694, within(1e-9));
        assertThat(StudentT.quantile(0.975, 2)).isCloseTo(4.302652729749462, within(1e-9));
        assertThat(StudentT.quantile(0.975, 3)).isCloseTo(3.1824463052837078, within(1e-9));
        assertThat(StudentT.quantile(0.975, 4)).isCloseTo(2.7764451051977934, within(1e-9));
        assertThat(StudentT.quantile(0.975, 10)).isCloseTo(2.228138851986274, within(1e-9));
        assertThat(StudentT.quantile(0.975, 30)).isCloseTo(2.0422724563012378, within(1e-9));
        assertThat(StudentT.quantile(0.975, 1000)).isCloseTo(1.9623390808264083, within(1e-9));
    }

    @Test
    void fractionalDegreesOfFreedomAsWelchGives() {
        assertThat(StudentT.quantile(0.975, 2.5)).isCloseTo(3.5746548420036817, within(1e-9));
        assertThat(StudentT.quantile(0.975, 7.3)).isCloseTo(2.345066736547703, within(1e-9));
        assertThat(StudentT.quantile(0.9, 3.7)).isCloseTo(1.5575658388615072, within(1e-9));
        assertThat(StudentT.cdf(1.3, 5.5)).isCloseTo(0.8772916520457021, within(1e-12));
    }

    @Test
    void oneDegreeOfFreedomIsCauchy() {
        for (double t : new double[] {-3, -0.5, 0, 0.7, 10}) {
            assertThat(StudentT.cdf(t, 1)).isCloseTo(0.5 + Math.atan(t) / Math.PI, within(1e-13));
        }
    }

    @Test
    void symmetricAndMonotone() {
        assertThat(StudentT.quantile(0.025, 4)).isCloseTo(-StudentT.quantile(0.975, 4), within(1e-12));
        assertThat(StudentT.quantile(0.5, 3)).isZero();
        assertThat(StudentT.cdf(StudentT.quantile(0.8, 6), 6)).isCloseTo(0.8, within(1e-12));
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> StudentT.quantile(1.2, 3)).hasMessageContaining("1.2");
        assertThatThrownBy(() -> StudentT.quantile(0.9, 0)).hasMessageContaining("0.0");
    }
}
