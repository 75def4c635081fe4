package io.sam4j.cli.run;

import ai.djl.ndarray.types.Shape;
import io.sam4j.cli.UserError;
import io.sam4j.cli.spec.RunSpec.DataSettings;
import io.sam4j.core.random.Seeds;
import io.sam4j.core.train.Batch;
import io.sam4j.core.train.BatchSource;
import io.sam4j.zoo.data.DatasetHash;
import io.sam4j.zoo.data.DatasetLocator;
import io.sam4j.zoo.data.HoldOutSplit;
import io.sam4j.zoo.data.StratifiedSubset;
import io.sam4j.zoo.signal.ClassBalance;
import io.sam4j.zoo.signal.SignalAugmentation;
import io.sam4j.zoo.signal.SignalBatches;
import io.sam4j.zoo.signal.SignalCatalog;
import io.sam4j.zoo.signal.SignalDataset;
import io.sam4j.zoo.signal.SignalSpec;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Signal datasets ({@code mitbih}, {@code ptbdb}): beats as {@code (1, L)} examples. A set without a
 * test file is split by {@code --split}; {@code --balance} down-samples classes of the training set;
 * {@code --augment} takes the signal augmentations of {@link SignalAugmentation}.
 */
final class SignalTaskData implements TaskData {

    private final SignalSpec spec;
    private final Path dir;
    private final SignalDataset train;
    private final SignalDataset test;
    private final BatchSource trainSource;
    private final BatchSource testSource;
    private final DataSettings config;
    private final HoldOutSplit split;

    private SignalTaskData(DataSettings config, Seeds seeds) {
        this.config = config;
        this.spec = SignalCatalog.get(config.dataset());
        this.dir = spec.locate(DatasetLocator.fromSystem(), config.dataDir());
        SignalDataset trainSet;
        SignalDataset testSet;
        if (spec.hasOfficialSplit()) {
            if (config.split() != null) {
                throw new UserError("--split: " + spec.name() + " has its own test set (" + spec.testFile() + ")");
            }
            split = null;
            trainSet = spec.readTrain(dir);
            testSet = spec.readTest(dir);
        } else {
            SignalDataset all = spec.readTrain(dir);
            split = config.split() == null ? HoldOutSplit.DEFAULT : config.split();
            HoldOutSplit.Indices indices = split.split(all.labels(), all.numClasses(), seeds.of(Seeds.Stream.DATA, 2));
            trainSet = all.subset(indices.train());
            testSet = all.subset(indices.test());
        }
        ClassBalance balance = config.balance();
        try {
            trainSet = trainSet.subset(
                    balance.select(trainSet.labels(), trainSet.numClasses(), seeds.of(Seeds.Stream.DATA, 3)));
        } catch (IllegalArgumentException e) {
            throw new UserError("--balance: " + e.getMessage());
        }
        this.train = limit(trainSet, config.trainLimit(), seeds.of(Seeds.Stream.DATA, 0));
        this.test = limit(testSet, config.testLimit(), seeds.of(Seeds.Stream.DATA, 1));
        SignalAugmentation augmentation = config.signalAugment();
        this.trainSource = new SignalBatches(train, config.batchSize(), true, augmentation);
        this.testSource = new SignalBatches(test, config.evalBatchSize(), false, SignalAugmentation.parse("none"));
    }

    static SignalTaskData open(DataSettings config, Seeds seeds) {
        return new SignalTaskData(config, seeds);
    }

    private static SignalDataset limit(SignalDataset data, Integer limit, long seed) {
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

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public Shape exampleShape() {
        return new Shape(1, spec.length());
    }

    @Override
    public int numClasses() {
        return spec.classNames().size();
    }

    @Override
    public BatchSource train() {
        return trainSource;
    }

    @Override
    public BatchSource trainForEvaluation() {
        return new SignalBatches(train, config.evalBatchSize(), false, SignalAugmentation.parse("none"));
    }

    @Override
    public BatchSource test() {
        return testSource;
    }

    @Override
    public List<Batch> trainSample(int examples, int batchSize, long seed) {
        return new SignalBatches(limit(train, examples, seed), batchSize, false, SignalAugmentation.parse("none"))
                .epochBatches(0, new Seeds(seed));
    }

    @Override
    public Map<String, Object> facts() {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("dataset", spec.name());
        facts.put("directory", dir.toString());
        facts.put("train_examples", train.size());
        facts.put("test_examples", test.size());
        facts.put("classes", numClasses());
        facts.put("class_names", spec.classNames());
        facts.put(
                "train_class_counts", Arrays.stream(train.classCounts()).boxed().toList());
        facts.put("test_class_counts", Arrays.stream(test.classCounts()).boxed().toList());
        facts.put("input_shape", exampleShape().getShape());
        facts.put("balance", config.balance().toString());
        if (split != null) {
            facts.put("split", split.toString());
        }
        return facts;
    }

    @Override
    public String sha256() {
        return DatasetHash.of(spec.fileNames().stream().map(dir::resolve).toList());
    }
}
