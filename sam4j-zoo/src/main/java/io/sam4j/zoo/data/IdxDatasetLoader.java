package io.sam4j.zoo.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads the MNIST layout: {@code train-images-idx3-ubyte.gz}, {@code train-labels-idx1-ubyte.gz},
 * {@code t10k-images-idx3-ubyte.gz} and {@code t10k-labels-idx1-ubyte.gz} in the dataset folder. Each
 * file may also be there uncompressed, under its name without {@code .gz} (as many tools unpack them);
 * the gzipped copy is read when both are present.
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
                fileIn(datasetDir, TRAIN_IMAGES),
                fileIn(datasetDir, TRAIN_LABELS),
                spec.classNames());
        ImageDataset test = IdxReader.readDataset(
                spec.name() + "/test",
                fileIn(datasetDir, TEST_IMAGES),
                fileIn(datasetDir, TEST_LABELS),
                spec.classNames());
        checkShape(spec, train);
        checkShape(spec, test);
        return new TrainTestData(train, test);
    }

    @Override
    public List<String> missing(DatasetSpec spec, Path datasetDir, DatasetOptions options) {
        return files(spec, options).stream()
                .map(DatasetFile::fileName)
                .filter(name -> !Files.isRegularFile(fileIn(datasetDir, name)))
                .map(name -> plainName(name) + "[.gz]")
                .toList();
    }

    @Override
    public List<Path> inputs(DatasetSpec spec, Path datasetDir, DatasetOptions options) {
        return files(spec, options).stream()
                .map(f -> fileIn(datasetDir, f.fileName()))
                .toList();
    }

    @Override
    public Path fileIn(DatasetSpec spec, Path datasetDir, DatasetFile file) {
        return fileIn(datasetDir, file.fileName());
    }

    /** The gzipped file when present, else its uncompressed copy when present, else the gzipped name. */
    static Path fileIn(Path datasetDir, String gzName) {
        Path gz = datasetDir.resolve(gzName);
        Path plain = datasetDir.resolve(plainName(gzName));
        return !Files.isRegularFile(gz) && Files.isRegularFile(plain) ? plain : gz;
    }

    private static String plainName(String gzName) {
        return gzName.endsWith(".gz") ? gzName.substring(0, gzName.length() - ".gz".length()) : gzName;
    }

    private static void checkShape(DatasetSpec spec, ImageDataset data) {
        if (data.channels() != spec.channels() || data.height() != spec.height() || data.width() != spec.width()) {
            throw new DatasetException("dataset '" + data.name() + "' has images of shape " + data.channels() + "x"
                    + data.height() + "x" + data.width() + ", expected " + spec.channels() + "x" + spec.height()
                    + "x" + spec.width());
        }
    }
}
