package io.sam4j.report.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sam4j.core.run.RunKeys;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One run as a report sees it.
 *
 * @param name the display name (path relative to the report's argument)
 * @param dir the run directory
 * @param config the {@code config} object of config.json (empty when absent)
 * @param provenance the {@code provenance} object of config.json (empty when absent)
 * @param metrics one map per epoch, in epoch order, of every numeric key of metrics.jsonl
 * @param summary summary.json, or an empty object
 * @param hessian the Hessian spectrum, when hessian.json was readable
 * @param hessianDensityPng the bytes of hessian-density.png, when present
 * @param landscape1d the 1-D landscape, when present
 * @param landscape2d the 2-D landscape, when present
 * @param interpolation the linear interpolation landscape, when present
 * @param sharpness the numeric results of sharpness.json (nested keys joined with '.'; settings and timings left out), empty when absent
 * @param notes what could not be read, one line each
 */
public record RunRecord(
        String name,
        Path dir,
        ObjectNode config,
        ObjectNode provenance,
        List<Map<String, Double>> metrics,
        JsonNode summary,
        Optional<HessianSpectrum> hessian,
        Optional<byte[]> hessianDensityPng,
        Optional<Landscape> landscape1d,
        Optional<Landscape> landscape2d,
        Optional<Landscape> interpolation,
        Map<String, Double> sharpness,
        List<String> notes) {

    /** Returns the config value as text ("" when absent). */
    public String configText(String key) {
        JsonNode v = config.get(key);
        return v == null || v.isNull() ? "" : v.asText();
    }

    /** Returns a numeric config value, NaN when absent, null or not a number. */
    public double configNumber(String key) {
        return JsonValues.number(config.get(key));
    }

    /**
     * Returns the share of training labels replaced by a random other class: the {@code label-noise}
     * setting, else what the data provenance or summary.json recorded; NaN when nothing says.
     */
    public double labelNoise() {
        double setting = configNumber("label-noise");
        if (Double.isFinite(setting)) {
            return setting;
        }
        double recorded = JsonValues.number(provenance.path("data").get(RunKeys.Summary.LABEL_NOISE_FRACTION));
        return Double.isFinite(recorded)
                ? recorded
                : JsonValues.number(summary.get(RunKeys.Summary.LABEL_NOISE_FRACTION));
    }

    /**
     * Returns the number of training examples: what the data provenance recorded, else the {@code
     * train-limit} setting; NaN when neither says.
     */
    public double trainExamples() {
        double recorded = JsonValues.number(provenance.path("data").get("train_examples"));
        if (Double.isFinite(recorded)) {
            return recorded;
        }
        double limit = configNumber("train-limit");
        return limit > 0 ? limit : Double.NaN;
    }

    /** Returns the number of test examples the data provenance recorded, NaN when absent. */
    public double testExamples() {
        return JsonValues.number(provenance.path("data").get("test_examples"));
    }

    /** Returns the number of logged epochs. */
    public int epochCount() {
        return metrics.size();
    }

    /** Returns the epoch numbers. */
    public double[] epochs() {
        double[] out = new double[metrics.size()];
        for (int i = 0; i < out.length; i++) {
            Double e = metrics.get(i).get(RunKeys.Metrics.EPOCH);
            out[i] = e == null ? i + 1 : e;
        }
        return out;
    }

    /** Returns a metric per epoch, NaN where an epoch lacks it. */
    public double[] series(String key) {
        double[] out = new double[metrics.size()];
        for (int i = 0; i < out.length; i++) {
            Double v = metrics.get(i).get(key);
            out[i] = v == null ? Double.NaN : v;
        }
        return out;
    }

    /** Returns whether any epoch has a finite value of {@code key}. */
    public boolean has(String key) {
        for (Map<String, Double> row : metrics) {
            Double v = row.get(key);
            if (v != null && Double.isFinite(v)) {
                return true;
            }
        }
        return false;
    }

    /** Returns the last epoch's value of {@code key}, NaN when absent. */
    public double last(String key) {
        if (metrics.isEmpty()) {
            return Double.NaN;
        }
        Double v = metrics.get(metrics.size() - 1).get(key);
        return v == null ? Double.NaN : v;
    }

    /** Returns the last finite value of {@code key} over the epochs, NaN when none. */
    public double lastFinite(String key) {
        for (int i = metrics.size() - 1; i >= 0; i--) {
            Double v = metrics.get(i).get(key);
            if (v != null && Double.isFinite(v)) {
                return v;
            }
        }
        return Double.NaN;
    }

    /** Returns the mean of {@code key} over the epochs that have it, NaN when none. */
    public double meanOver(String key) {
        double sum = 0;
        int n = 0;
        for (Map<String, Double> row : metrics) {
            Double v = row.get(key);
            if (v != null && Double.isFinite(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
