package io.sam4j.analysis.landscape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AxisRangeTest {

    @Test
    void parsesFromToPointsWithBothEndsIncluded() {
        AxisRange r = AxisRange.parse("-1:1:51");
        double[] v = r.values();
        assertThat(v).hasSize(51);
        assertThat(v[0]).isEqualTo(-1.0);
        assertThat(v[25]).isEqualTo(0.0);
        assertThat(v[50]).isEqualTo(1.0);
        assertThat(AxisRange.parse("-0.5:1.5:81").value(20)).isEqualTo(0.0);
        assertThat(AxisRange.parse("-0.5:1.5:81").value(60)).isEqualTo(1.0);
        assertThat(r.toString()).isEqualTo("-1:1:51");
    }

    @Test
    void rejectsReversedRangesTooFewPointsAndGarbage() {
        assertThatThrownBy(() -> AxisRange.parse("1:0:5")).hasMessageContaining("1:0");
        assertThatThrownBy(() -> AxisRange.parse("0:1:1")).hasMessageContaining("at least 2 points but was 1");
        assertThatThrownBy(() -> AxisRange.parse("0:1")).hasMessageContaining("FROM:TO:POINTS");
        assertThatThrownBy(() -> AxisRange.parse("a:1:3")).hasMessageContaining("'a:1:3'");
    }
}
