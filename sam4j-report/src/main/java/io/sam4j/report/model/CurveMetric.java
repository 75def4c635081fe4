package io.sam4j.report.model;

import io.sam4j.core.run.RunKeys;
import io.sam4j.report.run.RunRecord;
import java.util.List;
import java.util.function.Function;

/**
 * A per-epoch quantity drawn against the epoch.
 *
 * @param id a stable identifier (used in element ids and PNG names)
 * @param title the figure title
 * @param axis the y-axis title
 * @param log whether the y axis is logarithmic
 * @param values the run's value per epoch (NaN where missing)
 */
public record CurveMetric(String id, String title, String axis, boolean log, Function<RunRecord, double[]> values) {

    public static final CurveMetric TEST_ERROR = new CurveMetric(
            "test-error",
            "Test error",
            "test error (%)",
            false,
            r -> percentError(r.series(RunKeys.Metrics.TEST_ACCURACY)));
    public static final CurveMetric TRAIN_ERROR = new CurveMetric(
            "train-error",
            "Train error",
            "train error (%)",
            false,
            r -> percentError(r.series(RunKeys.Metrics.TRAIN_ACCURACY)));
    public static final CurveMetric TEST_LOSS =
            new CurveMetric("test-loss", "Test loss", "test loss", false, r -> r.series(RunKeys.Metrics.TEST_LOSS));
    public static final CurveMetric TRAIN_LOSS =
            new CurveMetric("train-loss", "Train loss", "train loss", false, r -> r.series(RunKeys.Metrics.TRAIN_LOSS));
    public static final CurveMetric LEARNING_RATE =
            new CurveMetric("lr", "Learning rate", "learning rate", false, r -> r.series(RunKeys.Metrics.LR));
    public static final CurveMetric GRADIENT_NORM =
            new CurveMetric("grad-norm", "Gradient norm ‖g‖", "‖g‖", false, r -> r.series(RunKeys.Metrics.GRAD_NORM));
    public static final CurveMetric LAMBDA_MAX = new CurveMetric(
            "lambda-max",
            "Hessian λmax over training",
            "λmax",
            false,
            r -> r.series(RunKeys.Metrics.HESSIAN_LAMBDA_MAX));
    public static final CurveMetric HESSIAN_TRACE = new CurveMetric(
            "hessian-trace",
            "Hessian trace over training",
            "trace",
            false,
            r -> r.series(RunKeys.Metrics.HESSIAN_TRACE));

    /** The training curves every report draws. */
    public static final List<CurveMetric> TRAINING =
            List.of(TEST_ERROR, TRAIN_ERROR, TEST_LOSS, TRAIN_LOSS, LEARNING_RATE, GRADIENT_NORM);
    /** The curvature curves, drawn when some run logged them. */
    public static final List<CurveMetric> CURVATURE = List.of(LAMBDA_MAX, HESSIAN_TRACE);

    /** Returns this metric under another title and axis title (the same id and values). */
    public CurveMetric titled(String newTitle, String newAxis) {
        return new CurveMetric(id, newTitle, newAxis, log, values);
    }

    /** Returns whether some run has a finite value of this metric. */
    public boolean presentIn(List<RunRecord> runs) {
        for (RunRecord r : runs) {
            for (double v : values.apply(r)) {
                if (Double.isFinite(v)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static double[] percentError(double[] accuracy) {
        double[] out = new double[accuracy.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = 100 * (1 - accuracy[i]);
        }
        return out;
    }
}
