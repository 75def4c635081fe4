package io.sam4j.zoo.data;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writes IDX images and labels files (the inverse of {@link IdxReader}), optionally gzipped. Useful to
 * export a subset or to build small fixtures.
 */
public final class IdxWriter {

    private IdxWriter() {}

    /**
     * @param file destination, replaced if present
     * @param images the images to write
     * @param gzip whether to gzip the output
     */
    public static void writeImages(Path file, IdxImages images, boolean gzip) {
        try (DataOutputStream out = open(file, gzip)) {
            out.writeInt(IdxReader.IMAGES_MAGIC);
            out.writeInt(images.count());
            out.writeInt(images.rows());
            out.writeInt(images.cols());
            out.write(images.pixels());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * @param file destination, replaced if present
     * @param labels labels, each in [0, 255]
     * @param gzip whether to gzip the output
     * @throws DatasetException if a label does not fit in an unsigned byte
     */
    public static void writeLabels(Path file, int[] labels, boolean gzip) {
        byte[] raw = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] > 255) {
                throw new DatasetException(
                        "label " + labels[i] + " at index " + i + " does not fit in an IDX unsigned byte [0, 255]");
            }
            raw[i] = (byte) labels[i];
        }
        try (DataOutputStream out = open(file, gzip)) {
            out.writeInt(IdxReader.LABELS_MAGIC);
            out.writeInt(labels.length);
            out.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * Writes a single-channel dataset as an images file and a labels file.
     *
     * @throws DatasetException if the dataset has more than one channel (IDX images are grey-scale)
     */
    public static void writeDataset(ImageDataset dataset, Path imagesFile, Path labelsFile, boolean gzip) {
        if (dataset.channels() != 1) {
            throw new DatasetException("dataset '" + dataset.name() + "' has " + dataset.channels()
                    + " channels; IDX images hold exactly 1");
        }
        writeImages(
                imagesFile, new IdxImages(dataset.size(), dataset.height(), dataset.width(), dataset.images()), gzip);
        writeLabels(labelsFile, dataset.labels(), gzip);
    }

    private static DataOutputStream open(Path file, boolean gzip) throws IOException {
        OutputStream out = Files.newOutputStream(file);
        if (gzip) {
            out = new GZIPOutputStream(out, 1 << 16);
        }
        return new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
    }
}
