package io.sam4j.report.model;

import io.sam4j.core.run.NativeCrash;
import io.sam4j.report.run.ReportInputException;
import io.sam4j.report.run.RunFinder;
import io.sam4j.report.run.RunReader;
import io.sam4j.report.run.RunRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything a report shows: the runs, their groups and the SAM-vs-baseline comparisons.
 *
 * @param runs the runs that logged at least one epoch
 * @param groups the configuration groups
 * @param comparisons one per SAM/ASAM group that has a baseline among the groups
 * @param skipped the runs left out, one line each ("name: why")
 */
public record ReportModel(
        List<RunRecord> runs, List<RunGroup> groups, List<Comparison> comparisons, List<String> skipped) {

    /**
     * Reads the runs under {@code paths}.
     *
     * @throws ReportInputException when a path holds no run or no run has metrics
     */
    public static ReportModel load(List<Path> paths) {
        Map<String, Path> found = RunFinder.find(paths);
        List<RunRecord> runs = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Map.Entry<String, Path> e : found.entrySet()) {
            RunRecord run = RunReader.read(e.getKey(), e.getValue());
            if (run.metrics().isEmpty()) {
                skipped.add(run.name() + ": no epoch in " + "metrics.jsonl"
                        + NativeCrash.find(e.getValue())
                                .map(c -> ", " + c.describe())
                                .orElse(""));
            } else {
                runs.add(run);
            }
        }
        if (runs.isEmpty()) {
            throw new ReportInputException("nothing to report: none of the " + found.size()
                    + " run(s) under " + paths.get(0) + (paths.size() > 1 ? " and the other paths" : "")
                    + " logged an epoch in metrics.jsonl");
        }
        return of(runs, skipped);
    }

    /** Groups {@code runs} and pairs each SAM group with its baseline. */
    public static ReportModel of(List<RunRecord> runs, List<String> skipped) {
        List<RunGroup> groups = Grouping.of(runs);
        List<Comparison> comparisons = new ArrayList<>();
        for (RunGroup g : groups) {
            RunGroup baseline = Grouping.baselineOf(g, groups);
            if (baseline != null) {
                comparisons.add(new Comparison(g, baseline));
            }
        }
        return new ReportModel(List.copyOf(runs), List.copyOf(groups), List.copyOf(comparisons), List.copyOf(skipped));
    }

    /** Returns one line per run left out of the figures because it repeats a seed of its configuration. */
    public List<String> duplicateNotes() {
        return groups.stream().flatMap(g -> g.duplicateNotes().stream()).toList();
    }

    /**
     * Returns the title that names the comparison and the task, e.g. "SGD vs SAM (ρ = 0.1) on
     * Fashion-MNIST, 2,000 images, 40% label noise, 15 epochs": the configurations' methods (their names
     * alone when more than three differ), then what every run shares ({@link Task#describe()}).
     */
    public String title() {
        List<Map<String, String>> keys = groups.stream().map(RunGroup::key).toList();
        Set<String> differing = Grouping.differingKeys(keys);
        List<String> named = keys.stream()
                .map(k -> MethodNames.shortName(k, differing, true))
                .distinct()
                .toList();
        if (named.size() > 3) {
            named = keys.stream().map(MethodNames::plainName).distinct().toList();
        }
        String methods = named.size() <= 4
                ? String.join(" vs ", named)
                : String.join(", ", named.subList(0, named.size() - 1)) + " and " + named.get(named.size() - 1);
        String task = task().describe();
        return task.isEmpty() ? methods : methods + " on " + task;
    }

    /** Returns what the runs were trained on, as far as they agree. */
    public Task task() {
        return Task.of(runs);
    }

    /**
     * Returns the words that qualify a train metric: "noisy labels" when every run trained on noisy
     * labels, "noisy labels where label noise > 0" when some did, "" when none did: a train error measured
     * on labels that are partly wrong is not an error rate on the truth.
     */
    public String trainLabels() {
        long noisy = runs.stream().filter(r -> r.labelNoise() > 0).count();
        if (noisy == 0) {
            return "";
        }
        return noisy == runs.size() ? "noisy labels" : "noisy labels where label noise > 0";
    }

    /** Returns the training curves, the train ones titled with {@link #trainLabels()}. */
    public List<CurveMetric> trainingCurves() {
        String labels = trainLabels();
        return CurveMetric.TRAINING.stream()
                .map(m -> labels.isEmpty() || !m.id().startsWith("train-")
                        ? m
                        : m.titled(m.title() + " (" + labels + ")", m.axis()))
                .toList();
    }

    /** Returns the table's columns: the standard ones, plus curvature when some run measured it. */
    public List<Column> columns() {
        String labels = trainLabels();
        List<Column> columns = new ArrayList<>(Column.STANDARD.stream()
                .map(c -> labels.isEmpty() || c != Column.TRAIN_ERROR ? c : c.titled(c.title() + " (" + labels + ")"))
                .toList());
        for (Column c : Column.CURVATURE) {
            if (runs.stream().anyMatch(r -> Double.isFinite(c.shown(r)))) {
                columns.add(c);
            }
        }
        return columns;
    }
}
