package io.sam4j.report.model;

import io.sam4j.core.run.RunKeys;
import io.sam4j.report.run.RunRecord;
import io.sam4j.report.stats.MeanInterval;
import io.sam4j.report.stats.WelchDifference;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The results of a tuned comparison ({@code sam4j compare}): per method, the validation accuracy of every
 * point of its tuning grid, the point chosen, and the test runs of that point on fresh seeds.
 *
 * <p>Test error is the last epoch's, in percent, mean ± 95% Student-t interval over the test seeds; the
 * differences from the base optimizer ({@code none}) and from SAM ({@code sam}) are Welch's 95%
 * intervals; cost is relative to the base optimizer: counted passes (the runs' {@code passes} per epoch,
 * summed) and measured training time, each a ratio of the means over seeds.
 *
 * @param methods the methods, in the order compared
 */
public record TunedComparison(List<Method> methods) {

    /** The base optimizer's name. */
    public static final String BASE = SamMethodKeys.NONE;

    /** SAM's name. */
    public static final String SAM = "sam";

    public TunedComparison {
        methods = List.copyOf(methods);
    }

    /**
     * One grid point's tuning runs.
     *
     * @param setting the values the grid varies, e.g. {@code rho 0.1}; empty for a one-point grid
     * @param validationAccuracy each tuning run's final accuracy on the held-out part of the training set
     */
    public record GridPoint(String setting, double[] validationAccuracy) {

        /** Returns the validation error in percent, mean ± 95% interval over the tuning seeds. */
        public MeanInterval validationError() {
            return MeanInterval.of(
                    Arrays.stream(validationAccuracy).map(a -> 100 * (1 - a)).toArray());
        }
    }

    /**
     * One method.
     *
     * @param name its name as {@code --sam} takes it
     * @param grid its grid's points, in declared order
     * @param chosen the index of the chosen point
     * @param testRuns the chosen point's runs on the test seeds
     */
    public record Method(String name, List<GridPoint> grid, int chosen, List<RunRecord> testRuns) {

        public Method {
            grid = List.copyOf(grid);
            testRuns = List.copyOf(testRuns);
        }

        /** Returns the chosen point's setting. */
        public String chosenSetting() {
            return grid.get(chosen).setting();
        }

        /** Returns each test run's final test error in percent. */
        public double[] testErrors() {
            return testRuns.stream()
                    .mapToDouble(r -> 100 * (1 - r.last(RunKeys.Metrics.TEST_ACCURACY)))
                    .toArray();
        }

        /** Returns the test error, mean ± 95% interval over the test seeds. */
        public MeanInterval testError() {
            return MeanInterval.of(testErrors());
        }

        /** Returns the mean over runs of the counted passes per training example, NaN when a run lacks them. */
        public double meanPasses() {
            return testRuns.stream()
                    .mapToDouble(r -> r.has(RunKeys.Metrics.PASSES)
                            ? Arrays.stream(r.series(RunKeys.Metrics.PASSES)).sum()
                            : Double.NaN)
                    .average()
                    .orElse(Double.NaN);
        }

        /** Returns the mean training time over runs, in seconds. */
        public double meanSeconds() {
            return testRuns.stream()
                    .mapToDouble(CostGain.TRAIN_TIME.value())
                    .average()
                    .orElse(Double.NaN);
        }
    }

    /** Returns the method called {@code name}, if compared. */
    public Optional<Method> method(String name) {
        return methods.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /** Returns test error of {@code m} minus that of {@code other} with Welch's interval, when both were compared. */
    public Optional<WelchDifference> difference(Method m, String other) {
        return method(other).map(o -> WelchDifference.of(m.testErrors(), o.testErrors()));
    }

    /** Returns the counted passes of {@code m} over the base optimizer's, NaN without a base. */
    public double passesRatio(Method m) {
        return method(BASE).map(b -> m.meanPasses() / b.meanPasses()).orElse(Double.NaN);
    }

    /** Returns the training time of {@code m} over the base optimizer's, NaN without a base. */
    public double timeRatio(Method m) {
        return method(BASE).map(b -> m.meanSeconds() / b.meanSeconds()).orElse(Double.NaN);
    }
}
