package io.sam4j.zoo.data;

import java.util.Objects;

/**
 * The standard train and test splits of a dataset.
 *
 * @param train the training split
 * @param test the test split
 */
public record TrainTestData(ImageDataset train, ImageDataset test) {

    /** Rejects null splits. */
    public TrainTestData {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
    }
}
