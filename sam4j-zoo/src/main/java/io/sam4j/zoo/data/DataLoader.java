package io.sam4j.zoo.data;

import io.sam4j.zoo.augment.Augmentation;
import io.sam4j.zoo.augment.AugmentationSpec;
import io.sam4j.zoo.augment.BatchAugmentation;
import io.sam4j.zoo.augment.Normalize;
import java.util.Objects;

/**
 * Configuration for iterating over an {@link ImageDataset} in mini-batches; each call to {@link #epoch(long)}
 * starts one pass.
 *
 * <p>An epoch is fully determined by its seed: the example order is
 * {@code Collections.shuffle(indices, new Random(epochSeed))} (or dataset order without shuffling), and the
 * image at position {@code p} of the epoch is transformed with its own {@code Random} derived from
 * {@code (epochSeed, p)}, and batch {@code b}'s {@link BatchAugmentation}, if any, with one derived from
 * {@code (epochSeed, b)}. Batches are therefore identical whatever the number of worker threads.
 *
 * <p>Batches have the transform's {@link Augmentation#outputShape output shape}, which may differ from the
 * stored images' (e.g. a crop of image-folder data to the model's input size).
 *
 * <pre>{@code
 * DataLoader loader = DataLoader.builder(train).batchSize(128).shuffle(true)
 *         .augment(AugmentationSpec.parse("basic"), new Normalize(spec.mean(), spec.std())).build();
 * try (BatchIterator batches = loader.epoch(seed + epoch)) {
 *     while (batches.hasNext()) { Batch b = batches.next(); ... }
 * }
 * }</pre>
 */
public final class DataLoader {

    private final ImageDataset dataset;
    private final int batchSize;
    private final boolean shuffle;
    private final Augmentation transform;
    private final BatchAugmentation batchTransform;
    private final boolean dropLast;
    private final int workers;
    private final int prefetch;

    private DataLoader(Builder b) {
        this.dataset = b.dataset;
        this.batchSize = b.batchSize;
        this.shuffle = b.shuffle;
        this.transform = b.transform;
        this.batchTransform = b.batchTransform;
        this.dropLast = b.dropLast;
        this.workers = b.workers;
        this.prefetch = b.prefetch;
    }

    /** @return a builder over {@code dataset} with batch size 128, no shuffle, no transform, 2 workers */
    public static Builder builder(ImageDataset dataset) {
        return new Builder(dataset);
    }

    /** @return the dataset */
    public ImageDataset dataset() {
        return dataset;
    }

    /** @return examples per batch (the last may be smaller unless dropped) */
    public int batchSize() {
        return batchSize;
    }

    /** @return the {@code {C, H, W}} of every image in a batch: the transform's output shape */
    public int[] outputShape() {
        int c = dataset.channels();
        int h = dataset.height();
        int w = dataset.width();
        return transform == null ? new int[] {c, h, w} : transform.outputShape(c, h, w);
    }

    /** @return the number of batches in one epoch */
    public int numBatches() {
        int n = dataset.size();
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    /**
     * Starts one pass over the data. Close the iterator if you stop early; it closes itself after the last
     * batch.
     *
     * @param epochSeed decides the order and every random augmentation of this epoch
     * @return the batches of this epoch
     */
    public BatchIterator epoch(long epochSeed) {
        return new BatchIterator(
                dataset, batchSize, shuffle, transform, batchTransform, dropLast, workers, prefetch, epochSeed);
    }

    /** Builds a {@link DataLoader}. */
    public static final class Builder {
        private final ImageDataset dataset;
        private int batchSize = 128;
        private boolean shuffle;
        private Augmentation transform;
        private BatchAugmentation batchTransform;
        private boolean dropLast;
        private int workers = 2;
        private int prefetch = 3;

        private Builder(ImageDataset dataset) {
            this.dataset = Objects.requireNonNull(dataset, "dataset");
        }

        /** @param batchSize examples per batch, at least 1 */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /** @param shuffle whether each epoch visits the examples in a seeded random order */
        public Builder shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /**
         * @param transform applied to each image after scaling its bytes to [0, 1]; include normalization
         *     here (e.g. {@link AugmentationSpec#toPipeline} or a plain {@link Normalize}); {@code null} for none
         */
        public Builder transform(Augmentation transform) {
            this.transform = transform;
            return this;
        }

        /**
         * @param batchTransform applied to each whole batch after the per-image transform, e.g. a
         *     {@link io.sam4j.zoo.augment.BatchCutout}; {@code null} for none
         */
        public Builder batchTransform(BatchAugmentation batchTransform) {
            this.batchTransform = batchTransform;
            return this;
        }

        /**
         * Shorthand for {@code transform(spec.toPipeline(normalize))} plus the spec's per-batch transform, if
         * it has one.
         */
        public Builder augment(AugmentationSpec spec, Normalize normalize) {
            return transform(spec.toPipeline(normalize))
                    .batchTransform(spec.batchAugmentation().orElse(null));
        }

        /** @param dropLast whether to drop a final batch smaller than the batch size */
        public Builder dropLast(boolean dropLast) {
            this.dropLast = dropLast;
            return this;
        }

        /**
         * @param workers background threads preparing batches, or 0 to prepare each batch in the calling
         *     thread when it is asked for
         */
        public Builder workers(int workers) {
            if (workers < 0) {
                throw new IllegalArgumentException("workers must be at least 0, got " + workers);
            }
            this.workers = workers;
            return this;
        }

        /** @param prefetch batches prepared ahead of the consumer, 1 to 16 */
        public Builder prefetch(int prefetch) {
            if (prefetch < 1 || prefetch > 16) {
                throw new IllegalArgumentException("prefetch must be in [1, 16], got " + prefetch);
            }
            this.prefetch = prefetch;
            return this;
        }

        /** @return the loader */
        public DataLoader build() {
            if (transform != null) {
                // Fails here, with the shapes in the message, rather than on a worker thread.
                transform.outputShape(dataset.channels(), dataset.height(), dataset.width());
            }
            return new DataLoader(this);
        }
    }
}
