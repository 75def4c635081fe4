package io.sam4j.cli.run;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import io.sam4j.cli.UserError;
import io.sam4j.cli.spec.RunSpec;
import io.sam4j.core.checkpoint.Checkpoint;
import io.sam4j.core.loss.SmoothedCrossEntropy;
import io.sam4j.core.random.Seeds;
import io.sam4j.core.train.Evaluator;
import io.sam4j.core.train.ModelParameters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A finished (or checkpointed) run brought back for analysis: its settings, its data and its model
 * with the weights and BatchNorm statistics of its last checkpoint. What {@code eval} and the analysis
 * commands start from. Builds no optimizer and no training step.
 */
public final class TrainedRun implements AutoCloseable {

    private final RunDirectory directory;
    private final RunSpec spec;
    private final Seeds seeds;
    private final NDManager manager;
    private final RecordedData.Opened opened;
    private final TaskData data;
    private final Block block;
    private final ModelParameters parameters;
    private final int epoch;

    private TrainedRun(
            RunDirectory directory,
            RunSpec spec,
            RunIdentity.DataIdentity recorded,
            RecordedData.Choice choice,
            NDManager manager) {
        this.directory = directory;
        this.spec = spec;
        this.seeds = new Seeds(spec.run().seed());
        this.manager = manager;
        this.opened = RecordedData.open(
                spec, seeds, recorded, choice, directory.root(), note -> System.err.println("sam4j: note: " + note));
        this.data = opened.data();
        this.block = ModelFactory.build(spec.model(), ModelInput.of(data), seeds, manager);
        this.parameters = ModelParameters.of(block);
        Checkpoint checkpoint = directory.restoreCheckpoint(parameters, null, manager);
        this.epoch = checkpoint.epoch();
    }

    /**
     * Rebuilds a run from its directory.
     *
     * @param runDir a directory written by {@code sam4j train}
     * @param data where to find the run's data ({@code --data-dir}) and whether other data is meant
     * @param device {@code cpu}, {@code gpu} or {@code gpu:N}, or null for the engine's default
     * @throws UserError if the directory holds no run or no checkpoint, its config no longer matches its
     *     checkpoint, no copy of its data is found, or the device is unavailable
     */
    public static TrainedRun open(Path runDir, RecordedData.Choice data, String device) {
        RunDirectory directory = new RunDirectory(runDir);
        RunSpec spec = directory.readSpec();
        Path checkpointFile = directory.file(RunDirectory.CHECKPOINT);
        if (!Files.isRegularFile(checkpointFile)) {
            throw new UserError("run " + runDir + " has no " + RunDirectory.CHECKPOINT + " (no epoch finished)");
        }
        RunIdentity.DataIdentity recorded = directory.checkAgainstRecord(spec);
        NDManager manager = NDManager.newBaseManager(RunDevice.of(device));
        try {
            return new TrainedRun(directory, spec, recorded, data, manager);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** Returns the run's directory. */
    public RunDirectory directory() {
        return directory;
    }

    /** Returns the run's settings. */
    public RunSpec spec() {
        return spec;
    }

    /** Returns the run's seeds. */
    public Seeds seeds() {
        return seeds;
    }

    /** Returns the manager that owns the model and every array of the analysis. */
    public NDManager manager() {
        return manager;
    }

    /** Returns the run's data. */
    public TaskData data() {
        return data;
    }

    /** Returns the record of the data analysed, for an output's JSON (whether it is the run's own). */
    public Map<String, Object> dataRecord() {
        return opened.toJson();
    }

    /** Returns the model, with the checkpoint's weights loaded. */
    public Block block() {
        return block;
    }

    public ModelParameters parameters() {
        return parameters;
    }

    /** Returns an evaluator of the plain (unsmoothed) loss and accuracy. */
    public Evaluator evaluator() {
        return new Evaluator(block, new SmoothedCrossEntropy(0), manager);
    }

    /** Returns the number of epochs the checkpoint had finished. */
    public int epoch() {
        return epoch;
    }

    @Override
    public void close() {
        manager.close();
    }
}
