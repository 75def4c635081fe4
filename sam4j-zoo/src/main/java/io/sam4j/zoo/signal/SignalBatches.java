package io.sam4j.zoo.signal;

import io.sam4j.core.random.Seeds;
import io.sam4j.core.train.ArrayBatch;
import io.sam4j.core.train.Batch;
import io.sam4j.core.train.BatchSource;
import io.sam4j.core.util.Checks;
import io.sam4j.zoo.data.EpochOrder;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * Feeds a {@link SignalDataset} to the training loop as dense batches of shape {@code (n, 1, length)}.
 *
 * <p>When shuffling, an epoch's order comes from the run's {@link Seeds.Stream#SHUFFLE} seed of that
 * epoch and batch {@code b}'s augmentation draws from the {@link Seeds.Stream#AUGMENT} seed of
 * {@code (epoch, b)}, so an epoch is the same whenever it is run.
 */
public final class SignalBatches implements BatchSource {

    private final SignalDataset data;
    private final int batchSize;
    private final boolean shuffle;
    private final SignalAugmentation augmentation;

    /**
     * @param data the signals
     * @param batchSize signals per batch (the last batch may be smaller)
     * @param shuffle whether to reorder every epoch
     * @param augmentation transforms applied to each training signal
     */
    public SignalBatches(SignalDataset data, int batchSize, boolean shuffle, SignalAugmentation augmentation) {
        Checks.checkArgument(data.size() > 0, "dataset %s has no signals", data.name());
        this.data = data;
        this.batchSize = Checks.checkPositive("batchSize", batchSize);
        this.shuffle = shuffle;
        this.augmentation = augmentation;
    }

    @Override
    public Stream open(int epoch, Seeds seeds) {
        int[] order = EpochOrder.of(data.size(), shuffle, seeds.of(Seeds.Stream.SHUFFLE, epoch));
        int length = data.length();
        return new Stream() {
            private int next;
            private int batch;

            @Override
            public boolean hasNext() {
                return next < order.length;
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int n = Math.min(batchSize, order.length - next);
                float[] values = new float[n * length];
                int[] labels = new int[n];
                SplittableRandom random = augmentation.isNone()
                        ? null
                        : new SplittableRandom(seeds.of(Seeds.Stream.AUGMENT, epoch, batch));
                for (int k = 0; k < n; k++) {
                    int i = order[next + k];
                    System.arraycopy(data.values(), i * length, values, k * length, length);
                    labels[k] = data.labels()[i];
                    if (random != null) {
                        augmentation.apply(values, k * length, length, random);
                    }
                }
                next += n;
                batch++;
                return new ArrayBatch(values, new long[] {n, 1, length}, labels);
            }

            @Override
            public void close() {
                // Nothing held: signals live on the heap.
            }
        };
    }

    @Override
    public int batchesPerEpoch() {
        return (data.size() + batchSize - 1) / batchSize;
    }

    @Override
    public int examples() {
        return data.size();
    }
}
