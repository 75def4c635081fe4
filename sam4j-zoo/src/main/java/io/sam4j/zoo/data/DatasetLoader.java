package io.sam4j.zoo.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Turns a dataset folder into train and test splits. Each dataset format (IDX, CIFAR binaries, image
 * folders, ...) has its own loader, so the catalog can grow without touching existing code.
 *
 * <p>Only {@link #load(DatasetSpec, Path)} is required. Loaders whose data depends on
 * {@link DatasetOptions}, or that accept more than one layout of their files (an archive or its
 * extracted folder), override the default methods, which describe the plain case: the spec's files,
 * all required, read as they are.
 */
@FunctionalInterface
public interface DatasetLoader {

    /**
     * @param spec the dataset being loaded (class names, shape, file names)
     * @param datasetDir the folder holding the dataset's files, {@code <root>/<spec.folder()>}
     * @return the train and test splits
     * @throws DatasetException if a file is missing or malformed
     */
    TrainTestData load(DatasetSpec spec, Path datasetDir);

    /**
     * Loads with options; by default only the {@link DatasetOptions#DEFAULT} options are accepted.
     *
     * @throws DatasetException if a file is missing or malformed, or an option does not apply
     */
    default TrainTestData load(DatasetSpec spec, Path datasetDir, DatasetOptions options) {
        if (!options.isDefault()) {
            throw new DatasetException(
                    "dataset '" + spec.name() + "' does not support " + String.join(", ", options.describe()));
        }
        return load(spec, datasetDir);
    }

    /** @return the files to download and verify for these options (by default the spec's files) */
    default List<DatasetFile> files(DatasetSpec spec, DatasetOptions options) {
        return spec.files();
    }

    /**
     * @return what is lacking in {@code datasetDir} for a load with these options, one short phrase per
     *     missing file; empty when the dataset can be loaded
     */
    default List<String> missing(DatasetSpec spec, Path datasetDir, DatasetOptions options) {
        return files(spec, options).stream()
                .map(DatasetFile::fileName)
                .filter(name -> !Files.isRegularFile(datasetDir.resolve(name)))
                .toList();
    }

    /**
     * @return where {@code file} is read from in {@code datasetDir} (by default under its own name; a
     *     loader that accepts another form of it, e.g. uncompressed, returns that one when it is the one
     *     present)
     */
    default Path fileIn(DatasetSpec spec, Path datasetDir, DatasetFile file) {
        return datasetDir.resolve(file.fileName());
    }

    /** @return the files a load with these options reads, in a fixed order (what provenance hashes) */
    default List<Path> inputs(DatasetSpec spec, Path datasetDir, DatasetOptions options) {
        return files(spec, options).stream()
                .map(f -> datasetDir.resolve(f.fileName()))
                .toList();
    }
}
