package io.sam4j.cli.sweep;

import io.sam4j.cli.UserError;
import io.sam4j.cli.spec.Settings;
import io.sam4j.core.sam.SamMethod;
import io.sam4j.core.sam.SamParameter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A tuned comparison of training-step methods, {@code sam4j compare}, as two sweeps: the tuning sweep
 * trains every point of each method's catalog grid ({@link SamMethod#tuningGrid()}) on the tuning seeds
 * and evaluates it on a {@code --tune-split} hold-out of the training set; the test sweep trains each
 * method's best point, chosen by validation accuracy, on fresh seeds and evaluates it on the test set.
 *
 * <p>Every method gets its catalog grid: three points for each sharpness-aware method, one for the base
 * optimizer, whose shared settings (learning rate, weight decay, epochs) no method tunes. The test seeds
 * follow the tuning seeds, so none of them trained a tuning run.
 *
 * @param methods the methods, in the order the report lists them
 * @param shared the {@code train} flags every run gets
 * @param tuneSeeds the seeds of the tuning runs
 * @param testSeeds the seeds of the test runs, disjoint from {@code tuneSeeds}
 * @param tuneSplit the fraction of the training set the tuning runs hold out
 */
public record Comparison(
        List<SamMethod> methods,
        Map<String, String> shared,
        List<Long> tuneSeeds,
        List<Long> testSeeds,
        double tuneSplit) {

    /** The share of the training set the tuning runs hold out: the SAM paper's 10%. */
    public static final double DEFAULT_TUNE_SPLIT = 0.1;

    /** One point of a method's grid. */
    public record GridPoint(SamMethod method, int index, Map<String, Double> values) {

        /** Returns the values the grid varies, e.g. {@code rho 0.1, gsam-alpha 0.4}; empty for a one-point grid. */
        public String label() {
            return varied(method).stream()
                    .map(n -> n + " " + number(method.parameter(n), values.get(n)))
                    .collect(Collectors.joining(", "));
        }
    }

    public Comparison {
        methods = List.copyOf(methods);
        shared = Map.copyOf(shared);
        tuneSeeds = List.copyOf(tuneSeeds);
        testSeeds = List.copyOf(testSeeds);
        Set<Long> both = new LinkedHashSet<>(tuneSeeds);
        both.retainAll(testSeeds);
        if (!both.isEmpty()) {
            throw new IllegalArgumentException("test seeds must be fresh, but " + both + " also tuned");
        }
    }

    /**
     * Plans the comparison: tuning seeds 1..T, test seeds T+1..T+K.
     *
     * @throws UserError when a shared flag is one the comparison sets per run, or no method is given
     */
    public static Comparison plan(
            List<SamMethod> methods, Map<String, String> shared, int tuneSeeds, int testSeeds, double tuneSplit) {
        if (methods.isEmpty()) {
            throw new UserError("--methods is empty: name at least one method, e.g. none,sam");
        }
        for (String flag : shared.keySet()) {
            if (ownedFlags(methods).contains(flag)) {
                throw new UserError(
                        "--" + flag + " cannot be given to compare: it sets "
                                + (flag.equals("seed")
                                        ? "the seeds itself (--tune-seeds, --seeds)"
                                        : flag.equals("sam")
                                                ? "the methods from --methods"
                                                : flag.contains("split")
                                                        ? "the hold-out itself (--tune-split)"
                                                        : "each method's parameters from its tuning grid ('sam4j methods list')"));
            }
        }
        List<Long> tune = new ArrayList<>();
        for (long s = 1; s <= tuneSeeds; s++) {
            tune.add(s);
        }
        List<Long> test = new ArrayList<>();
        for (long s = tuneSeeds + 1; s <= tuneSeeds + testSeeds; s++) {
            test.add(s);
        }
        return new Comparison(methods, shared, tune, test, tuneSplit);
    }

    /** The flags the comparison sets per run: the method, the seed, the hold-outs and every method parameter. */
    static Set<String> ownedFlags(List<SamMethod> methods) {
        Set<String> owned = new LinkedHashSet<>(List.of(
                Settings.SAM.name(),
                Settings.SEED.name(),
                Settings.TUNE_SPLIT.name(),
                Settings.VALIDATION_SPLIT.name()));
        Settings.SAM_PARAMETERS.forEach(s -> owned.add(s.name()));
        return owned;
    }

    /** Returns each method's grid points, in method then grid order. */
    public List<GridPoint> gridPoints() {
        List<GridPoint> points = new ArrayList<>();
        for (SamMethod method : methods) {
            List<Map<String, Double>> grid = method.tuningGrid();
            for (int i = 0; i < grid.size(); i++) {
                points.add(new GridPoint(method, i, grid.get(i)));
            }
        }
        return points;
    }

    /** Returns the runs of the tuning sweep: each grid point on each tuning seed, on the hold-out. */
    public List<SweepPoint> tuningRuns() {
        List<SweepPoint> runs = new ArrayList<>();
        for (GridPoint point : gridPoints()) {
            for (long seed : tuneSeeds) {
                runs.add(run(point, seed, true));
            }
        }
        return runs;
    }

    /** Returns the tuning runs of one grid point, in seed order. */
    public List<SweepPoint> tuningRuns(GridPoint point) {
        return tuneSeeds.stream().map(seed -> run(point, seed, true)).toList();
    }

    /**
     * Returns the runs of the test sweep: each method's chosen point on each test seed, evaluated on the
     * test set.
     *
     * @param chosen each method's chosen point, in method order
     */
    public List<SweepPoint> testRuns(List<GridPoint> chosen) {
        List<SweepPoint> runs = new ArrayList<>();
        for (GridPoint point : chosen) {
            for (long seed : testSeeds) {
                runs.add(run(point, seed, false));
            }
        }
        return runs;
    }

    /** Describes the tuning sweep, compared when {@code compare} runs again in the same directory. */
    public String tuningDescription() {
        return "compare tuning: methods="
                + methods.stream().map(SamMethod::name).collect(Collectors.joining(",")) + " seeds=" + join(tuneSeeds)
                + " tune-split=" + plain(tuneSplit);
    }

    /** Describes the test sweep of the chosen points. */
    public String testDescription(List<GridPoint> chosen) {
        return "compare test: "
                + chosen.stream()
                        .map(p -> p.method().name() + (p.label().isEmpty() ? "" : " (" + p.label() + ")"))
                        .collect(Collectors.joining("; "))
                + " seeds=" + join(testSeeds);
    }

    /** Returns the axes of a phase's runs: the values each flag takes somewhere among them. */
    public static Map<String, List<String>> axes(List<SweepPoint> runs) {
        Map<String, Set<String>> values = new LinkedHashMap<>();
        for (SweepPoint run : runs) {
            run.axisValues()
                    .forEach((k, v) -> values.computeIfAbsent(k, x -> new LinkedHashSet<>())
                            .add(v));
        }
        Map<String, List<String>> axes = new LinkedHashMap<>();
        values.forEach((k, v) -> axes.put(k, List.copyOf(v)));
        return axes;
    }

    /**
     * Returns the index of the best point: the highest mean validation accuracy over its seeds; a tie
     * goes to the point declared first. A point without a finite accuracy is never chosen.
     *
     * @param validationAccuracy per point, its runs' validation accuracies
     * @throws IllegalArgumentException if no point has a finite accuracy
     */
    public static int best(List<double[]> validationAccuracy) {
        int best = -1;
        double bestMean = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < validationAccuracy.size(); i++) {
            double[] a = validationAccuracy.get(i);
            if (a.length == 0) {
                continue;
            }
            double mean = 0;
            for (double v : a) {
                mean += v / a.length;
            }
            if (Double.isFinite(mean) && mean > bestMean) {
                best = i;
                bestMean = mean;
            }
        }
        if (best < 0) {
            throw new IllegalArgumentException("no grid point has a validation accuracy");
        }
        return best;
    }

    private SweepPoint run(GridPoint point, long seed, boolean tuning) {
        Map<String, String> named = new LinkedHashMap<>();
        named.put(Settings.SAM.name(), point.method().name());
        for (String n : varied(point.method())) {
            named.put(n, number(point.method().parameter(n), point.values().get(n)));
        }
        named.put(Settings.SEED.name(), Long.toString(seed));
        Map<String, String> flags = new LinkedHashMap<>(shared);
        flags.put(Settings.SAM.name(), point.method().name());
        // Every parameter explicitly, so that a run's flags alone say what it trained with.
        point.values().forEach((n, v) -> flags.put(n, number(point.method().parameter(n), v)));
        if (tuning) {
            flags.put(Settings.TUNE_SPLIT.name(), plain(tuneSplit));
        }
        flags.put(Settings.SEED.name(), Long.toString(seed));
        return new SweepPoint(RunNames.of(named), named, flags);
    }

    /** The parameters whose values differ between a method's grid points. */
    static List<String> varied(SamMethod method) {
        List<Map<String, Double>> grid = method.tuningGrid();
        return method.names().stream()
                .filter(n -> grid.stream().map(p -> p.get(n)).distinct().count() > 1)
                .toList();
    }

    /** A parameter's value as a flag writes it: whole numbers for integers, canonical decimals. */
    static String number(SamParameter parameter, double value) {
        return parameter.kind() == SamParameter.Kind.INTEGER ? Long.toString(Math.round(value)) : plain(value);
    }

    private static String plain(double value) {
        BigDecimal number = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        return number.signum() == 0 ? "0" : number.toPlainString();
    }

    private static String join(List<Long> seeds) {
        return seeds.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
