package io.sam4j.report.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.sam4j.core.run.RunKeys;
import io.sam4j.report.run.RunRecord;
import io.sam4j.report.stats.MeanInterval;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The cost-versus-gain view: each configuration's test error (mean ± 95% Student-t interval over its
 * seeds) against its cost relative to its base configuration, the one with {@code sam=none} that it is
 * compared with in {@link ReportModel#comparisons()}, and whether it lies on the Pareto front.
 *
 * <p>Cost is counted, not timed: forward-backward passes per step ({@link PassCount}) divided by the
 * base's, so SAM is 2× SGD however busy the machine was. The measured training time comes second, as
 * the geometric mean of the per-seed ratios time(run) / time(base run with the same seed) with a 95%
 * Student-t interval taken on their logarithms, which stays above zero however noisy the timings
 * ({@link RatioKind#PER_SEED}); with fewer than two pairs it is the ratio of the two groups' mean times,
 * without an interval ({@link RatioKind#RATIO_OF_MEANS}).
 *
 * <p>A configuration is on the front of its family (a base and the configurations compared with it) when
 * no other configuration of the family costs at most as many passes and is at least as accurate, and is
 * strictly better in one of the two, judged on the means; the intervals show how firm that is.
 * Configurations of different bases (other models, datasets or optimizers) are never compared.
 *
 * @param families one per base configuration that some configuration is compared with, in group order
 * @param unpaired the sharpness-aware configurations without a base among the runs, left out of the view
 */
public record CostGain(List<Family> families, List<RunGroup> unpaired) {

    /**
     * A run's training time in seconds: its epochs' {@code train_seconds} summed when every epoch logged
     * one, else summary.json's {@code train_seconds} (the same sum written at the end), else NaN.
     */
    public static final Column TRAIN_TIME =
            new Column("train_time", "Training time", "s", 1, 1, CostGain::trainSeconds);

    /** How a time ratio was formed. */
    public enum RatioKind {
        /** The geometric mean of per-seed ratios, with a Student-t interval on their logarithms. */
        PER_SEED("geometric mean of per-seed ratios"),
        /** The ratio of the mean times: fewer than two seeds pair up, so no interval. */
        RATIO_OF_MEANS("ratio of mean times");

        private final String description;

        RatioKind(String description) {
            this.description = description;
        }

        /** Returns how the ratio was formed, in words. */
        public String description() {
            return description;
        }
    }

    /**
     * A measured time relative to the base's.
     *
     * @param ratio the ratio, NaN when a time is missing
     * @param low the interval's lower end, NaN without an interval
     * @param high the interval's upper end, NaN without an interval
     * @param kind how the ratio was formed
     * @param pairs the number of seeds shared with the base that have a time on both sides
     */
    public record TimeRatio(double ratio, double low, double high, RatioKind kind, int pairs) {

        /** Returns whether the ratio has an interval. */
        public boolean hasInterval() {
            return Double.isFinite(low) && Double.isFinite(high);
        }
    }

    /**
     * One configuration of a family.
     *
     * @param group the configuration
     * @param error its test error in percent, mean ± 95% interval over the seeds
     * @param passes its forward-backward passes per step divided by the base's (1 for the base itself),
     *     mean ± 95% interval over the seeds (no spread when the catalog's formula gives them)
     * @param passSource where the pass counts come from
     * @param time its measured training time divided by the base's
     * @param onFront whether no other configuration of the family dominates it (false when not placed)
     */
    public record Point(
            RunGroup group,
            MeanInterval error,
            MeanInterval passes,
            PassCount.Source passSource,
            TimeRatio time,
            boolean onFront) {

        /** Returns whether both coordinates are known, so that the point is drawn and judged. */
        public boolean placed() {
            return Double.isFinite(error.mean()) && Double.isFinite(passes.mean());
        }

        boolean dominates(Point other) {
            double c = passes.mean();
            double e = error.mean();
            double oc = other.passes.mean();
            double oe = other.error.mean();
            return c <= oc && e <= oe && (c < oc || e < oe);
        }
    }

    /**
     * A base configuration and the configurations compared with it.
     *
     * @param base the configuration with {@code sam=none}
     * @param points the base's point first, then the others in group order
     */
    public record Family(RunGroup base, List<Point> points) {}

    /** Builds the view of {@code model}: empty families when no configuration has a base. */
    public static CostGain of(ReportModel model) {
        // Keyed by group index: a group's equality would compare every run's records.
        Map<Integer, List<RunGroup>> byBase = new HashMap<>();
        Set<Integer> paired = new HashSet<>();
        for (Comparison c : model.comparisons()) {
            byBase.computeIfAbsent(c.baseline().index(), b -> new ArrayList<>()).add(c.group());
            paired.add(c.group().index());
        }
        List<Family> families = new ArrayList<>();
        for (RunGroup base : model.groups()) {
            List<RunGroup> others = byBase.get(base.index());
            if (others == null) {
                continue;
            }
            List<RunGroup> members = new ArrayList<>();
            members.add(base);
            members.addAll(others);
            families.add(family(base, members));
        }
        List<RunGroup> unpaired = model.groups().stream()
                .filter(g -> g.sharpnessAware() && !paired.contains(g.index()))
                .toList();
        return new CostGain(List.copyOf(families), unpaired);
    }

    /** Returns whether the view has something to show: a base and at least one other configuration. */
    public boolean present() {
        return !families.isEmpty();
    }

    /** Returns the base's display name, e.g. "SGD", for axis titles and captions. */
    public static String baseName(Family family) {
        return family.base().label();
    }

    private static Family family(RunGroup base, List<RunGroup> members) {
        List<Point> unjudged = new ArrayList<>();
        for (RunGroup g : members) {
            unjudged.add(point(g, base));
        }
        List<Point> points = new ArrayList<>();
        for (Point p : unjudged) {
            boolean dominated = unjudged.stream().anyMatch(q -> q != p && q.placed() && q.dominates(p));
            points.add(new Point(p.group(), p.error(), p.passes(), p.passSource(), p.time(), p.placed() && !dominated));
        }
        return new Family(base, List.copyOf(points));
    }

    private static Point point(RunGroup group, RunGroup base) {
        double basePasses = MeanInterval.of(base.runs().stream()
                        .mapToDouble(r -> PassCount.of(r).perStep())
                        .toArray())
                .mean();
        List<PassCount> counts = group.runs().stream().map(PassCount::of).toList();
        MeanInterval passes = MeanInterval.of(
                counts.stream().mapToDouble(c -> c.perStep() / basePasses).toArray());
        if (counts.stream().anyMatch(c -> c.source() == PassCount.Source.UNKNOWN)) {
            // One run of unknown cost would leave the mean to the others: the configuration is not placed.
            passes = MeanInterval.of();
        }
        return new Point(group, group.stat(Column.TEST_ERROR), passes, source(counts), time(group, base), false);
    }

    /** The weakest source among the runs': unknown, then expected, counted, catalog. */
    private static PassCount.Source source(List<PassCount> counts) {
        for (PassCount.Source s :
                List.of(PassCount.Source.UNKNOWN, PassCount.Source.EXPECTED, PassCount.Source.COUNTED)) {
            if (counts.stream().anyMatch(c -> c.source() == s)) {
                return s;
            }
        }
        return PassCount.Source.CATALOG;
    }

    private static TimeRatio time(RunGroup group, RunGroup base) {
        Map<String, Double> baseBySeed = new HashMap<>();
        for (RunRecord r : base.runs()) {
            double t = trainSeconds(r);
            if (t > 0 && Double.isFinite(t)) {
                baseBySeed.put(r.configText("seed"), t);
            }
        }
        List<Double> logs = new ArrayList<>();
        for (RunRecord r : group.runs()) {
            Double b = baseBySeed.get(r.configText("seed"));
            double t = trainSeconds(r);
            if (b != null && t > 0 && Double.isFinite(t)) {
                logs.add(Math.log(t / b));
            }
        }
        if (logs.size() >= 2) {
            MeanInterval log = MeanInterval.of(
                    logs.stream().mapToDouble(Double::doubleValue).toArray());
            return new TimeRatio(
                    Math.exp(log.mean()),
                    Math.exp(log.mean() - log.halfWidth()),
                    Math.exp(log.mean() + log.halfWidth()),
                    RatioKind.PER_SEED,
                    logs.size());
        }
        double ratio = group.stat(TRAIN_TIME).mean() / base.stat(TRAIN_TIME).mean();
        return new TimeRatio(
                ratio > 0 ? ratio : Double.NaN, Double.NaN, Double.NaN, RatioKind.RATIO_OF_MEANS, logs.size());
    }

    private static double trainSeconds(RunRecord run) {
        double[] perEpoch = run.series(RunKeys.Metrics.TRAIN_SECONDS);
        double sum = 0;
        boolean complete = perEpoch.length > 0;
        for (double s : perEpoch) {
            complete &= Double.isFinite(s);
            sum += s;
        }
        if (complete) {
            return sum;
        }
        JsonNode total = run.summary().get(RunKeys.Summary.TRAIN_SECONDS);
        return total != null && total.isNumber() ? total.asDouble() : Double.NaN;
    }
}
