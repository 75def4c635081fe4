package io.sam4j.core.tensorboard;

import io.sam4j.core.run.RunKeys.Metrics;
import io.sam4j.core.train.EpochMetrics;
import io.sam4j.core.train.TrainingListener;
import io.sam4j.core.train.TrainingLoop;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Logs each epoch's scalars to a TensorBoard event file, step = epoch, flushed after every epoch so
 * that a crash loses nothing already logged, under grouped tags (TensorBoard draws one section per
 * group): {@code train/loss}, {@code test/accuracy}, {@code optim/lr}, {@code optim/grad_norm},
 * {@code sam/eps_norm}, {@code time/train_seconds}, {@code hessian/lambda_max}, … ({@link #tag}).
 *
 * <p>With {@link #logHParams} the run also appears in TensorBoard's HParams table, its
 * hyperparameters against its final metrics; a run that completes its last epoch ends its session
 * with status success.
 */
public final class TensorBoardListener implements TrainingListener, AutoCloseable {

    private final EventFileWriter writer;
    private final boolean perturbs;

    /**
     * Logs through {@code writer}; the listener closes it at the end of training.
     *
     * @param perturbs whether the training step perturbs the weights (a SAM method): the base
     *     optimizer's {@code eps_norm}, always 0, is then not logged
     */
    public TensorBoardListener(EventFileWriter writer, boolean perturbs) {
        this.writer = writer;
        this.perturbs = perturbs;
    }

    @Override
    public void onEpochEnd(TrainingLoop loop, EpochMetrics metrics) {
        log(metrics.epoch(), metrics.scalars());
    }

    /**
     * Logs one epoch's scalars at step {@code epoch} and flushes, as {@link #onEpochEnd} does; a run
     * that resumes uses it for an epoch its checkpoint holds but its log lost.
     */
    public void log(long epoch, Map<String, Double> metrics) {
        Map<String, Float> scalars = new LinkedHashMap<>();
        // NaN marks a metric the epoch did not measure (e.g. no evaluation that epoch): no point to plot.
        metrics.forEach((name, value) -> {
            if (!value.isNaN() && (perturbs || !name.equals(Metrics.EPS_NORM))) {
                scalars.put(tag(name), value.floatValue());
            }
        });
        try {
            writer.addScalars(scalars, epoch);
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write TensorBoard events to " + writer.file(), e);
        }
    }

    /**
     * Starts the run's HParams session (at step 0) with {@code hparams}, e.g. the method, ρ and seed;
     * see {@link HParams#sessionStart}.
     */
    public void logHParams(Map<String, ?> hparams) {
        write(HParams.sessionStart(hparams, writer.now()), 0);
    }

    /**
     * Returns the TensorBoard tag of a metric of {@code metrics.jsonl}: {@code train_loss} is {@code
     * train/loss}, {@code test_accuracy} {@code test/accuracy}, {@code lr} and {@code grad_norm} are
     * in {@code optim/}, {@code eps_norm} in {@code sam/}, the timings in {@code time/}, the Hessian's
     * estimates in {@code hessian/}; a name of no group is its own tag.
     */
    static String tag(String name) {
        return switch (name) {
            case Metrics.LR, Metrics.GRAD_NORM -> "optim/" + name;
            case Metrics.EPS_NORM -> "sam/" + name;
            case Metrics.TRAIN_SECONDS, Metrics.EVAL_SECONDS -> "time/" + name;
            case Metrics.HESSIAN_LAMBDA_MAX, Metrics.HESSIAN_TRACE -> "hessian/" + name.substring("hessian_".length());
            default -> {
                if (name.startsWith("train_")) {
                    yield "train/" + name.substring("train_".length());
                }
                yield name.startsWith("test_") ? "test/" + name.substring("test_".length()) : name;
            }
        };
    }

    /** Ends the HParams session with success when the last epoch ran, then closes the file. */
    @Override
    public void onTrainingEnd(TrainingLoop loop, List<EpochMetrics> history) {
        int last = history.isEmpty() ? 0 : history.get(history.size() - 1).epoch();
        if (last >= loop.epochs()) {
            write(HParams.sessionEnd(HParams.Status.SUCCESS, writer.now()), last);
        }
        close();
    }

    private void write(PluginSummary summary, long step) {
        try {
            writer.addPluginSummary(summary, step);
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write TensorBoard events to " + writer.file(), e);
        }
    }

    @Override
    public void close() {
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + writer.file(), e);
        }
    }
}
