package io.sam4j.core.train;

import io.sam4j.core.random.Seeds;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The batches of a dataset, epoch by epoch, in an order fixed by the run's seeds. */
public interface BatchSource {

    /**
     * Opens the batches of one epoch.
     *
     * @param epoch the 0-based epoch
     * @param seeds the run's seeds (shuffling and augmentation draw from them)
     * @return an iterator that must be closed
     */
    Stream open(int epoch, Seeds seeds);

    /** Returns the number of batches per epoch. */
    int batchesPerEpoch();

    /** Returns the number of examples per epoch. */
    int examples();

    /**
     * Returns all batches of one epoch as a list, for data that is read many times over (analyses of a
     * fixed sample).
     */
    default List<Batch> epochBatches(int epoch, Seeds seeds) {
        List<Batch> batches = new ArrayList<>(batchesPerEpoch());
        try (Stream stream = open(epoch, seeds)) {
            stream.forEachRemaining(batches::add);
        }
        return batches;
    }

    /** An epoch's batches. */
    interface Stream extends Iterator<Batch>, AutoCloseable {
        @Override
        void close();
    }
}
