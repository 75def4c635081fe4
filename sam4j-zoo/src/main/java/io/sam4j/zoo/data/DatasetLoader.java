package io.sam4j.zoo.data;

import java.nio.file.Path;

/**
 * Turns a dataset folder into train and test splits. Each dataset format (IDX, CIFAR binaries, image
 * folders, ...) has its own loader, so the catalog can grow without touching existing code.
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
}
