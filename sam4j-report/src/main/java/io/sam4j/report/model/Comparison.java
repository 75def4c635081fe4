package io.sam4j.report.model;

import io.sam4j.report.stats.WelchDifference;

/**
 * A SAM or ASAM group against its baseline (same config with {@code sam=none}): the difference of the
 * means, group minus baseline, with Welch's 95% interval.
 *
 * @param group the sharpness-aware group
 * @param baseline the group with {@code sam=none} and otherwise the same config
 */
public record Comparison(RunGroup group, RunGroup baseline) {

    /** Returns group − baseline for {@code column}, in the column's display units. */
    public WelchDifference difference(Column column) {
        return WelchDifference.of(group.values(column), baseline.values(column));
    }
}
