package io.sam4j.analysis.plot;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/** Round tick values for an axis (1, 2 or 5 times a power of ten apart). */
final class Ticks {

    private Ticks() {}

    /** Returns about {@code wanted} round values within [lo, hi]. */
    static List<Double> between(double lo, double hi, int wanted) {
        double raw = (hi - lo) / Math.max(1, wanted);
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = magnitude;
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * magnitude >= raw) {
                step = m * magnitude;
                break;
            }
        }
        List<Double> ticks = new ArrayList<>();
        for (double t = Math.ceil(lo / step - 1e-9) * step; t <= hi + step * 1e-9; t += step) {
            ticks.add(Math.abs(t) < step * 1e-9 ? 0.0 : t);
        }
        return ticks;
    }

    /** Formats a tick without float noise (0.30000000000000004 → 0.3). */
    static String label(double value) {
        String s = new BigDecimal(value)
                .round(new MathContext(6))
                .stripTrailingZeros()
                .toPlainString();
        return s.equals("-0") ? "0" : s;
    }
}
