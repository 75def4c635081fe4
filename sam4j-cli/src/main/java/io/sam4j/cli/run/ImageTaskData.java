package io.sam4j.cli.run;

import ai.djl.ndarray.types.Shape;
import io.sam4j.cli.UserError;
import io.sam4j.cli.config.TrainConfig;
import io.sam4j.core.random.Seeds;
import io.sam4j.core.train.ArrayBatch;
import io.sam4j.core.train.Batch;
import io.sam4j.core.train.BatchSource;
import io.sam4j.zoo.augment.AugmentationSpec;
import io.sam4j.zoo.augment.Normalize;
import io.sam4j.zoo.data.BatchIterator;
import io.sam4j.zoo.data.DataLoader;
import io.sam4j.zoo.data.DatasetCatalog;
import io.sam4j.zoo.data.DatasetHash;
import io.sam4j.zoo.data.DatasetLocator;
import io.sam4j.zoo.data.DatasetSpec;
import io.sam4j.zoo.data.ImageBatchSource;
import io.sam4j.zoo.data.ImageDataset;
import io.sam4j.zoo.data.StratifiedSubset;
import io.sam4j.zoo.data.TrainTestData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Image datasets of the zoo's catalog: loaded into memory, augmented and normalized by the loaders. */
final class ImageTaskData implements TaskData {

    private final TrainConfig config;
    private final DatasetSpec dataset;
    private final Path datasetDir;
    private final ImageDataset train;
    private final ImageDataset test;
    private final BatchSource trainSource;
    private final BatchSource testSource;

    private ImageTaskData(TrainConfig config, Seeds seeds) {
        this.config = config;
        this.dataset = DatasetCatalog.get(config.dataset);
        this.datasetDir = DatasetLocator.fromSystem().locate(dataset, config.dataDir == null ? null : Path.of(config.dataDir));
        TrainTestData data = dataset.load(datasetDir);
        this.train = limit(data.train(), config.trainLimit, seeds.of(Seeds.Stream.DATA, 0));
        this.test = limit(data.test(), config.testLimit, seeds.of(Seeds.Stream.DATA, 1));
        this.trainSource = new ImageBatchSource(trainLoader());
        this.testSource = new ImageBatchSource(evaluationLoader(test));
    }

    static ImageTaskData open(TrainConfig config, Seeds seeds) {
        return new ImageTaskData(config, seeds);
    }

    private static ImageDataset limit(ImageDataset data, Integer limit, long seed) {
        if (limit == null || limit >= data.size()) {
            return data;
        }
        return data.subset(StratifiedSubset.select(data.labels(), data.numClasses(), limit, seed));
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
        return DataLoader.builder(train).batchSize(config.batchSize).shuffle(true)
                .augment(augment, normalize()).dropLast(false).workers(config.workers).build();
    }

    private DataLoader evaluationLoader(ImageDataset images) {
        return DataLoader.builder(images).batchSize(config.evalBatchSize).shuffle(false)
                .transform(normalize()).workers(config.workers).build();
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
        return dataset.numClasses();
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
        DataLoader loader = DataLoader.builder(sample).batchSize(batchSize).shuffle(false)
                .transform(normalize()).workers(1).build();
        List<Batch> batches = new ArrayList<>();
        try (BatchIterator it = loader.epoch(seed)) {
            while (it.hasNext()) {
                io.sam4j.zoo.data.Batch b = it.next();
                batches.add(new ArrayBatch(b.data(), b.shape(), b.labels()));
            }
        }
        return batches;
    }

    @Override
    public Map<String, Object> facts() {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("dataset", dataset.name());
        facts.put("directory", datasetDir.toString());
        facts.put("train_examples", train.size());
        facts.put("test_examples", test.size());
        facts.put("classes", dataset.numClasses());
        facts.put("input_shape", exampleShape().getShape());
        return facts;
    }

    @Override
    public String sha256() {
        return DatasetHash.of(dataset, datasetDir);
    }
}
