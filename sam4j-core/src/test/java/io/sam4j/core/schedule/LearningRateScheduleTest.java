package io.sam4j.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

    @Test
    void cosineDecaysFromPeakToZero() {
        LearningRateSchedule s = LearningRateSchedule.cosine(0.1, 100, 0);
        assertThat(s.valueAt(0)).isEqualTo(0.1);
        assertThat(s.valueAt(50)).isCloseTo(0.05, within(1e-12));
        assertThat(s.valueAt(25)).isCloseTo(0.05 * (1 + Math.sqrt(0.5)), within(1e-12));
        assertThat(s.valueAt(100)).isCloseTo(0.0, within(1e-12));
        assertThat(s.getNewValue(1)).isEqualTo(0.1f);
    }

    @Test
    void warmupRampsLinearlyThenCosineStartsAtThePeak() {
        LearningRateSchedule s = LearningRateSchedule.cosine(0.2, 110, 10).withLinearWarmup(10);
        assertThat(s.valueAt(0)).isCloseTo(0.02, within(1e-12));
        assertThat(s.valueAt(4)).isCloseTo(0.1, within(1e-12));
        assertThat(s.valueAt(9)).isCloseTo(0.2, within(1e-12));
        assertThat(s.valueAt(10)).isCloseTo(0.2, within(1e-12));
        assertThat(s.valueAt(60)).isCloseTo(0.1, within(1e-12));
    }

    @Test
    void stepDropsAtMilestones() {
        LearningRateSchedule s = LearningRateSchedule.step(0.1, new long[] {10, 20}, 0.2);
        assertThat(s.valueAt(9)).isEqualTo(0.1);
        assertThat(s.valueAt(10)).isCloseTo(0.02, within(1e-12));
        assertThat(s.valueAt(25)).isCloseTo(0.004, within(1e-12));
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> LearningRateSchedule.constant(0)).hasMessage("learning rate must be > 0 but was 0.0");
        assertThatThrownBy(() -> LearningRateSchedule.step(0.1, new long[] {5, 5}, 0.1))
                .hasMessageContaining("strictly ascending");
    }
}
