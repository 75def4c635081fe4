package io.sam4j.cli.run;

import io.sam4j.cli.UserError;
import io.sam4j.cli.config.TrainConfig;
import io.sam4j.core.checkpoint.Checkpoint;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A finished (or checkpointed) run brought back to life: its config, its data and its model with the
 * weights and BatchNorm statistics of its last checkpoint. What {@code eval}, {@code export} and the
 * analysis commands start from.
 */
public final class TrainedRun implements AutoCloseable {

    private final RunDirectory directory;
    private final TrainingSession session;
    private final int epoch;

    private TrainedRun(RunDirectory directory, TrainingSession session, int epoch) {
        this.directory = directory;
        this.session = session;
        this.epoch = epoch;
    }

    /**
     * Rebuilds a run from its directory.
     *
     * @param runDir a directory written by {@code sam4j train}
     * @param dataDir where to find the dataset if not where training found it, or null
     * @throws UserError if the directory holds no run or no checkpoint
     */
    public static TrainedRun open(Path runDir, Path dataDir) {
        RunDirectory directory = new RunDirectory(runDir);
        TrainConfig config = directory.readConfig();
        if (dataDir != null) {
            config.dataDir = dataDir.toString();
        }
        config.validate();
        Path checkpointFile = directory.file(RunDirectory.CHECKPOINT);
        if (!Files.isRegularFile(checkpointFile)) {
            throw new UserError("run " + runDir + " has no " + RunDirectory.CHECKPOINT + " (no epoch finished)");
        }
        TrainingSession session = TrainingSession.open(config);
        try {
            Checkpoint checkpoint = directory.restoreCheckpoint(session.parameters(), null, session.manager());
            return new TrainedRun(directory, session, checkpoint.epoch());
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /** Returns the run's directory. */
    public RunDirectory directory() {
        return directory;
    }

    /** Returns the model, data and config of the run, with the checkpoint's weights loaded. */
    public TrainingSession session() {
        return session;
    }

    /** Returns the number of epochs the checkpoint had finished. */
    public int epoch() {
        return epoch;
    }

    @Override
    public void close() {
        session.close();
    }
}
