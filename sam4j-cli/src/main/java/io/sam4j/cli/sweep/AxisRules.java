package io.sam4j.cli.sweep;

import io.sam4j.cli.config.TrainConfig;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Which grid axes apply to which runs: the one place that knows, for example, that ρ means nothing
 * without SAM. An axis that does not apply to a point collapses there, so {@code sam=none,sam
 * rho=0.02,0.05} gives one plain-SGD run and two SAM runs, not two identical plain-SGD runs.
 */
public final class AxisRules {

    private static final Map<String, Predicate<TrainConfig>> APPLIES = Map.of(
            // The neighbourhood radius and the m-sharpness group size belong to SAM and ASAM.
            "rho", c -> !"none".equals(c.sam),
            "m", c -> !"none".equals(c.sam),
            // η is ASAM's scale-invariance term; plain SAM ignores it.
            "eta", c -> "asam".equals(c.sam));

    private AxisRules() {}

    /** Returns whether {@code axis} changes a run whose resolved config is {@code config}. */
    public static boolean applies(String axis, TrainConfig config) {
        Predicate<TrainConfig> rule = APPLIES.get(axis);
        return rule == null || rule.test(config);
    }
}
