package io.sam4j.cli.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import io.sam4j.cli.run.RunDirectory;
import io.sam4j.cli.spec.ConfigFiles;
import io.sam4j.core.run.RunKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;

/**
 * What a run directory says about its run, read from the files {@code sam4j train} writes: a run is
 * complete when {@code summary.json} says so, and resumable when it has a checkpoint.
 *
 * @param complete whether every planned epoch finished
 * @param hasCheckpoint whether {@code --resume} can continue it
 * @param epochs epochs logged in {@code metrics.jsonl}
 * @param plannedEpochs the run's {@code --epochs} from its {@code config.json}, 0 before it has one
 * @param testAccuracy the last logged test accuracy, if any
 * @param seconds training plus evaluation time of the logged epochs
 */
public record RunState(
        boolean complete,
        boolean hasCheckpoint,
        int epochs,
        int plannedEpochs,
        OptionalDouble testAccuracy,
        double seconds) {

    /** Reads the state of the run in {@code dir} (an empty state if it has no files yet). */
    public static RunState of(Path dir) {
        RunDirectory run = new RunDirectory(dir);
        boolean complete = false;
        Path summary = run.file(RunDirectory.SUMMARY);
        if (Files.isRegularFile(summary)) {
            try {
                complete = ConfigFiles.JSON
                        .readTree(summary.toFile())
                        .path(RunKeys.Summary.COMPLETE)
                        .asBoolean(false);
            } catch (IOException e) {
                complete = false; // a torn summary is not a finished run; the worker will redo its end
            }
        }
        int epochs = 0;
        OptionalDouble accuracy = OptionalDouble.empty();
        double seconds = 0;
        try {
            for (JsonNode row : run.readMetrics()) {
                epochs = Math.max(epochs, row.path(RunKeys.Metrics.EPOCH).asInt());
                if (row.hasNonNull(RunKeys.Metrics.TEST_ACCURACY)) {
                    accuracy = OptionalDouble.of(
                            row.get(RunKeys.Metrics.TEST_ACCURACY).asDouble());
                }
                seconds += row.path(RunKeys.Metrics.TRAIN_SECONDS).asDouble()
                        + row.path(RunKeys.Metrics.EVAL_SECONDS).asDouble();
            }
        } catch (RuntimeException e) {
            // A line cut by a kill: the table shows what could be read; the worker truncates on resume.
        }
        int planned = 0;
        if (Files.isRegularFile(run.file(RunDirectory.CONFIG))) {
            try {
                planned = ConfigFiles.JSON
                        .readTree(run.file(RunDirectory.CONFIG).toFile())
                        .path(RunKeys.Config.CONFIG)
                        .path("epochs")
                        .asInt(0);
            } catch (IOException e) {
                planned = 0;
            }
        }
        return new RunState(
                complete, Files.isRegularFile(run.file(RunDirectory.CHECKPOINT)), epochs, planned, accuracy, seconds);
    }
}
