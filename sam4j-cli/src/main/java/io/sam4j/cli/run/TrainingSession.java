package io.sam4j.cli.run;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.training.optimizer.Optimizer;
import io.sam4j.cli.UserError;
import io.sam4j.cli.config.TrainConfig;
import io.sam4j.core.loss.SmoothedCrossEntropy;
import io.sam4j.core.optim.Optimizers;
import io.sam4j.core.random.Seeds;
import io.sam4j.core.sam.Perturbation;
import io.sam4j.core.sam.SharpnessAwareStep;
import io.sam4j.core.schedule.LearningRateSchedule;
import io.sam4j.core.train.BaseStep;
import io.sam4j.core.train.BatchSource;
import io.sam4j.core.train.Evaluator;
import io.sam4j.core.train.GradientPass;
import io.sam4j.core.train.ModelParameters;
import io.sam4j.core.train.TrainingStep;
import io.sam4j.core.train.WeightDecay;
import io.sam4j.zoo.model.FreezableBatchNorm;
import io.sam4j.zoo.model.ModelCatalog;
import io.sam4j.zoo.model.ModelOptions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds everything a run needs from a {@link TrainConfig}: the data, the model, the base
 * optimizer with its schedule, and the step strategy. The one place where the zoo meets the core.
 */
public final class TrainingSession implements AutoCloseable {

    private final TrainConfig config;
    private final Seeds seeds;
    private final NDManager manager;
    private final TaskData data;
    private final Block block;
    private final ModelParameters parameters;
    private final Optimizer optimizer;
    private final GradientPass pass;
    private final TrainingStep step;
    private final Evaluator evaluator;

    private TrainingSession(TrainConfig config, NDManager manager) {
        this.config = config;
        this.seeds = new Seeds(config.seed);
        this.manager = manager;
        this.data = TaskDataFactory.open(config, seeds);
        this.block = buildModel(config, ModelInput.of(data), seeds, manager);
        this.parameters = ModelParameters.of(block);
        this.optimizer = buildOptimizer(config, data.train().batchesPerEpoch());
        this.pass =
                new GradientPass(block, parameters, new SmoothedCrossEntropy((float) config.labelSmoothing), manager);
        this.step = buildStep(config, pass, optimizer, manager);
        this.evaluator = new Evaluator(block, new SmoothedCrossEntropy(0), manager);
    }

    /**
     * Loads the data and builds the model and step of a run.
     *
     * @throws UserError for an unknown dataset or model name
     */
    public static TrainingSession open(TrainConfig config) {
        NDManager manager = NDManager.newBaseManager();
        try {
            return new TrainingSession(config, manager);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** Builds and initializes the model for its input, seeded from the run's INIT stream. */
    public static Block buildModel(TrainConfig config, ModelInput input, Seeds seeds, NDManager manager) {
        Block block;
        try {
            ModelCatalog catalog = ModelCatalog.standard();
            // Models with reference regularisation (EfficientNet: dropout 0.2-0.5, drop-connect 0.2)
            // keep it unless --dropout sets another rate; for all others the reference is none.
            ModelOptions options = catalog.referenceOptions(config.model);
            if (config.dropout != 0) {
                options = options.withDropout((float) config.dropout);
            }
            block = catalog.build(config.model, input.example(), input.classes(), options);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        Engine.getInstance().setRandomSeed(Long.hashCode(seeds.of(Seeds.Stream.INIT)));
        block.initialize(manager, DataType.FLOAT32, input.initialization());
        if (config.freezeBn && FreezableBatchNorm.freezeAll(block) == 0) {
            throw new UserError("--freeze-bn: model " + config.model + " has no BatchNorm to freeze");
        }
        return block;
    }

    /** Builds the base optimizer and its per-step learning-rate schedule. */
    static Optimizer buildOptimizer(TrainConfig config, int stepsPerEpoch) {
        long total = (long) config.epochs * stepsPerEpoch;
        long warmup = Math.round(config.warmupEpochs * stepsPerEpoch);
        LearningRateSchedule schedule = switch (config.schedule) {
            case "cosine" -> LearningRateSchedule.cosine(config.lr, total, warmup);
            case "step" ->
                LearningRateSchedule.step(
                        config.lr,
                        config.lrMilestones.stream()
                                .mapToLong(f -> Math.round(f * total))
                                .distinct()
                                .sorted()
                                .toArray(),
                        config.lrGamma);
            default -> LearningRateSchedule.constant(config.lr);
        };
        schedule = schedule.withLinearWarmup(warmup);
        float decay = "optimizer".equals(config.resolvedWeightDecayMode()) ? (float) config.weightDecay : 0f;
        return switch (config.optimizer) {
            case "adam" ->
                Optimizers.adam()
                        .setLearningRate(schedule)
                        .optWeightDecay(decay)
                        .build();
            case "adamw" ->
                Optimizers.adamW()
                        .setLearningRate(schedule)
                        .optWeightDecay(decay)
                        .build();
            default ->
                Optimizers.sgd()
                        .setLearningRate(schedule)
                        .optMomentum((float) config.momentum)
                        .optNesterov(config.nesterov)
                        .optWeightDecay(decay)
                        .build();
        };
    }

    private static TrainingStep buildStep(
            TrainConfig config, GradientPass pass, Optimizer optimizer, NDManager manager) {
        WeightDecay inLoss = "loss".equals(config.resolvedWeightDecayMode())
                ? new WeightDecay((float) config.weightDecay)
                : WeightDecay.none();
        if ("none".equals(config.sam)) {
            return BaseStep.builder()
                    .setPass(pass)
                    .setOptimizer(optimizer)
                    .setManager(manager)
                    .optWeightDecay(inLoss)
                    .optClipNorm(config.clipNorm)
                    .build();
        }
        Perturbation perturbation =
                "asam".equals(config.sam) ? Perturbation.asam((float) config.eta) : Perturbation.sam();
        return SharpnessAwareStep.builder()
                .setPass(pass)
                .setOptimizer(optimizer)
                .setManager(manager)
                .optPerturbation(perturbation)
                .optRho((float) config.rho)
                .optGroupSize(config.m)
                .optWeightDecay(inLoss)
                .optClipNorm(config.clipNorm)
                .build();
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

    public TrainConfig config() {
        return config;
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

    /** Returns the forward/backward pass of the training loss (analyses reuse it for gradients). */
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
