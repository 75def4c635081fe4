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
import io.sam4j.zoo.graph.GraphBatches;
import io.sam4j.zoo.graph.GraphDataset;
import io.sam4j.zoo.graph.TuDatasetReader;
import io.sam4j.zoo.graph.TuDatasets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * TU graph datasets ({@code --dataset tu:NAME}): graphs packed into block-diagonal batches, split into
 * train and test by {@code --split} (a seeded, stratified hold-out or k-fold), as the sets ship none.
 * An example's shape is {@code (F)}, the node-feature width.
 */
final class GraphTaskData implements TaskData {

    private final String name;
    private final Path dir;
    private final GraphDataset all;
    private final GraphDataset train;
    private final GraphDataset test;
    private final HoldOutSplit split;
    private final DataSettings config;
    private final BatchSource trainSource;
    private final BatchSource testSource;

    private GraphTaskData(DataSettings config, Seeds seeds) {
        this.config = config;
        this.name = TuDatasets.name(config.dataset());
        this.dir = TuDatasets.locate(DatasetLocator.fromSystem(), name, config.dataDir());
        this.all = TuDatasetReader.read(dir, name);
        this.split = config.split() == null ? HoldOutSplit.DEFAULT : config.split();
        HoldOutSplit.Indices indices = split.split(all.labels(), all.numClasses(), seeds.of(Seeds.Stream.DATA, 2));
        GraphDataset trainSet = all.subset(indices.train());
        try {
            trainSet = trainSet.subset(
                    config.balance().select(trainSet.labels(), trainSet.numClasses(), seeds.of(Seeds.Stream.DATA, 3)));
        } catch (IllegalArgumentException e) {
            throw new UserError("--balance: " + e.getMessage());
        }
        this.train = limit(trainSet, config.trainLimit(), seeds.of(Seeds.Stream.DATA, 0));
        this.test = limit(all.subset(indices.test()), config.testLimit(), seeds.of(Seeds.Stream.DATA, 1));
        if (train.size() == 0 || test.size() == 0) {
            throw new UserError("--split " + split + " leaves " + train.size() + " training and " + test.size()
                    + " test graphs of " + all.size());
        }
        this.trainSource = new GraphBatches(train, config.batchSize(), true);
        this.testSource = new GraphBatches(test, config.evalBatchSize(), false);
    }

    static GraphTaskData open(DataSettings config, Seeds seeds) {
        return new GraphTaskData(config, seeds);
    }

    private static GraphDataset limit(GraphDataset data, Integer limit, long seed) {
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
        return TuDatasets.PREFIX + name;
    }

    @Override
    public Shape exampleShape() {
        return new Shape(all.featureCount());
    }

    @Override
    public int numClasses() {
        return all.numClasses();
    }

    /** Features, edge index, membership and node counts of a one-node graph (see GraphBatch). */
    @Override
    public Shape[] initializationShapes() {
        return new Shape[] {new Shape(1, all.featureCount()), new Shape(2, 0), new Shape(1), new Shape(1)};
    }

    @Override
    public BatchSource train() {
        return trainSource;
    }

    @Override
    public BatchSource trainForEvaluation() {
        return new GraphBatches(train, config.evalBatchSize(), false);
    }

    @Override
    public BatchSource test() {
        return testSource;
    }

    @Override
    public List<Batch> trainSample(int examples, int batchSize, long seed) {
        return new GraphBatches(limit(train, examples, seed), batchSize, false).epochBatches(0, new Seeds(seed));
    }

    @Override
    public Map<String, Object> facts() {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("dataset", name());
        facts.put("directory", dir.toString());
        facts.put("graphs", all.size());
        facts.put("nodes", all.nodes());
        facts.put("edges", all.edges());
        facts.put("train_examples", train.size());
        facts.put("test_examples", test.size());
        facts.put("classes", all.numClasses());
        facts.put("class_labels", all.classNames());
        facts.put("input_shape", exampleShape().getShape());
        facts.put("split", split.toString());
        facts.put("balance", config.balance().toString());
        return facts;
    }

    @Override
    public String sha256() {
        return DatasetHash.of(TuDatasets.files(dir, name));
    }
}
