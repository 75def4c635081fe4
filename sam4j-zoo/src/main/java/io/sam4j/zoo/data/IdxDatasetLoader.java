package io.sam4j.zoo.data;

import java.nio.file.Path;

/**
 * Loads the MNIST layout: {@code train-images-idx3-ubyte.gz}, {@code train-labels-idx1-ubyte.gz},
 * {@code t10k-images-idx3-ubyte.gz} and {@code t10k-labels-idx1-ubyte.gz} in the dataset folder.
 */
public final class IdxDatasetLoader implements DatasetLoader {

    /** Training images file name. */
    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte.gz";
    /** Training labels file name. */
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte.gz";
    /** Test images file name. */
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte.gz";
    /** Test labels file name. */
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte.gz";

    @Override
    public TrainTestData load(DatasetSpec spec, Path datasetDir) {
        ImageDataset train = IdxReader.readDataset(
                spec.name() + "/train",
                datasetDir.resolve(TRAIN_IMAGES),
                datasetDir.resolve(TRAIN_LABELS),
                spec.classNames());
        ImageDataset test = IdxReader.readDataset(
                spec.name() + "/test",
                datasetDir.resolve(TEST_IMAGES),
                datasetDir.resolve(TEST_LABELS),
                spec.classNames());
        checkShape(spec, train);
        checkShape(spec, test);
        return new TrainTestData(train, test);
    }

    private static void checkShape(DatasetSpec spec, ImageDataset data) {
        if (data.channels() != spec.channels() || data.height() != spec.height() || data.width() != spec.width()) {
            throw new DatasetException("dataset '" + data.name() + "' has images of shape " + data.channels() + "x"
                    + data.height() + "x" + data.width() + ", expected " + spec.channels() + "x" + spec.height()
                    + "x" + spec.width());
        }
    }
}
