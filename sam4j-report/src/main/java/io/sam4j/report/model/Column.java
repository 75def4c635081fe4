package io.sam4j.report.model;

import io.sam4j.core.run.RunKeys;
import io.sam4j.report.run.RunRecord;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * One figure of the results table, taken from each run and pooled over a group's seeds.
 *
 * @param id a stable identifier (used in HTML as {@code data-col})
 * @param title the column heading
 * @param unit the unit shown after the heading ("%", "s", ...), may be empty
 * @param scale the factor from the run's value to the shown one (100 for fractions in percent)
 * @param decimals the decimals shown
 * @param value the value of one run, NaN when it lacks it
 */
public record Column(
        String id, String title, String unit, double scale, int decimals, ToDoubleFunction<RunRecord> value) {

    public static final Column TEST_ERROR =
            new Column("test_error", "Test error", "%", 100, 2, r -> 1 - r.last(RunKeys.Metrics.TEST_ACCURACY));
    public static final Column TRAIN_ERROR =
            new Column("train_error", "Train error", "%", 100, 2, r -> 1 - r.last(RunKeys.Metrics.TRAIN_ACCURACY));
    public static final Column GAP_ACCURACY = new Column(
            "gap_accuracy",
            "Gap, accuracy",
            "pts",
            100,
            2,
            r -> r.last(RunKeys.Metrics.TRAIN_ACCURACY) - r.last(RunKeys.Metrics.TEST_ACCURACY));
    public static final Column GAP_LOSS = new Column(
            "gap_loss",
            "Gap, loss",
            "",
            1,
            4,
            r -> r.last(RunKeys.Metrics.TEST_LOSS) - r.last(RunKeys.Metrics.TRAIN_LOSS));
    public static final Column TEST_LOSS =
            new Column("test_loss", "Test loss", "", 1, 4, r -> r.last(RunKeys.Metrics.TEST_LOSS));
    public static final Column EPOCHS = new Column("epochs", "Epochs", "", 1, 0, r -> r.epochCount());
    public static final Column SECONDS_PER_EPOCH =
            new Column("seconds_per_epoch", "Time / epoch", "s", 1, 2, r -> r.meanOver(RunKeys.Metrics.TRAIN_SECONDS));
    public static final Column LAMBDA_MAX = new Column("lambda_max", "λmax", "", 1, 2, Column::lambdaMax);
    public static final Column HESSIAN_TRACE = new Column("hessian_trace", "Hessian trace", "", 1, 2, Column::trace);

    /** The columns every report shows. */
    public static final List<Column> STANDARD =
            List.of(TEST_ERROR, TRAIN_ERROR, GAP_ACCURACY, GAP_LOSS, TEST_LOSS, EPOCHS, SECONDS_PER_EPOCH);
    /** The curvature columns, shown when some run measured them. */
    public static final List<Column> CURVATURE = List.of(LAMBDA_MAX, HESSIAN_TRACE);

    /** Returns this column under another title (the same id and values). */
    public Column titled(String newTitle) {
        return new Column(id, newTitle, unit, scale, decimals, value);
    }

    /** Returns the value of one run, scaled for display. */
    public double shown(RunRecord run) {
        return value.applyAsDouble(run) * scale;
    }

    /** Returns the heading with its unit, e.g. "Test error (%)". */
    public String heading() {
        return unit.isEmpty() ? title : title + " (" + unit + ")";
    }

    /** λmax from hessian.json, else the last one logged per epoch. */
    private static double lambdaMax(RunRecord r) {
        double fromFile = r.hessian().map(h -> h.lambdaMax()).orElse(Double.NaN);
        return Double.isNaN(fromFile) ? r.lastFinite(RunKeys.Metrics.HESSIAN_LAMBDA_MAX) : fromFile;
    }

    private static double trace(RunRecord r) {
        double fromFile = r.hessian().map(h -> h.trace()).orElse(Double.NaN);
        return Double.isNaN(fromFile) ? r.lastFinite(RunKeys.Metrics.HESSIAN_TRACE) : fromFile;
    }
}
