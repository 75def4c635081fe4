package io.sam4j.cli.run;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
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
import io.sam4j.core.train.Evaluator;
import io.sam4j.core.train.GradientPass;
import io.sam4j.core.train.ModelParameters;
import io.sam4j.core.train.TrainingStep;
import io.sam4j.core.train.WeightDecay;
import io.sam4j.zoo.augment.Augmentation;
import io.sam4j.zoo.augment.AugmentationSpec;
import io.sam4j.zoo.augment.Normalize;
import io.sam4j.zoo.data.DataLoader;
import io.sam4j.zoo.data.DatasetCatalog;
import io.sam4j.zoo.data.DatasetHash;
import io.sam4j.zoo.data.DatasetLocator;
import io.sam4j.zoo.data.DatasetSpec;
import io.sam4j.zoo.data.ImageBatchSource;
import io.sam4j.zoo.data.ImageDataset;
import io.sam4j.zoo.data.ImageFolders;
import io.sam4j.zoo.data.StratifiedSubset;
import io.sam4j.zoo.data.TrainTestData;
import io.sam4j.zoo.model.ModelCatalog;
import io.sam4j.zoo.model.ModelOptions;
import java.nio.file.Path;
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
    private final DatasetSpec dataset;
    private final Path datasetDir;
    private final ImageDataset train;
    private final ImageDataset test;
    private final Block block;
    private final ModelParameters parameters;
    private final ImageBatchSource trainData;
    private final ImageBatchSource testData;
    private final Optimizer optimizer;
    private final TrainingStep step;
    private final Evaluator evaluator;

    private TrainingSession(TrainConfig config, NDManager manager) {
        this.config = config;
        this.seeds = new Seeds(config.seed);
        this.manager = manager;
        this.dataset = DatasetCatalog.get(config.dataset,
                config.imageSize == null ? ImageFolders.DEFAULT_IMAGE_SIZE : config.imageSize);
        this.datasetDir = DatasetLocator.fromSystem().locate(dataset, config.dataDir == null ? null : Path.of(config.dataDir));
        TrainTestData data = dataset.load(datasetDir);
        this.train = limit(data.train(), config.trainLimit, seeds.of(Seeds.Stream.DATA, 0));
        this.test = limit(data.test(), config.testLimit, seeds.of(Seeds.Stream.DATA, 1));
        this.block = buildModel(config, dataset, seeds, manager);
        this.parameters = ModelParameters.of(block);
        this.trainData = new ImageBatchSource(trainLoader());
        this.testData = new ImageBatchSource(DataLoader.builder(test).batchSize(config.evalBatchSize)
                .shuffle(false).transform(testTransform()).workers(config.workers).build());
        this.optimizer = buildOptimizer(config, trainData.batchesPerEpoch());
        GradientPass pass = new GradientPass(block, parameters, new SmoothedCrossEntropy((float) config.labelSmoothing), manager);
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

    private static ImageDataset limit(ImageDataset data, Integer limit, long seed) {
        if (limit == null || limit >= data.size()) {
            return data;
        }
        return data.subset(StratifiedSubset.select(data.labels(), data.numClasses(), limit, seed));
    }

    /** Builds and initializes the model for a dataset, seeded from the run's INIT stream. */
    public static Block buildModel(TrainConfig config, DatasetSpec dataset, Seeds seeds, NDManager manager) {
        Shape input = new Shape(dataset.channels(), dataset.height(), dataset.width());
        Block block;
        try {
            block = ModelCatalog.standard().build(config.model, input, dataset.numClasses(),
                    ModelOptions.DEFAULTS.withDropout((float) config.dropout));
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        Engine.getInstance().setRandomSeed(Long.hashCode(seeds.of(Seeds.Stream.INIT)));
        block.initialize(manager, DataType.FLOAT32, new Shape(1, dataset.channels(), dataset.height(), dataset.width()));
        return block;
    }

    private Normalize normalize() {
        return new Normalize(dataset.mean(), dataset.std());
    }

    private DataLoader trainLoader() {
        AugmentationSpec augment;
        try {
            augment = AugmentationSpec.parse(config.augment);
        } catch (IllegalArgumentException e) {
            throw new UserError("--augment: " + e.getMessage());
        }
        DataLoader.Builder loader = DataLoader.builder(train).batchSize(config.batchSize).shuffle(true)
                .augment(augment, normalize()).dropLast(false).workers(config.workers);
        if (ImageFolders.isFolder(dataset)) {
            // Stored squares are larger than the model input: crop to it (dataset.height() is S).
            try {
                loader.transform(augment.toFolderTrainPipeline(dataset.height(), normalize()));
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
        }
        return loader.build();
    }

    /** Normalization, after a centre crop to the model input for image folders. */
    private Augmentation testTransform() {
        return ImageFolders.isFolder(dataset) ? AugmentationSpec.folderTestPipeline(dataset.height(), normalize())
                : normalize();
    }

    /** Builds the base optimizer and its per-step learning-rate schedule. */
    static Optimizer buildOptimizer(TrainConfig config, int stepsPerEpoch) {
        long total = (long) config.epochs * stepsPerEpoch;
        long warmup = Math.round(config.warmupEpochs * stepsPerEpoch);
        LearningRateSchedule schedule = switch (config.schedule) {
            case "cosine" -> LearningRateSchedule.cosine(config.lr, total, warmup);
            case "step" -> LearningRateSchedule.step(config.lr, config.lrMilestones.stream()
                    .mapToLong(f -> Math.round(f * total)).distinct().sorted().toArray(), config.lrGamma);
            default -> LearningRateSchedule.constant(config.lr);
        };
        schedule = schedule.withLinearWarmup(warmup);
        float decay = "optimizer".equals(config.resolvedWeightDecayMode()) ? (float) config.weightDecay : 0f;
        return switch (config.optimizer) {
            case "adam" -> Optimizers.adam().setLearningRate(schedule).optWeightDecay(decay).build();
            case "adamw" -> Optimizers.adamW().setLearningRate(schedule).optWeightDecay(decay).build();
            default -> Optimizers.sgd().setLearningRate(schedule).optMomentum((float) config.momentum)
                    .optNesterov(config.nesterov).optWeightDecay(decay).build();
        };
    }

    private static TrainingStep buildStep(TrainConfig config, GradientPass pass, Optimizer optimizer, NDManager manager) {
        WeightDecay inLoss = "loss".equals(config.resolvedWeightDecayMode())
                ? new WeightDecay((float) config.weightDecay)
                : WeightDecay.none();
        if ("none".equals(config.sam)) {
            return BaseStep.builder().setPass(pass).setOptimizer(optimizer).setManager(manager)
                    .optWeightDecay(inLoss).optClipNorm(config.clipNorm).build();
        }
        Perturbation perturbation = "asam".equals(config.sam) ? Perturbation.asam((float) config.eta) : Perturbation.sam();
        return SharpnessAwareStep.builder().setPass(pass).setOptimizer(optimizer).setManager(manager)
                .optPerturbation(perturbation).optRho((float) config.rho).optGroupSize(config.m)
                .optWeightDecay(inLoss).optClipNorm(config.clipNorm).build();
    }

    /** Returns facts about the data for the provenance record. */
    public Map<String, Object> dataFacts() {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("dataset", dataset.name());
        facts.put("directory", datasetDir.toString());
        facts.put("train_examples", train.size());
        facts.put("test_examples", test.size());
        facts.put("classes", dataset.numClasses());
        facts.put("input_shape", new long[] {dataset.channels(), dataset.height(), dataset.width()});
        facts.put("trainable_parameters", parameters.trainableSize());
        return facts;
    }

    /** Returns the SHA-256 of the dataset's files. */
    public String datasetSha256() {
        return DatasetHash.of(dataset, datasetDir);
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

    public Block block() {
        return block;
    }

    public ModelParameters parameters() {
        return parameters;
    }

    public ImageBatchSource trainData() {
        return trainData;
    }

    public ImageBatchSource testData() {
        return testData;
    }

    public Optimizer optimizer() {
        return optimizer;
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
