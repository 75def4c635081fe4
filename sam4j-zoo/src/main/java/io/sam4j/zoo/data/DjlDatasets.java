package io.sam4j.zoo.data;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import io.sam4j.core.util.Checks;

/**
 * The zoo's images as DJL {@link ai.djl.training.dataset.Dataset}s, for code that trains with DJL's
 * {@code Trainer} (and {@code io.sam4j.core.djl.SamTrain}) rather than with sam4j's own loop.
 */
public final class DjlDatasets {

    private DjlDatasets() {}

    /**
     * Copies {@code images} into one N×C×H×W float array of {@code manager} (pixels scaled to [0, 1],
     * as {@link ImageDataset#imageFloats} gives them) and integer labels.
     *
     * @param images the images
     * @param manager the manager (and so the device) of the arrays
     * @param batchSize the batch size, at least 1
     * @param shuffle whether each epoch draws a new order (DJL's random sampler) or keeps the file's
     * @return a dataset whose records are (image, label)
     */
    public static ArrayDataset arrayDataset(ImageDataset images, NDManager manager, int batchSize, boolean shuffle) {
        Checks.checkPositive("batchSize", batchSize);
        int n = images.size();
        int size = images.imageSize();
        float[] pixels = new float[Math.multiplyExact(n, size)];
        for (int i = 0; i < n; i++) {
            images.copyImage(i, pixels, i * size);
        }
        return new ArrayDataset.Builder()
                .setData(manager.create(pixels, new Shape(n, images.channels(), images.height(), images.width())))
                .optLabels(manager.create(images.labels()))
                .setSampling(batchSize, shuffle)
                .build();
    }
}
