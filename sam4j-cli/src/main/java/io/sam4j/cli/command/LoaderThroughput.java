package io.sam4j.cli.command;

import io.sam4j.zoo.augment.AugmentationSpec;
import io.sam4j.zoo.augment.Normalize;
import io.sam4j.zoo.data.BatchIterator;
import io.sam4j.zoo.data.DataLoader;
import io.sam4j.zoo.data.ImageDataset;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Images per second of the {@link DataLoader} with an augmentation, on synthetic uint8 images: what
 * {@code sam4j bench --loader AUGMENT} measures against a training step.
 */
final class LoaderThroughput {

    /** CIFAR-10's per-channel statistics, so normalization costs what it costs in a CIFAR run. */
    private static final float[] MEAN = {0.4914f, 0.4822f, 0.4465f};

    private static final float[] STD = {0.2470f, 0.2435f, 0.2616f};

    private LoaderThroughput() {}

    /** @return {@code n} seeded random images of shape {@code c×h×w} with labels in [0, 10) */
    static ImageDataset syntheticImages(int n, int c, int h, int w, long seed) {
        byte[] pixels = new byte[Math.multiplyExact(n, c * h * w)];
        new Random(seed).nextBytes(pixels);
        int[] labels = IntStream.range(0, n).map(i -> i % 10).toArray();
        return new ImageDataset(
                "synthetic",
                pixels,
                labels,
                c,
                h,
                w,
                10,
                IntStream.range(0, 10).mapToObj(String::valueOf).toList());
    }

    /** @return a shuffling training loader with the augmentation and CIFAR normalization (3 channels) */
    static DataLoader loader(ImageDataset data, AugmentationSpec augment, int batchSize, int workers) {
        float[] mean = data.channels() == 3 ? MEAN : new float[] {0.5f};
        float[] std = data.channels() == 3 ? STD : new float[] {0.25f};
        return DataLoader.builder(data)
                .batchSize(batchSize)
                .shuffle(true)
                .augment(augment, new Normalize(mean, std))
                .workers(workers)
                .build();
    }

    /** @return images per second of one full epoch, from its start to the last batch consumed */
    static double epochImagesPerSecond(DataLoader loader, long epochSeed) {
        long start = System.nanoTime();
        int images = 0;
        try (BatchIterator batches = loader.epoch(epochSeed)) {
            while (batches.hasNext()) {
                images += batches.next().size();
            }
        }
        return images / ((System.nanoTime() - start) / 1e9);
    }

    /** @return the median of {@code repeats} epochs' images/s after one untimed epoch */
    static double[] epochs(DataLoader loader, int repeats, long seed) {
        epochImagesPerSecond(loader, seed - 1);
        double[] rates = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            rates[r] = epochImagesPerSecond(loader, seed + r);
        }
        return rates;
    }
}
