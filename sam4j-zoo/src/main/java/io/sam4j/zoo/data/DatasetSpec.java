package io.sam4j.zoo.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Everything sam4j knows about one dataset: its name (also its folder name under a data root), the files
 * that make it up with their mirrors and checksums, image shape, class names, per-channel normalization
 * statistics, and the {@link DatasetLoader} that reads it.
 *
 * @param name catalog name and folder name, e.g. {@code fashion-mnist}
 * @param files the files that must all be present in {@code <root>/<name>/}
 * @param channels C of each image
 * @param height H of each image
 * @param width W of each image
 * @param classNames one name per class, index = label
 * @param mean per-channel mean of the training pixels scaled to [0, 1]
 * @param std per-channel standard deviation of the training pixels scaled to [0, 1]
 * @param loader reads the files into train and test splits
 */
public record DatasetSpec(
        String name,
        List<DatasetFile> files,
        int channels,
        int height,
        int width,
        List<String> classNames,
        float[] mean,
        float[] std,
        DatasetLoader loader) {

    /** Validates shapes and copies the lists and arrays. */
    public DatasetSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(loader, "loader");
        files = List.copyOf(files);
        classNames = List.copyOf(classNames);
        // Image folders are named by their path (folder:PATH), which the catalog builds on the fly.
        if (!name.matches("[a-z0-9][a-z0-9._-]*") && !ImageFolders.isFolder(name)) {
            throw new DatasetException(
                    "dataset name '" + name + "' must be lower-case letters, digits, '.', '_' " + "or '-'");
        }
        if (channels < 1 || height < 1 || width < 1) {
            throw new DatasetException(
                    "dataset '" + name + "': bad image shape " + channels + "x" + height + "x" + width);
        }
        if (classNames.isEmpty()) {
            throw new DatasetException("dataset '" + name + "' has no class names");
        }
        if (mean.length != channels || std.length != channels) {
            throw new DatasetException("dataset '" + name + "': " + channels + " channels but " + mean.length
                    + " means and " + std.length + " standard deviations");
        }
        mean = mean.clone();
        std = std.clone();
    }

    /** @return the folder name under a data root (the dataset name) */
    public String folder() {
        return name;
    }

    /** @return the number of classes */
    public int numClasses() {
        return classNames.size();
    }

    /** @return a copy of the per-channel means */
    @Override
    public float[] mean() {
        return mean.clone();
    }

    /** @return a copy of the per-channel standard deviations */
    @Override
    public float[] std() {
        return std.clone();
    }

    /** @return the names of the files, in spec order */
    public List<String> fileNames() {
        return files.stream().map(DatasetFile::fileName).toList();
    }

    /**
     * @param datasetDir {@code <root>/<name>}, e.g. from {@link DatasetLocator#locate}
     * @return the train and test splits
     */
    public TrainTestData load(Path datasetDir) {
        return loader.load(this, datasetDir);
    }

    /**
     * @param datasetDir {@code <root>/<name>}, e.g. from {@link DatasetLocator#locate}
     * @param options which of the dataset's data to read
     * @return the train and test splits
     */
    public TrainTestData load(Path datasetDir, DatasetOptions options) {
        return loader.load(this, datasetDir, options);
    }
}
