package io.sam4j.report.text;

import io.sam4j.report.stats.MeanInterval;
import io.sam4j.report.stats.WelchDifference;
import java.util.Locale;

/** Formats numbers and intervals the same way in HTML, Markdown and the headline. */
public final class Format {

    /** Shown for a missing value. */
    public static final String MISSING = "—";

    private Format() {}

    /** Returns {@code value} with {@code decimals} decimals, or {@link #MISSING}. */
    public static String number(double value, int decimals) {
        if (!Double.isFinite(value)) {
            return MISSING;
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** Returns a number with about 4 significant digits, for values of unknown scale (λmax, ρ, lr). */
    public static String significant(double value) {
        if (!Double.isFinite(value)) {
            return MISSING;
        }
        double abs = Math.abs(value);
        if (abs != 0 && (abs >= 1e5 || abs < 1e-3)) {
            return String.format(Locale.ROOT, "%.3e", value);
        }
        String s = String.format(Locale.ROOT, "%.4g", value);
        if (s.contains(".") && !s.contains("e")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s;
    }

    /** Returns "mean ± half-width", or the mean alone with one value, or {@link #MISSING}. */
    public static String interval(MeanInterval m, int decimals) {
        if (!m.present()) {
            return MISSING;
        }
        // Identical values (epochs of complete runs) need no "± 0".
        return m.hasInterval() && m.halfWidth() > 0
                ? number(m.mean(), decimals) + " ± " + number(m.halfWidth(), decimals)
                : number(m.mean(), decimals);
    }

    /** Returns a signed "+d ± h" (or "+d" without an interval). */
    public static String difference(WelchDifference d, int decimals) {
        if (Double.isNaN(d.difference())) {
            return MISSING;
        }
        String sign = d.difference() > 0 ? "+" : "";
        String value = sign + number(d.difference(), decimals);
        return d.hasInterval() ? value + " ± " + number(d.halfWidth(), decimals) : value;
    }

    /** Returns a signed "-50.9 ± 27.4" (or "+3.1") with about 4 significant digits, for values of unknown scale. */
    public static String differenceSignificant(WelchDifference d) {
        if (Double.isNaN(d.difference())) {
            return MISSING;
        }
        String value = (d.difference() > 0 ? "+" : "") + significant(d.difference());
        return d.hasInterval() ? value + " ± " + significant(d.halfWidth()) : value;
    }
}
