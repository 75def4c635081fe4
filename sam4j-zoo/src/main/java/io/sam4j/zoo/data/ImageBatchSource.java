package io.sam4j.zoo.data;

import io.sam4j.core.random.Seeds;
import io.sam4j.core.train.ArrayBatch;
import io.sam4j.core.train.BatchSource;

/**
 * Feeds a {@link DataLoader}'s batches to sam4j-core's training loop.
 *
 * <p>Each epoch's loader seed comes from the run's {@link Seeds.Stream#SHUFFLE} stream; the loader
 * derives both the order and every image's augmentation draws from it, so an epoch is the same
 * whenever it is run.
 */
public final class ImageBatchSource implements BatchSource {

    private final DataLoader loader;

    /** Wraps a loader. */
    public ImageBatchSource(DataLoader loader) {
        this.loader = loader;
    }

    @Override
    public Stream open(int epoch, Seeds seeds) {
        BatchIterator batches = loader.epoch(seeds.of(Seeds.Stream.SHUFFLE, epoch));
        return new Stream() {
            @Override
            public boolean hasNext() {
                return batches.hasNext();
            }

            @Override
            public io.sam4j.core.train.Batch next() {
                Batch b = batches.next();
                return new ArrayBatch(b.data(), b.shape(), b.labels());
            }

            @Override
            public void close() {
                batches.close();
            }
        };
    }

    @Override
    public int batchesPerEpoch() {
        return loader.numBatches();
    }

    @Override
    public int examples() {
        return loader.dataset().size();
    }
}
