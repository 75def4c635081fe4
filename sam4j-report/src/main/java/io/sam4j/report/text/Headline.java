package io.sam4j.report.text;

import io.sam4j.report.model.Column;
import io.sam4j.report.model.Comparison;
import io.sam4j.report.model.ReportModel;
import io.sam4j.report.model.RunGroup;
import io.sam4j.report.stats.MeanInterval;
import io.sam4j.report.stats.WelchDifference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The sentences at the top of a report: did SAM help, by how much, and is the minimum flatter.
 *
 * @param verdicts one sentence per SAM/baseline pair (or one describing the runs when there is no pair)
 * @param details the interval's caveat, the gap and the flatness evidence for the first pair
 */
public record Headline(List<String> verdicts, List<String> details) {

    /** The fewest distinct seeds per configuration for which the headline quotes an interval. */
    public static final int MIN_INFORMATIVE_SEEDS = 3;

    /** Writes the headline of {@code model}. */
    public static Headline of(ReportModel model) {
        List<String> verdicts = new ArrayList<>();
        List<String> details = new ArrayList<>();
        if (model.comparisons().isEmpty()) {
            for (RunGroup g : model.groups()) {
                MeanInterval e = g.stat(Column.TEST_ERROR);
                verdicts.add(g.method() + " on " + g.setting() + ": test error " + Format.interval(e, 2) + "% ("
                        + seeds(g.runs().size()) + ").");
            }
            details.add("No SAM run has a baseline here: add runs with --sam none and otherwise the same settings"
                    + " to measure what SAM changes.");
            details.add(flatnessAbsentNote(model));
            return new Headline(verdicts, details);
        }
        for (Comparison c : model.comparisons()) {
            verdicts.add(verdict(c));
        }
        Comparison first = model.comparisons().get(0);
        details.add(caveat(first.difference(Column.TEST_ERROR), first));
        WelchDifference gap = first.difference(Column.GAP_ACCURACY);
        if (!Double.isNaN(gap.difference())) {
            details.add("Generalization gap (train − test accuracy): "
                    + Format.interval(first.group().stat(Column.GAP_ACCURACY), 2)
                    + " points with " + shortName(first.group()) + " vs "
                    + Format.interval(first.baseline().stat(Column.GAP_ACCURACY), 2)
                    + " with " + first.baseline().method() + " (difference " + Format.difference(gap, 2) + ").");
        }
        details.add(flatness(first, model));
        return new Headline(verdicts, details);
    }

    private static String verdict(Comparison c) {
        WelchDifference d = c.difference(Column.TEST_ERROR);
        String verb = d.difference() < 0 ? "lowered" : d.difference() > 0 ? "raised" : "did not change";
        String amount = d.difference() == 0
                ? ""
                : " by " + Format.number(Math.abs(d.difference()), 2)
                        + (d.hasInterval() && informative(c) ? " ± " + Format.number(d.halfWidth(), 2) : "")
                        + " points";
        return shortName(c.group()) + " " + verb + " test error" + amount + " vs "
                + c.baseline().method() + " on "
                + c.group().setting() + " (" + Format.interval(c.group().stat(Column.TEST_ERROR), 2) + "% vs "
                + Format.interval(c.baseline().stat(Column.TEST_ERROR), 2) + "%).";
    }

    private static String caveat(WelchDifference d, Comparison c) {
        String counts = d.na() == d.nb() ? d.na() + " seeds each" : d.na() + " vs " + d.nb() + " seeds";
        if (!d.hasInterval()) {
            return "No interval: each side needs at least two seeds (" + counts
                    + "); repeat the runs with other --seed values.";
        }
        if (!informative(c)) {
            return "Not informative: a 95% interval from fewer than " + MIN_INFORMATIVE_SEEDS
                    + " distinct seeds per configuration (" + distinctSeeds(c.group()) + " vs "
                    + distinctSeeds(c.baseline()) + ") rests on too few degrees of freedom to tell the difference"
                    + " from seed-to-seed noise; repeat the runs with " + MIN_INFORMATIVE_SEEDS
                    + " or more --seed values.";
        }
        if (d.significant()) {
            return "The 95% Welch interval excludes zero (" + counts
                    + "): the difference is larger than the seed-to-seed noise.";
        }
        return "Within noise: the 95% Welch interval includes zero (" + counts + "); more seeds would narrow it.";
    }

    /**
     * Whether both sides have at least {@value #MIN_INFORMATIVE_SEEDS} distinct seeds: with two, Student's t
     * has one degree of freedom per side and the interval spans several times the spread of the runs.
     */
    private static boolean informative(Comparison c) {
        return distinctSeeds(c.group()) >= MIN_INFORMATIVE_SEEDS
                && distinctSeeds(c.baseline()) >= MIN_INFORMATIVE_SEEDS;
    }

    private static long distinctSeeds(RunGroup g) {
        return g.seeds().stream().distinct().count();
    }

    private static String flatness(Comparison c, ReportModel model) {
        MeanInterval sam = c.group().stat(Column.LAMBDA_MAX);
        MeanInterval base = c.baseline().stat(Column.LAMBDA_MAX);
        if (sam.present() && base.present()) {
            String verdict = sam.mean() < base.mean() ? "Yes" : "No";
            return "Is the minimum flatter? " + verdict + ": the Hessian's largest eigenvalue λmax is "
                    + interval(sam) + " with " + shortName(c.group()) + " vs " + interval(base) + " with "
                    + c.baseline().method() + ".";
        }
        Map<String, Double> samSharp = firstSharpness(c.group());
        Map<String, Double> baseSharp = firstSharpness(c.baseline());
        for (String key : samSharp.keySet()) {
            if (baseSharp.containsKey(key)) {
                MeanInterval s = MeanInterval.of(c.group().runs().stream()
                        .mapToDouble(r -> r.sharpness().getOrDefault(key, Double.NaN))
                        .toArray());
                MeanInterval b = MeanInterval.of(c.baseline().runs().stream()
                        .mapToDouble(r -> r.sharpness().getOrDefault(key, Double.NaN))
                        .toArray());
                String verdict = s.mean() < b.mean() ? "Yes" : "No";
                return "Is the minimum flatter? " + verdict + ": sharpness (" + key + ") is " + interval(s) + " with "
                        + shortName(c.group()) + " vs " + interval(b) + " with "
                        + c.baseline().method() + ".";
            }
        }
        return flatnessAbsentNote(model);
    }

    private static String flatnessAbsentNote(ReportModel model) {
        return "Flatness was not measured for both sides: no hessian.json, per-epoch hessian_lambda_max or"
                + " sharpness.json in these runs.";
    }

    private static Map<String, Double> firstSharpness(RunGroup g) {
        return g.runs().stream()
                .map(r -> r.sharpness())
                .filter(m -> !m.isEmpty())
                .findFirst()
                .orElse(Map.of());
    }

    private static String interval(MeanInterval m) {
        return m.hasInterval()
                ? Format.significant(m.mean()) + " ± " + Format.significant(m.halfWidth())
                : Format.significant(m.mean());
    }

    private static String shortName(RunGroup g) {
        return g.method().replace(" + " + g.baseOptimizer(), "");
    }

    private static String seeds(int n) {
        return n == 1 ? "1 seed" : n + " seeds";
    }
}
