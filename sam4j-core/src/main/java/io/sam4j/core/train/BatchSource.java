package io.sam4j.core.train;

import io.sam4j.core.random.Seeds;
import java.util.Iterator;

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

    /** An epoch's batches. */
    interface Stream extends Iterator<Batch>, AutoCloseable {
        @Override
        void close();
    }
}
