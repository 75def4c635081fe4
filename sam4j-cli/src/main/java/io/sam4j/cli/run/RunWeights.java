package io.sam4j.cli.run;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import io.sam4j.cli.UserError;
import io.sam4j.cli.spec.RunSpec;
import io.sam4j.core.checkpoint.Checkpoint;
import io.sam4j.core.random.Seeds;
import io.sam4j.core.train.ModelParameters;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The trained model of a run directory: its settings rebuild the network (without loading the
 * data), its checkpoint fills in the weights and BatchNorm statistics.
 *
 * <p>{@code export} and {@code --init-from} use it: unlike {@link TrainedRun}, it needs no data, only the
 * model input recorded in the run's provenance.
 */
public final class RunWeights {

    private final RunSpec spec;
    private final Block block;
    private final int epoch;
    private final Path checkpoint;

    private RunWeights(RunSpec spec, Block block, int epoch, Path checkpoint) {
        this.spec = spec;
        this.block = block;
        this.epoch = epoch;
        this.checkpoint = checkpoint;
    }

    /**
     * Loads a run's model into {@code manager}.
     *
     * @throws UserError if the directory is not a run or has no checkpoint yet
     */
    public static RunWeights open(Path runDir, NDManager manager) {
        RunDirectory run = new RunDirectory(runDir);
        RunSpec spec = run.readSpec();
        Path checkpointFile = run.file(RunDirectory.CHECKPOINT);
        if (!Files.isRegularFile(checkpointFile)) {
            throw new UserError("run " + runDir + " has no " + RunDirectory.CHECKPOINT
                    + " yet (no epoch finished): nothing to load");
        }
        Seeds seeds = new Seeds(spec.run().seed());
        // Runs record their model input; older ones need their data loaded to learn it.
        ModelInput input =
                run.readModelInput().orElseGet(() -> ModelInput.of(TaskDataFactory.open(spec.data(), seeds)));
        Block block = ModelFactory.build(spec.model(), input, seeds, manager);
        Checkpoint saved = run.restoreCheckpoint(ModelParameters.of(block), null, manager);
        return new RunWeights(spec, block, saved.epoch(), checkpointFile);
    }

    /** Returns the run's settings. */
    public RunSpec spec() {
        return spec;
    }

    public Block block() {
        return block;
    }

    /** Returns the number of epochs the checkpoint holds. */
    public int epoch() {
        return epoch;
    }

    /** Returns the checkpoint file the weights came from. */
    public Path checkpoint() {
        return checkpoint;
    }
}
