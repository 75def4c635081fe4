package io.sam4j.report.model;

import io.sam4j.report.run.RunRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a set of runs was trained on, as far as they agree: the dataset, the size of the training set,
 * the share of its labels made wrong, the epochs and the model. A setting the runs differ in is absent
 * here (null or NaN), and the configurations' labels name it instead.
 *
 * @param dataset the dataset's name, null when the runs differ or none recorded one
 * @param model the model's name, null when the runs differ
 * @param trainExamples training examples, NaN when the runs differ or none recorded it
 * @param testExamples test examples, NaN when the runs differ or none recorded it
 * @param labelNoise the share of wrong training labels (0 for clean labels), NaN when the runs differ
 * @param epochs the epochs each run was set to train, NaN when the runs differ
 */
public record Task(
        String dataset, String model, double trainExamples, double testExamples, double labelNoise, double epochs) {

    /** Returns what {@code runs} share. */
    public static Task of(List<RunRecord> runs) {
        return new Task(
                shared(runs, r -> blankToNull(r.configText("dataset"))),
                shared(runs, r -> blankToNull(r.configText("model"))),
                sharedNumber(runs, RunRecord::trainExamples),
                sharedNumber(runs, RunRecord::testExamples),
                sharedNumber(runs, RunRecord::labelNoise),
                sharedNumber(runs, r -> r.configNumber("epochs")));
    }

    /**
     * Returns the task in a few words, e.g. "Fashion-MNIST, 2,000 images, 40% label noise, 15 epochs":
     * the dataset, then whatever else the runs share. Clean labels go unsaid; "" when nothing is shared.
     */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (dataset != null) {
            parts.add(MethodNames.dataset(dataset));
        }
        if (Double.isFinite(trainExamples)) {
            parts.add(count(trainExamples) + (trainExamples == 1 ? " image" : " images"));
        }
        if (labelNoise > 0) {
            parts.add(percent(labelNoise) + " label noise");
        }
        if (Double.isFinite(epochs)) {
            parts.add(count(epochs) + (epochs == 1 ? " epoch" : " epochs"));
        }
        return String.join(", ", parts);
    }

    /** Returns whether the training labels are noisy in every run (the train metrics then use wrong labels). */
    public boolean noisyLabels() {
        return labelNoise > 0;
    }

    /** Returns "40%" for 0.4. */
    public static String percent(double share) {
        double p = share * 100;
        return (p == Math.rint(p) ? String.format(Locale.ROOT, "%.0f", p) : String.format(Locale.ROOT, "%.1f", p))
                + "%";
    }

    /** Returns a count with thousands separators: "2,000". */
    public static String count(double n) {
        return String.format(Locale.ROOT, "%,d", Math.round(n));
    }

    private static <T> T shared(List<RunRecord> runs, Function<RunRecord, T> value) {
        if (runs.isEmpty()) {
            return null;
        }
        T first = value.apply(runs.get(0));
        for (RunRecord r : runs) {
            if (!Objects.equals(first, value.apply(r))) {
                return null;
            }
        }
        return first;
    }

    private static double sharedNumber(List<RunRecord> runs, Function<RunRecord, Double> value) {
        Double v = shared(runs, value);
        return v == null ? Double.NaN : v;
    }

    private static String blankToNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
