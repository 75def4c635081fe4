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
 * seeds) against its training time relative to its base configuration, the one with {@code sam=none}
 * that it is compared with in {@link ReportModel#comparisons()}, and whether it lies on the Pareto front.
 *
 * <p>The time ratio is the mean of the per-seed ratios time(run) / time(base run with the same seed) with
 * its Student-t interval when at least two seeds pair up ({@link RatioKind#PER_SEED}); otherwise it is
 * the ratio of the two groups' mean times, without an interval ({@link RatioKind#RATIO_OF_MEANS}).
 *
 * <p>A configuration is on the front of its family (a base and the configurations compared with it) when
 * no other configuration of the family is at least as cheap and at least as accurate and strictly better
 * in one of the two, judged on the means; the intervals show how firm that is. Configurations of
 * different bases (other models, datasets or optimizers) are never compared.
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
        /** The mean of per-seed ratios, with a Student-t interval. */
        PER_SEED("mean of per-seed ratios"),
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
     * One configuration of a family.
     *
     * @param group the configuration
     * @param error its test error in percent, mean ± 95% interval over the seeds
     * @param timeRatio its training time divided by the base's (1 for the base itself)
     * @param kind how {@code timeRatio} was formed
     * @param pairs the number of seeds it shares with the base that have a time on both sides
     * @param onFront whether no other configuration of the family dominates it (false when not placed)
     */
    public record Point(
            RunGroup group, MeanInterval error, MeanInterval timeRatio, RatioKind kind, int pairs, boolean onFront) {

        /** Returns whether both coordinates are known, so that the point is drawn and judged. */
        public boolean placed() {
            return Double.isFinite(error.mean()) && Double.isFinite(timeRatio.mean());
        }

        boolean dominates(Point other) {
            double t = timeRatio.mean();
            double e = error.mean();
            double ot = other.timeRatio.mean();
            double oe = other.error.mean();
            return t <= ot && e <= oe && (t < ot || e < oe);
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
        return family.base().method();
    }

    private static Family family(RunGroup base, List<RunGroup> members) {
        List<Point> unjudged = new ArrayList<>();
        for (RunGroup g : members) {
            unjudged.add(point(g, base));
        }
        List<Point> points = new ArrayList<>();
        for (Point p : unjudged) {
            boolean dominated = unjudged.stream().anyMatch(q -> q != p && q.placed() && q.dominates(p));
            points.add(new Point(p.group(), p.error(), p.timeRatio(), p.kind(), p.pairs(), p.placed() && !dominated));
        }
        return new Family(base, List.copyOf(points));
    }

    private static Point point(RunGroup group, RunGroup base) {
        Map<String, Double> baseBySeed = new HashMap<>();
        for (RunRecord r : base.runs()) {
            double t = trainSeconds(r);
            if (t > 0 && Double.isFinite(t)) {
                baseBySeed.put(r.configText("seed"), t);
            }
        }
        List<Double> ratios = new ArrayList<>();
        for (RunRecord r : group.runs()) {
            Double b = baseBySeed.get(r.configText("seed"));
            double t = trainSeconds(r);
            if (b != null && Double.isFinite(t)) {
                ratios.add(t / b);
            }
        }
        MeanInterval error = group.stat(Column.TEST_ERROR);
        if (ratios.size() >= 2) {
            MeanInterval perSeed = MeanInterval.of(
                    ratios.stream().mapToDouble(Double::doubleValue).toArray());
            return new Point(group, error, perSeed, RatioKind.PER_SEED, ratios.size(), false);
        }
        double ratio = group.stat(TRAIN_TIME).mean() / base.stat(TRAIN_TIME).mean();
        // One value, the ratio itself: no interval.
        MeanInterval ofMeans = MeanInterval.of(ratio);
        return new Point(group, error, ofMeans, RatioKind.RATIO_OF_MEANS, ratios.size(), false);
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
