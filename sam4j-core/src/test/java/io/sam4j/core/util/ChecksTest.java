package io.sam4j.core.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChecksTest {

    @Test
    void checkArgumentFormatsTheMessageOnlyOnFailure() {
        Checks.checkArgument(true, "never %s", "shown");
        assertThatThrownBy(() -> Checks.checkArgument(false, "rho %s > %s", 0.5, 0.1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rho 0.5 > 0.1");
    }

    @Test
    void checkStateThrowsIllegalState() {
        assertThatThrownBy(() -> Checks.checkState(false, "first step %s not taken", 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("first step 1 not taken");
    }

    @Test
    void formatToleratesMismatchedArguments() {
        assertThat(Checks.format("a %s b %s", 1)).isEqualTo("a 1 b %s");
        assertThat(Checks.format("a %s", 1, 2, 3)).isEqualTo("a 1 [2, 3]");
        assertThat(Checks.format("%d %s", (Object) null)).isEqualTo("%d null");
        assertThat(Checks.format("plain")).isEqualTo("plain");
    }

    @Test
    void checkPositiveReturnsTheValueOrNamesIt() {
        assertThat(Checks.checkPositive("batchSize", 32)).isEqualTo(32);
        assertThat(Checks.checkPositive("steps", 1L)).isEqualTo(1L);
        assertThat(Checks.checkPositive("lr", 1e-9)).isEqualTo(1e-9);
        assertThatThrownBy(() -> Checks.checkPositive("batchSize", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("batchSize must be >= 1 but was 0");
        assertThatThrownBy(() -> Checks.checkPositive("steps", -5L)).hasMessage("steps must be >= 1 but was -5");
        assertThatThrownBy(() -> Checks.checkPositive("lr", 0.0)).hasMessage("lr must be > 0 but was 0.0");
        assertThatThrownBy(() -> Checks.checkPositive("lr", Double.NaN)).hasMessage("lr must be > 0 but was NaN");
    }

    @Test
    void checkNonNegativeAcceptsZero() {
        assertThat(Checks.checkNonNegative("seed", 0)).isZero();
        assertThat(Checks.checkNonNegative("offset", 0L)).isZero();
        assertThat(Checks.checkNonNegative("weightDecay", 0.0)).isZero();
        assertThatThrownBy(() -> Checks.checkNonNegative("seed", -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("seed must be >= 0 but was -1");
        assertThatThrownBy(() -> Checks.checkNonNegative("offset", Long.MIN_VALUE))
                .hasMessage("offset must be >= 0 but was -9223372036854775808");
        assertThatThrownBy(() -> Checks.checkNonNegative("weightDecay", -0.5))
                .hasMessage("weightDecay must be >= 0 but was -0.5");
    }

    @Test
    void checkInRangeIsInclusive() {
        assertThat(Checks.checkInRange("workers", 1, 1, 8)).isEqualTo(1);
        assertThat(Checks.checkInRange("workers", 8L, 1L, 8L)).isEqualTo(8L);
        assertThat(Checks.checkInRange("momentum", 1.0, 0.0, 1.0)).isEqualTo(1.0);
        assertThatThrownBy(() -> Checks.checkInRange("workers", 9, 1, 8))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("workers must be in [1, 8] but was 9");
        assertThatThrownBy(() -> Checks.checkInRange("workers", 0L, 1L, 8L))
                .hasMessage("workers must be in [1, 8] but was 0");
        assertThatThrownBy(() -> Checks.checkInRange("momentum", Double.NaN, 0.0, 1.0))
                .hasMessage("momentum must be in [0.0, 1.0] but was NaN");
        assertThatThrownBy(() -> Checks.checkInRange("x", 1, 5, 2))
                .hasMessage("range lower bound 5 must not exceed upper bound 2");
    }

    @Test
    void checkFiniteRejectsNanAndInfinity() {
        assertThat(Checks.checkFinite("loss", -3.5)).isEqualTo(-3.5);
        assertThatThrownBy(() -> Checks.checkFinite("loss", Double.NaN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("loss must be finite but was NaN");
        assertThatThrownBy(() -> Checks.checkFinite("loss", Double.NEGATIVE_INFINITY))
                .hasMessage("loss must be finite but was -Infinity");
    }
}
