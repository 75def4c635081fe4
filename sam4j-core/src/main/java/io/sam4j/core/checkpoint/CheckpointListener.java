package io.sam4j.core.checkpoint;

import ai.djl.ndarray.NDManager;
import io.sam4j.core.train.EpochMetrics;
import io.sam4j.core.train.ModelParameters;
import io.sam4j.core.train.TrainingListener;
import io.sam4j.core.train.TrainingLoop;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Writes a checkpoint after every epoch, atomically, replacing the previous one only once the new
 * one is complete on disk. The loop's step strategy and its base optimizer are saved with the model;
 * a base optimizer whose state cannot be saved is refused when training starts, not after an epoch.
 */
public final class CheckpointListener implements TrainingListener {

    private final Path file;
    private final ModelParameters parameters;
    private final NDManager manager;
    private final Function<EpochMetrics, String> metadata;

    /**
     * Creates the listener.
     *
     * @param file the checkpoint file
     * @param parameters the model's parameters
     * @param manager the parent of the scratch manager for the copies
     * @param metadata text stored with each checkpoint
     */
    public CheckpointListener(
            Path file, ModelParameters parameters, NDManager manager, Function<EpochMetrics, String> metadata) {
        this.file = file;
        this.parameters = parameters;
        this.manager = manager;
        this.metadata = metadata;
    }

    /**
     * @throws IllegalArgumentException if the loop's base optimizer cannot be checkpointed
     */
    @Override
    public void onTrainingStart(TrainingLoop loop) {
        Checkpoint.checkpointable(loop.step().optimizer());
    }

    @Override
    public void onEpochEnd(TrainingLoop loop, EpochMetrics metrics) {
        try (NDManager scratch = manager.newSubManager()) {
            long steps = (long) metrics.epoch() * loop.trainData().batchesPerEpoch();
            Checkpoint checkpoint = Checkpoint.capture(
                    metrics.epoch(), steps, parameters, loop.step(), metadata.apply(metrics), scratch);
            CheckpointFile.write(file, checkpoint);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + file, e);
        }
    }
}
