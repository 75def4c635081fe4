package io.sam4j.cli.run;

import ai.djl.ndarray.types.Shape;
import io.sam4j.cli.UserError;
import io.sam4j.cli.spec.Choices.Cifar100Labels;
import io.sam4j.cli.spec.RunSpec.DataSettings;
import io.sam4j.cli.spec.Settings;
import io.sam4j.core.random.Seeds;
import io.sam4j.core.train.Batch;
import io.sam4j.core.train.BatchSource;
import io.sam4j.zoo.augment.Augmentation;
import io.sam4j.zoo.augment.AugmentationSpec;
import io.sam4j.zoo.augment.Normalize;
import io.sam4j.zoo.data.DataLoader;
import io.sam4j.zoo.data.DatasetCatalog;
import io.sam4j.zoo.data.DatasetHash;
import io.sam4j.zoo.data.DatasetLocator;
import io.sam4j.zoo.data.DatasetOptions;
import io.sam4j.zoo.data.DatasetSpec;
import io.sam4j.zoo.data.EmbeddedSubset;
import io.sam4j.zoo.data.ImageBatchSource;
import io.sam4j.zoo.data.ImageDataset;
import io.sam4j.zoo.data.ImageFolders;
import io.sam4j.zoo.data.LabelNoise;
import io.sam4j.zoo.data.StratifiedSubset;
import io.sam4j.zoo.data.TrainTestData;
import io.sam4j.zoo.data.ValidationSplit;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Image datasets of the zoo's catalog: loaded into memory, augmented and normalized by the loaders.
 *
 * <p>The data of a run is prepared in this order, each step seeded from its own {@link Seeds.Stream#DATA}
 * sub-stream: the {@code --validation-split} hold-out of the training set (sub-stream 2), which then
 * replaces the test set; the {@code --train-limit} and {@code --test-limit} subsets (0 and 1); and last
 * the {@code --label-noise} of the remaining training labels (3); then the {@code --tune-split} hold-out
 * of that noisy training set (4), which replaces the test set. Test and {@code --validation-split}
 * labels stay clean; {@code --tune-split} labels are as noisy as the training labels they come from.
 */
final class ImageTaskData implements TaskData {

    private static final int VALIDATION_STREAM = 2;
    private static final int LABEL_NOISE_STREAM = 3;
    private static final int TUNE_STREAM = 4;

    private final DataSettings config;
    private final DatasetSpec dataset;
    private final Path datasetDir;
    private final ImageDataset train;
    private final ImageDataset test;
    private final BatchSource trainSource;
    private final BatchSource testSource;
    private final DatasetOptions options;
    private final LabelNoise.Result noise;

    private ImageTaskData(DataSettings config, Seeds seeds) {
        this.config = config;
        this.dataset = DatasetCatalog.get(config.dataset(), config.imageSize());
        this.options = new DatasetOptions(config.cifar100Labels() == Cifar100Labels.COARSE, config.svhnExtra());
        this.datasetDir = DatasetLocator.fromSystem().locate(dataset, config.dataDir(), options);
        TrainTestData data = dataset.load(datasetDir, options);
        ImageDataset fullTrain = data.train();
        ImageDataset evaluation = data.test();
        if (config.validationSplit() != null) {
            ValidationSplit.Parts parts;
            try {
                parts = ValidationSplit.split(
                        fullTrain.labels(),
                        fullTrain.numClasses(),
                        config.validationSplit(),
                        seeds.of(Seeds.Stream.DATA, VALIDATION_STREAM));
            } catch (IllegalArgumentException e) {
                throw new UserError("--validation-split: " + e.getMessage());
            }
            evaluation = fullTrain.subset(parts.validation());
            fullTrain = fullTrain.subset(parts.train());
        }
        ImageDataset limited = limit(fullTrain, config.trainLimit(), seeds.of(Seeds.Stream.DATA, 0));
        ImageDataset noisy;
        if (config.labelNoise() > 0) {
            this.noise = LabelNoise.apply(
                    limited.labels(),
                    limited.numClasses(),
                    config.labelNoise(),
                    seeds.of(Seeds.Stream.DATA, LABEL_NOISE_STREAM));
            noisy = limited.withLabels(limited.name() + "[noisy]", noise.labels());
        } else {
            this.noise = null;
            noisy = limited;
        }
        if (config.tuneSplit() != null) {
            // Held out after the limit and the noise: the tuning runs see the data a user has, noisy labels
            // included, and the examples they train on are exactly the others.
            ValidationSplit.Parts parts = tuneSplit(noisy, config.tuneSplit(), seeds);
            evaluation = noisy.subset(parts.validation());
            noisy = noisy.subset(parts.train());
        }
        this.train = noisy;
        this.test = limit(evaluation, config.testLimit(), seeds.of(Seeds.Stream.DATA, 1));
        this.trainSource = new ImageBatchSource(trainLoader());
        this.testSource = new ImageBatchSource(evaluationLoader(test));
    }

    /**
     * The {@code --tune-split} hold-out of the (limited, noisy) training set, stratified by the labels it
     * has, seeded from its own sub-stream: the same seed always holds out the same examples.
     */
    static ValidationSplit.Parts tuneSplit(ImageDataset train, double fraction, Seeds seeds) {
        try {
            return ValidationSplit.split(
                    train.labels(), train.numClasses(), fraction, seeds.of(Seeds.Stream.DATA, TUNE_STREAM));
        } catch (IllegalArgumentException e) {
            throw new UserError("--tune-split: " + e.getMessage());
        }
    }

    static ImageTaskData open(DataSettings config, Seeds seeds) {
        return new ImageTaskData(config, seeds);
    }

    private static ImageDataset limit(ImageDataset data, Integer limit, long seed) {
        if (limit == null || limit >= data.size()) {
            return data;
        }
        return data.subset(StratifiedSubset.select(data.labels(), data.numClasses(), limit, seed));
    }

    @Override
    public int[] trainSampleIndices(int examples, long seed) {
        if (examples >= train.size()) {
            return IntStream.range(0, train.size()).toArray();
        }
        return StratifiedSubset.select(train.labels(), train.numClasses(), examples, seed);
    }

    private Normalize normalize() {
        return new Normalize(dataset.mean(), dataset.std());
    }

    private DataLoader trainLoader() {
        AugmentationSpec augment = config.imageAugment();
        DataLoader.Builder loader = DataLoader.builder(train)
                .batchSize(config.batchSize())
                .shuffle(true)
                .augment(augment, normalize())
                .dropLast(false)
                .workers(config.workers());
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
    private Augmentation evaluationTransform() {
        return ImageFolders.isFolder(dataset)
                ? AugmentationSpec.folderTestPipeline(dataset.height(), normalize())
                : normalize();
    }

    private DataLoader evaluationLoader(ImageDataset images) {
        return DataLoader.builder(images)
                .batchSize(config.evalBatchSize())
                .shuffle(false)
                .transform(evaluationTransform())
                .workers(config.workers())
                .build();
    }

    @Override
    public String name() {
        return dataset.name();
    }

    @Override
    public Shape exampleShape() {
        return new Shape(dataset.channels(), dataset.height(), dataset.width());
    }

    @Override
    public int numClasses() {
        // Not the spec's: CIFAR-100's coarse labels have 20 classes.
        return train.numClasses();
    }

    @Override
    public BatchSource train() {
        return trainSource;
    }

    @Override
    public BatchSource trainForEvaluation() {
        return new ImageBatchSource(evaluationLoader(train));
    }

    @Override
    public BatchSource test() {
        return testSource;
    }

    @Override
    public List<Batch> trainSample(int examples, int batchSize, long seed) {
        ImageDataset sample = limit(train, examples, seed);
        DataLoader loader = DataLoader.builder(sample)
                .batchSize(batchSize)
                .shuffle(false)
                .transform(evaluationTransform())
                .workers(1)
                .build();
        // Neither order nor transform is random here, so the seeds only name the epoch.
        return new ImageBatchSource(loader).epochBatches(0, new Seeds(seed));
    }

    @Override
    public Map<String, Object> facts() {
        Map<String, Object> facts = new LinkedHashMap<>();
        Optional<EmbeddedSubset> embedded = EmbeddedSubset.in(datasetDir);
        facts.put(
                "dataset",
                embedded.map(e -> dataset.name() + " (" + e.describe() + ")").orElse(dataset.name()));
        embedded.ifPresent(e -> facts.put(Training.EMBEDDED_FACT, true));
        facts.put("directory", datasetDir.toString());
        facts.put("train_examples", train.size());
        facts.put("test_examples", test.size());
        facts.put("classes", numClasses());
        facts.put("input_shape", exampleShape().getShape());
        facts.put(
                "evaluated_on",
                config.tuneSplit() != null ? "tune-split" : config.validationSplit() == null ? "test" : "validation");
        if (config.tuneSplit() != null) {
            facts.put("tune_split", config.tuneSplit());
        }
        if (config.validationSplit() != null) {
            facts.put("validation_split", config.validationSplit());
        }
        if ("cifar100".equals(dataset.name())) {
            facts.put("labels", Settings.CIFAR100_LABELS.format(config.cifar100Labels()));
        }
        if ("svhn".equals(dataset.name())) {
            facts.put("svhn_extra", config.svhnExtra());
        }
        facts.put("label_noise", config.labelNoise());
        facts.put("label_noise_fraction", labelNoiseFraction());
        if (noise != null) {
            facts.put("label_noise_flipped", noise.flipped().length);
        }
        return facts;
    }

    @Override
    public boolean noisyTrainLabels() {
        return noise != null;
    }

    /** Returns the realized share of training labels that label noise changed (0 without noise). */
    double labelNoiseFraction() {
        return noise == null ? 0 : noise.fraction();
    }

    @Override
    public String sha256() {
        return DatasetHash.of(dataset, datasetDir, options);
    }
}
