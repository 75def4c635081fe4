package io.sam4j.report.text;

import io.sam4j.report.model.Column;
import io.sam4j.report.model.Comparison;
import io.sam4j.report.model.ReportModel;
import io.sam4j.report.model.RunGroup;
import io.sam4j.report.model.Task;
import io.sam4j.report.run.RunRecord;
import io.sam4j.report.stats.MeanInterval;
import io.sam4j.report.stats.WelchDifference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The sentences at the top of a report: did SAM help, by how much, and is the minimum flatter.
 *
 * @param verdicts one sentence per SAM/baseline pair (or one describing the runs when there is no pair)
 * @param details the interval's caveat, the gap, what the train labels were and, last, the flatness
 *     evidence (Δλmax with its Welch interval) for the first pair
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
                verdicts.add(g.label() + " on " + task(g.runs(), g) + ": test error " + Format.interval(e, 2) + "% ("
                        + seeds(g.runs().size()) + ").");
            }
            details.add("No SAM run has a baseline here: add runs with --sam none and otherwise the same settings"
                    + " to measure what SAM changes.");
            details.add(trainLabelsNote(model));
            details.add(flatnessAbsentNote(model));
            details.removeIf(String::isEmpty);
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
                    + " points with " + first.group().label() + " vs "
                    + Format.interval(first.baseline().stat(Column.GAP_ACCURACY), 2)
                    + " with " + first.baseline().label() + " (difference " + Format.difference(gap, 2) + ")"
                    + (model.trainLabels().isEmpty() ? "" : "; train accuracy is on the " + model.trainLabels())
                    + ".");
        }
        details.add(trainLabelsNote(model));
        // Flatness last: the demo prints the first detail and the last.
        details.add(flatness(first, model));
        details.removeIf(String::isEmpty);
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
        List<RunRecord> pair = new ArrayList<>(c.group().runs());
        pair.addAll(c.baseline().runs());
        return c.group().label() + " " + verb + " test error" + amount + " vs "
                + c.baseline().label() + " on "
                + task(pair, c.group()) + " (" + Format.interval(c.group().stat(Column.TEST_ERROR), 2) + "% vs "
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
        double[] sam = c.group().values(Column.LAMBDA_MAX);
        double[] base = c.baseline().values(Column.LAMBDA_MAX);
        if (MeanInterval.of(sam).present() && MeanInterval.of(base).present()) {
            return flatter(c, "the Hessian's largest eigenvalue λmax", "Δλmax", sam, base);
        }
        Map<String, Double> samSharp = firstSharpness(c.group());
        Map<String, Double> baseSharp = firstSharpness(c.baseline());
        for (String key : samSharp.keySet()) {
            if (baseSharp.containsKey(key)) {
                return flatter(
                        c, "sharpness (" + key + ")", "Δ", sharpness(c.group(), key), sharpness(c.baseline(), key));
            }
        }
        return flatnessAbsentNote(model);
    }

    /**
     * "Is the minimum flatter? Yes: λmax is 77.2 ± 20.7 with SAM ρ = 0.1 vs 128.1 ± 29.9 with SGD; Δλmax =
     * -50.9 ± 27.4 (Welch's 95% interval, which excludes zero)." Yes or No only when the interval excludes
     * zero; with it, "Not clearly"; with one seed a side, the means alone decide, and the sentence says so.
     */
    static String flatter(Comparison c, String what, String delta, double[] sam, double[] base) {
        MeanInterval s = MeanInterval.of(sam);
        MeanInterval b = MeanInterval.of(base);
        WelchDifference d = WelchDifference.of(sam, base);
        String verdict;
        String why;
        if (!d.hasInterval()) {
            verdict = d.difference() < 0 ? "Yes, by the means" : "No, by the means";
            why = "no interval: each side needs two seeds";
        } else if (d.significant()) {
            verdict = d.difference() < 0 ? "Yes" : "No";
            why = "Welch's 95% interval, which excludes zero";
        } else {
            verdict = "Not clearly";
            why = "Welch's 95% interval, which includes zero: the difference is within seed-to-seed noise";
        }
        return "Is the minimum flatter? " + verdict + ": " + what + " is " + interval(s) + " with "
                + c.group().label() + " vs " + interval(b) + " with "
                + c.baseline().label() + "; " + delta + " = "
                + Format.differenceSignificant(d) + " (" + why + ").";
    }

    private static double[] sharpness(RunGroup g, String key) {
        return g.runs().stream()
                .mapToDouble(r -> r.sharpness().getOrDefault(key, Double.NaN))
                .toArray();
    }

    /** The caveat on train metrics measured on noisy labels, "" with clean labels. */
    private static String trainLabelsNote(ReportModel model) {
        Task task = model.task();
        if (model.trainLabels().isEmpty()) {
            return "";
        }
        String share = task.noisyLabels() ? Task.percent(task.labelNoise()) + " of" : "some of";
        return "Train error and accuracy are measured on the noisy training labels (" + share
                + " them replaced by a random other class), so a low train error means wrong labels were"
                + " memorized; test labels are clean.";
    }

    /** The task the runs share, else the group's dataset and model. */
    private static String task(List<RunRecord> runs, RunGroup g) {
        String described = Task.of(runs).describe();
        return described.isEmpty() ? g.setting() : described;
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

    private static String seeds(int n) {
        return n == 1 ? "1 seed" : n + " seeds";
    }
}
