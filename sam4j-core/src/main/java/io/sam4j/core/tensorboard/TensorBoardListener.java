package io.sam4j.core.tensorboard;

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
 * that a crash loses nothing already logged.
 */
public final class TensorBoardListener implements TrainingListener, AutoCloseable {

    private final EventFileWriter writer;

    /** Logs through {@code writer}; the listener closes it at the end of training. */
    public TensorBoardListener(EventFileWriter writer) {
        this.writer = writer;
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
            if (!value.isNaN()) {
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

    /** Groups tags as TensorBoard users expect: {@code train/loss}, {@code test/accuracy}, … */
    static String tag(String name) {
        if (name.startsWith("train_") && !name.equals("train_seconds")) {
            return "train/" + name.substring("train_".length());
        }
        if (name.startsWith("test_")) {
            return "test/" + name.substring("test_".length());
        }
        return name;
    }

    @Override
    public void onTrainingEnd(TrainingLoop loop, List<EpochMetrics> history) {
        close();
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
