package io.sam4j.zoo.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An in-memory labelled image dataset: {@code size()} images stored as unsigned bytes in one row-major
 * N×C×H×W (channel-first) array.
 *
 * <p>The constructor takes ownership of the arrays without copying them (MNIST-sized data is tens of
 * megabytes); callers must not modify them afterwards. Accessors that hand data out return copies.
 */
public final class ImageDataset {

    private final String name;
    private final byte[] images;
    private final int[] labels;
    private final int channels;
    private final int height;
    private final int width;
    private final int numClasses;
    private final List<String> classNames;

    /**
     * @param name a short name used in messages, e.g. {@code "fashion-mnist/train"}
     * @param images uint8 pixels, N×C×H×W row-major
     * @param labels one label in {@code [0, numClasses)} per image
     * @param channels C, at least 1
     * @param height H, at least 1
     * @param width W, at least 1
     * @param numClasses number of classes, at least 1
     * @param classNames exactly {@code numClasses} names
     * @throws DatasetException if the sizes do not agree or a label is out of range
     */
    public ImageDataset(
            String name,
            byte[] images,
            int[] labels,
            int channels,
            int height,
            int width,
            int numClasses,
            List<String> classNames) {
        this.name = Objects.requireNonNull(name, "name");
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(classNames, "classNames");
        requirePositive(name, "channels", channels);
        requirePositive(name, "height", height);
        requirePositive(name, "width", width);
        requirePositive(name, "numClasses", numClasses);
        long expected = (long) labels.length * channels * height * width;
        if (images.length != expected) {
            throw new DatasetException("dataset '" + name + "': " + labels.length + " labels of shape "
                    + channels + "x" + height + "x" + width + " need " + expected + " image bytes, found "
                    + images.length);
        }
        if (classNames.size() != numClasses) {
            throw new DatasetException("dataset '" + name + "': " + numClasses + " classes but " + classNames.size()
                    + " class names " + classNames);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new DatasetException("dataset '" + name + "': label " + labels[i] + " at index " + i
                        + " is outside [0, " + numClasses + ")");
            }
        }
        this.images = images;
        this.labels = labels;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.numClasses = numClasses;
        this.classNames = List.copyOf(classNames);
    }

    private static void requirePositive(String dataset, String what, int value) {
        if (value < 1) {
            throw new DatasetException("dataset '" + dataset + "': " + what + " must be at least 1, got " + value);
        }
    }

    /** @return the name given at construction */
    public String name() {
        return name;
    }

    /** @return the number of images N */
    public int size() {
        return labels.length;
    }

    /** @return C */
    public int channels() {
        return channels;
    }

    /** @return H */
    public int height() {
        return height;
    }

    /** @return W */
    public int width() {
        return width;
    }

    /** @return C·H·W, the number of values in one image */
    public int imageSize() {
        return channels * height * width;
    }

    /** @return the number of classes */
    public int numClasses() {
        return numClasses;
    }

    /** @return the class names, index = label */
    public List<String> classNames() {
        return classNames;
    }

    /** @return the label of image {@code i} */
    public int label(int i) {
        checkIndex(i);
        return labels[i];
    }

    /** @return a copy of all labels */
    public int[] labels() {
        return labels.clone();
    }

    /** @return a copy of all pixels, N×C×H×W */
    public byte[] images() {
        return images.clone();
    }

    /** @return a copy of image {@code i}'s C×H×W bytes */
    public byte[] imageBytes(int i) {
        checkIndex(i);
        int n = imageSize();
        return Arrays.copyOfRange(images, i * n, (i + 1) * n);
    }

    /**
     * Writes image {@code i} scaled to [0, 1] (byte / 255) into {@code dst[offset ..]}.
     *
     * @param i image index
     * @param dst destination with room for {@link #imageSize()} values from {@code offset}
     * @param offset where image {@code i} starts in {@code dst}
     */
    public void copyImage(int i, float[] dst, int offset) {
        checkIndex(i);
        int n = imageSize();
        if (offset < 0 || offset + n > dst.length) {
            throw new IllegalArgumentException(
                    "offset " + offset + " leaves no room for " + n + " values in an array of length " + dst.length);
        }
        int base = i * n;
        for (int k = 0; k < n; k++) {
            dst[offset + k] = (images[base + k] & 0xFF) / 255f;
        }
    }

    /** @return image {@code i} as C×H×W floats scaled to [0, 1] */
    public float[] imageFloats(int i) {
        float[] out = new float[imageSize()];
        copyImage(i, out, 0);
        return out;
    }

    /**
     * @param indices image indices, in the order wanted; repeats allowed
     * @return a new dataset holding copies of the selected images and labels, named {@code name + "[subset]"}
     */
    public ImageDataset subset(int[] indices) {
        int n = imageSize();
        byte[] subImages = new byte[indices.length * n];
        int[] subLabels = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            if (i < 0 || i >= size()) {
                throw new DatasetException("dataset '" + name + "': subset index " + i + " at position " + k
                        + " is outside [0, " + size() + ")");
            }
            System.arraycopy(images, i * n, subImages, k * n, n);
            subLabels[k] = labels[i];
        }
        return new ImageDataset(
                name + "[subset]", subImages, subLabels, channels, height, width, numClasses, classNames);
    }

    /**
     * @param newName the name of the result, e.g. {@code name() + "[noisy]"}
     * @param newLabels one label in {@code [0, numClasses)} per image; copied
     * @return a dataset with the same images (shared, not copied) and the given labels
     */
    public ImageDataset withLabels(String newName, int[] newLabels) {
        if (newLabels.length != size()) {
            throw new DatasetException(
                    "dataset '" + name + "': " + newLabels.length + " new labels for " + size() + " images");
        }
        return new ImageDataset(newName, images, newLabels.clone(), channels, height, width, numClasses, classNames);
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= size()) {
            throw new IndexOutOfBoundsException(
                    "image index " + i + " is outside [0, " + size() + ") in '" + name + "'");
        }
    }

    @Override
    public String toString() {
        return "ImageDataset[" + name + ", " + size() + " x " + channels + "x" + height + "x" + width + ", "
                + numClasses + " classes]";
    }
}
