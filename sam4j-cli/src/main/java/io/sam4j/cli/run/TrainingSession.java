package io.sam4j.cli.run;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.optimizer.Optimizer;
import io.sam4j.cli.UserError;
import io.sam4j.cli.spec.RunSpec;
import io.sam4j.core.loss.SmoothedCrossEntropy;
import io.sam4j.core.random.Seeds;
import io.sam4j.core.train.BatchSource;
import io.sam4j.core.train.Evaluator;
import io.sam4j.core.train.GradientPass;
import io.sam4j.core.train.ModelParameters;
import io.sam4j.core.train.TrainingStep;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Everything a training run needs, built from its {@link RunSpec} by the factories: the data, the
 * model, the base optimizer with its schedule, and the step strategy. Analyses of a finished run use
 * {@link TrainedRun}, which builds only the data and the model.
 */
public final class TrainingSession implements AutoCloseable {

    private final RunSpec spec;
    private final Seeds seeds;
    private final NDManager manager;
    private final TaskData data;
    private final Block block;
    private final ModelParameters parameters;
    private final Optimizer optimizer;
    private final GradientPass pass;
    private final TrainingStep step;
    private final Evaluator evaluator;

    private TrainingSession(RunSpec spec, Function<Seeds, TaskData> dataSource, NDManager manager) {
        this.spec = spec;
        this.seeds = new Seeds(spec.run().seed());
        this.manager = manager;
        this.data = dataSource.apply(seeds);
        this.block = ModelFactory.build(spec.model(), ModelInput.of(data), seeds, manager);
        this.parameters = ModelParameters.of(block);
        this.optimizer =
                OptimizerFactory.build(spec.optimization(), data.train().batchesPerEpoch());
        this.pass = new GradientPass(
                block,
                parameters,
                new SmoothedCrossEntropy((float) spec.optimization().labelSmoothing()),
                manager);
        this.step =
                StepFactory.build(spec, pass, optimizer, manager, data.train().batchesPerEpoch());
        this.evaluator = new Evaluator(block, new SmoothedCrossEntropy(0), manager);
    }

    /**
     * Loads the data and builds the model and step of a run.
     *
     * @throws UserError for data or a model that cannot be had
     */
    public static TrainingSession open(RunSpec spec) {
        return open(spec, seeds -> TaskDataFactory.open(spec.data(), seeds));
    }

    /**
     * As {@link #open(RunSpec)}, with the data opened by {@code dataSource} (a resumed run reads the data
     * it trained on, see {@link RecordedData}).
     */
    public static TrainingSession open(RunSpec spec, Function<Seeds, TaskData> dataSource) {
        NDManager manager = NDManager.newBaseManager(RunDevice.of(spec.run().device()));
        try {
            return new TrainingSession(spec, dataSource, manager);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** Returns facts about the data and model for the provenance record. */
    public Map<String, Object> dataFacts() {
        Map<String, Object> facts = new LinkedHashMap<>(data.facts());
        facts.put(ModelInput.KEY, ModelInput.of(data).toJson());
        facts.put("trainable_parameters", parameters.trainableSize());
        return facts;
    }

    /** Returns the SHA-256 of the dataset's files. */
    public String datasetSha256() {
        return data.sha256();
    }

    public RunSpec spec() {
        return spec;
    }

    public Seeds seeds() {
        return seeds;
    }

    public NDManager manager() {
        return manager;
    }

    /** Returns the run's data. */
    public TaskData data() {
        return data;
    }

    public Block block() {
        return block;
    }

    public ModelParameters parameters() {
        return parameters;
    }

    /** Returns the training batches (shuffled, augmented). */
    public BatchSource trainData() {
        return data.train();
    }

    /** Returns the evaluation batches. */
    public BatchSource testData() {
        return data.test();
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    /** Returns the forward/backward pass of the training loss. */
    public GradientPass pass() {
        return pass;
    }

    public TrainingStep step() {
        return step;
    }

    public Evaluator evaluator() {
        return evaluator;
    }

    @Override
    public void close() {
        manager.close();
    }
}
