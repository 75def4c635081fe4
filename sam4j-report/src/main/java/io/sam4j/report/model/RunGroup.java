package io.sam4j.report.model;

import io.sam4j.report.run.RunRecord;
import io.sam4j.report.stats.MeanInterval;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs whose configs differ only in the seed (and paths, threads): their figures pool into means with
 * 95% intervals.
 *
 * @param index the group's position (0-based), used for colours and element ids
 * @param label the configuration's name: its method and what else sets it apart from the others, e.g.
 *     "SGD", "SAM ρ = 0.05" or "SAM ρ = 0.05 · lr = 0.1"
 * @param key the shared config, seed and paths removed, as text values
 * @param runs the group's runs, one per seed: what every figure pools
 * @param duplicates the group's other runs, each repeating the seed of one in {@code runs}; a run is a
 *     function of its config and seed, so a repeat is not an independent sample and is left out of the
 *     figures, lest it narrow an interval it does not inform
 */
public record RunGroup(
        int index, String label, Map<String, String> key, List<RunRecord> runs, List<RunRecord> duplicates) {

    /** Returns the training-step method: none, sam, asam, looksam, ... (none when unknown). */
    public String sam() {
        return key.getOrDefault("sam", "none");
    }

    /** Returns whether this group trains with a sharpness-aware method (anything but the base optimizer). */
    public boolean sharpnessAware() {
        return !"none".equals(sam());
    }

    /** Returns the base optimizer's display name: SGD, Adam, AdamW. */
    public String baseOptimizer() {
        return MethodNames.optimizer(key.getOrDefault("optimizer", "sgd"));
    }

    /**
     * Returns the method with every parameter and the base optimizer, e.g. "SGD + SAM (ρ = 0.05)" or
     * "SGD"; the label names the configuration in fewer words.
     */
    public String method() {
        if (key.isEmpty()) {
            return "unknown (no config.json)";
        }
        return MethodNames.fullName(key);
    }

    /** Returns "dataset / model", e.g. "fashion-mnist / cnn". */
    public String setting() {
        return key.getOrDefault("dataset", "?") + " / " + key.getOrDefault("model", "?");
    }

    /** Returns the values of a column, one per run (NaN where a run lacks it), scaled for display. */
    public double[] values(Column column) {
        return runs.stream().mapToDouble(column::shown).toArray();
    }

    /** Returns the column's mean and 95% interval over the runs. */
    public MeanInterval stat(Column column) {
        return MeanInterval.of(values(column));
    }

    /** Returns the seeds of the runs, each once. */
    public List<String> seeds() {
        return runs.stream().map(r -> r.configText("seed")).toList();
    }

    /** Returns one line per duplicate: which run repeats which run's seed. */
    public List<String> duplicateNotes() {
        return duplicates.stream()
                .map(d -> d.name() + " repeats seed " + d.configText("seed") + " of "
                        + original(d).name() + " in configuration " + label + " and is not counted")
                .toList();
    }

    private RunRecord original(RunRecord duplicate) {
        String seed = duplicate.configText("seed");
        return runs.stream()
                .filter(r -> r.configText("seed").equals(seed))
                .findFirst()
                .orElseThrow();
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "%s (%d runs%s)",
                label,
                runs.size(),
                duplicates.isEmpty() ? "" : ", " + duplicates.size() + " duplicate seeds");
    }
}
