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
 * one is complete on disk.
 */
public final class CheckpointListener implements TrainingListener {

    private final Path file;
    private final ModelParameters parameters;
    private final Object optimizer;
    private final NDManager manager;
    private final Function<EpochMetrics, String> metadata;

    /**
     * Creates the listener.
     *
     * @param file the checkpoint file
     * @param parameters the model's parameters
     * @param optimizer the base optimizer (its state is saved when it is a {@code StatefulOptimizer})
     * @param manager the parent of the scratch manager for the copies
     * @param metadata text stored with each checkpoint
     */
    public CheckpointListener(
            Path file,
            ModelParameters parameters,
            Object optimizer,
            NDManager manager,
            Function<EpochMetrics, String> metadata) {
        this.file = file;
        this.parameters = parameters;
        this.optimizer = optimizer;
        this.manager = manager;
        this.metadata = metadata;
    }

    @Override
    public void onEpochEnd(TrainingLoop loop, EpochMetrics metrics) {
        try (NDManager scratch = manager.newSubManager()) {
            long steps = (long) metrics.epoch() * loop.trainData().batchesPerEpoch();
            Checkpoint checkpoint =
                    Checkpoint.capture(metrics.epoch(), steps, parameters, optimizer, metadata.apply(metrics), scratch);
            CheckpointFile.write(file, checkpoint);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + file, e);
        }
    }
}
