package io.sam4j.cli.sweep;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One run of a sweep.
 *
 * @param name the run's directory name, e.g. {@code sam-sam_rho-0.05_seed-1}
 * @param axisValues the grid values that apply to it, in axis order
 * @param flags every {@code train} flag of the run (shared flags, then axis values), name → value
 */
public record SweepPoint(String name, Map<String, String> axisValues, Map<String, String> flags) {

    public SweepPoint {
        axisValues = Collections.unmodifiableMap(new LinkedHashMap<>(axisValues));
        flags = Collections.unmodifiableMap(new LinkedHashMap<>(flags));
    }
}
