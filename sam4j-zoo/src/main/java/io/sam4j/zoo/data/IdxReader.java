package io.sam4j.zoo.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files (the MNIST / Fashion-MNIST / KMNIST format), plain or gzipped. Gzip is recognised by the
 * file's first two bytes ({@code 1f 8b}), not by its name, so a decompressed copy named {@code .gz} or a
 * compressed copy without the suffix both work.
 *
 * <p>Only unsigned-byte data is supported: images with magic {@code 0x00000803} (3 dimensions) and labels
 * with magic {@code 0x00000801} (1 dimension). Dimensions are big-endian 32-bit integers.
 */
public final class IdxReader {

    /** Magic number of an IDX file of unsigned bytes with 3 dimensions (images). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an IDX file of unsigned bytes with 1 dimension (labels). */
    public static final int LABELS_MAGIC = 0x00000801;

    private IdxReader() {}

    /**
     * @param file an IDX images file
     * @return its images
     * @throws DatasetException if the file is missing, is not an IDX images file, or is truncated
     */
    public static IdxImages readImages(Path file) {
        try (InputStream in = open(file)) {
            int[] dims = readHeader(file, in, IMAGES_MAGIC, "images");
            long bytes = (long) dims[0] * dims[1] * dims[2];
            if (dims[1] < 1 || dims[2] < 1) {
                throw new DatasetException(file + ": image size " + dims[1] + "x" + dims[2] + " is empty");
            }
            byte[] pixels = readPayload(file, in, bytes);
            return new IdxImages(dims[0], dims[1], dims[2], pixels);
        } catch (IOException e) {
            throw ioFailure(file, e);
        }
    }

    /**
     * @param file an IDX labels file
     * @return its labels as non-negative ints (0–255)
     * @throws DatasetException if the file is missing, is not an IDX labels file, or is truncated
     */
    public static int[] readLabels(Path file) {
        try (InputStream in = open(file)) {
            int[] dims = readHeader(file, in, LABELS_MAGIC, "labels");
            byte[] raw = readPayload(file, in, dims[0]);
            int[] labels = new int[raw.length];
            for (int i = 0; i < raw.length; i++) {
                labels[i] = raw[i] & 0xFF;
            }
            return labels;
        } catch (IOException e) {
            throw ioFailure(file, e);
        }
    }

    /**
     * Reads an images file and its labels file into a single-channel dataset.
     *
     * @param name dataset name used in messages
     * @param imagesFile IDX images file
     * @param labelsFile IDX labels file
     * @param classNames one name per class; the number of classes is its size
     * @return the dataset
     * @throws DatasetException if either file is bad, the counts differ, or a label is not a known class
     */
    public static ImageDataset readDataset(String name, Path imagesFile, Path labelsFile, List<String> classNames) {
        IdxImages images = readImages(imagesFile);
        int[] labels = readLabels(labelsFile);
        if (images.count() != labels.length) {
            throw new DatasetException("image/label count mismatch: " + imagesFile + " has " + images.count()
                    + " images but " + labelsFile + " has " + labels.length + " labels");
        }
        int numClasses = classNames.size();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= numClasses) {
                throw new DatasetException(
                        labelsFile + ": label " + labels[i] + " at index " + i + " is outside [0, " + numClasses + ")");
            }
        }
        return new ImageDataset(name, images.pixels(), labels, 1, images.rows(), images.cols(), numClasses, classNames);
    }

    private static InputStream open(Path file) throws IOException {
        InputStream raw;
        try {
            raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        } catch (NoSuchFileException e) {
            throw new DatasetException(file + ": file not found", e);
        }
        raw.mark(2);
        int b0 = raw.read();
        int b1 = raw.read();
        raw.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            try {
                return new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16);
            } catch (IOException e) {
                raw.close();
                throw e;
            }
        }
        return raw;
    }

    private static int[] readHeader(Path file, InputStream in, int expectedMagic, String kind) throws IOException {
        byte[] magicBytes = in.readNBytes(4);
        if (magicBytes.length < 4) {
            throw new DatasetException(file + ": truncated header: expected 4 magic bytes, found " + magicBytes.length);
        }
        int magic = bigEndian(magicBytes, 0);
        if (magic != expectedMagic) {
            throw new DatasetException(String.format(
                    "%s: wrong magic number for an IDX %s file: expected 0x%08X, " + "found 0x%08X",
                    file, kind, expectedMagic, magic));
        }
        int ndims = expectedMagic & 0xFF;
        byte[] dimBytes = in.readNBytes(4 * ndims);
        if (dimBytes.length < 4 * ndims) {
            throw new DatasetException(file + ": truncated header: expected " + 4 * ndims
                    + " bytes of dimensions, found " + dimBytes.length);
        }
        int[] dims = new int[ndims];
        for (int d = 0; d < ndims; d++) {
            dims[d] = bigEndian(dimBytes, 4 * d);
            if (dims[d] < 0) {
                throw new DatasetException(
                        file + ": dimension " + d + " is " + Integer.toUnsignedString(dims[d]) + ", too large");
            }
        }
        return dims;
    }

    private static byte[] readPayload(Path file, InputStream in, long expected) throws IOException {
        // Arrays are int-indexed; anything this large is a corrupt header, not a real dataset.
        if (expected > Integer.MAX_VALUE - 16) {
            throw new DatasetException(file + ": header announces " + expected + " bytes of data, more than a "
                    + "Java array holds (corrupt header?)");
        }
        byte[] data = in.readNBytes((int) expected);
        if (data.length < expected) {
            throw new DatasetException(
                    file + ": truncated: expected " + expected + " bytes of data, found " + data.length);
        }
        long extra = 0;
        while (in.read() >= 0) {
            extra++;
        }
        if (extra > 0) {
            throw new DatasetException(
                    file + ": " + extra + " unexpected bytes after the " + expected + " bytes of data");
        }
        return data;
    }

    private static int bigEndian(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }

    private static DatasetException ioFailure(Path file, IOException e) {
        if (e instanceof ZipException || e instanceof EOFException) {
            return new DatasetException(file + ": corrupt gzip data (" + e.getMessage() + ")", e);
        }
        return new DatasetException(file + ": cannot read (" + e + ")", e);
    }
}
