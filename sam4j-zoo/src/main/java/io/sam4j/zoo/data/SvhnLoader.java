package io.sam4j.zoo.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.format.Mat5File;
import us.hebi.matlab.mat.types.MatlabType;
import us.hebi.matlab.mat.types.Matrix;

/**
 * Reads SVHN's cropped digits (Netzer et al. 2011, "Reading Digits in Natural Images with Unsupervised
 * Feature Learning"), format 2: MATLAB v5 files {@code train_32x32.mat}, {@code test_32x32.mat} and,
 * with {@link DatasetOptions#extraTraining()}, {@code extra_32x32.mat} appended to the training set.
 *
 * <p>Each file holds {@code X}, a 32×32×3×N uint8 array, and {@code y}, N labels in 1..10 where 10 stands
 * for the digit 0 (mapped to label 0 here, so label = digit). MATLAB stores arrays column-major: the first
 * subscript (the image row) varies fastest, so element (row r, column c, channel ch, image n) is at linear
 * index {@code r + 32c + 1024ch + 3072n}; it goes to {@code 3072n + 1024ch + 32r + c} of the row-major
 * N×C×H×W layout of {@link ImageDataset}.
 */
final class SvhnLoader implements DatasetLoader {

    static final String TRAIN = "train_32x32.mat";
    static final String TEST = "test_32x32.mat";
    static final String EXTRA = "extra_32x32.mat";

    private static final int SIDE = 32;
    private static final int CHANNELS = 3;
    private static final int IMAGE_BYTES = CHANNELS * SIDE * SIDE;

    private final DatasetFile extraFile;

    /** @param extraFile the extra training file, downloaded only when asked for */
    SvhnLoader(DatasetFile extraFile) {
        this.extraFile = extraFile;
    }

    @Override
    public TrainTestData load(DatasetSpec spec, Path datasetDir) {
        return load(spec, datasetDir, DatasetOptions.DEFAULT);
    }

    @Override
    public TrainTestData load(DatasetSpec spec, Path datasetDir, DatasetOptions options) {
        if (options.coarseLabels()) {
            throw new DatasetException("dataset '" + spec.name() + "' has no coarse labels (--cifar100-labels coarse)");
        }
        List<Path> trainFiles = new ArrayList<>(List.of(datasetDir.resolve(TRAIN)));
        if (options.extraTraining()) {
            trainFiles.add(datasetDir.resolve(EXTRA));
        }
        List<Images> train = trainFiles.stream().map(SvhnLoader::read).toList();
        Images test = read(datasetDir.resolve(TEST));
        return new TrainTestData(dataset(spec, "/train", train), dataset(spec, "/test", List.of(test)));
    }

    @Override
    public List<DatasetFile> files(DatasetSpec spec, DatasetOptions options) {
        if (!options.extraTraining()) {
            return spec.files();
        }
        List<DatasetFile> files = new ArrayList<>(spec.files());
        files.add(extraFile);
        return List.copyOf(files);
    }

    private static ImageDataset dataset(DatasetSpec spec, String split, List<Images> parts) {
        if (parts.size() == 1) {
            Images only = parts.get(0);
            return new ImageDataset(
                    spec.name() + split,
                    only.pixels,
                    only.labels,
                    CHANNELS,
                    SIDE,
                    SIDE,
                    spec.numClasses(),
                    spec.classNames());
        }
        long total = parts.stream().mapToLong(p -> p.labels.length).sum();
        if (total * IMAGE_BYTES > Integer.MAX_VALUE - 8) {
            throw new DatasetException(
                    "dataset '" + spec.name() + split + "': " + total + " images do not fit in one array");
        }
        byte[] pixels = new byte[(int) total * IMAGE_BYTES];
        int[] labels = new int[(int) total];
        int at = 0;
        for (Images part : parts) {
            System.arraycopy(part.pixels, 0, pixels, at * IMAGE_BYTES, part.pixels.length);
            System.arraycopy(part.labels, 0, labels, at, part.labels.length);
            at += part.labels.length;
        }
        return new ImageDataset(
                spec.name() + split, pixels, labels, CHANNELS, SIDE, SIDE, spec.numClasses(), spec.classNames());
    }

    /** Images in N×C×H×W order and their labels. */
    private record Images(byte[] pixels, int[] labels) {}

    /**
     * @throws DatasetException naming the file when it is missing, not a MATLAB v5 file, truncated, or
     *     lacks a well-formed {@code X} or {@code y}
     */
    static Images read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new DatasetException(file + ": file not found");
        }
        try (Mat5File mat = Mat5.readFromFile(file.toFile())) {
            Matrix x = matrix(file, mat, "X");
            Matrix y = matrix(file, mat, "y");
            int[] dims = x.getDimensions();
            if (x.getType() != MatlabType.UInt8
                    || dims.length != 4
                    || dims[0] != SIDE
                    || dims[1] != SIDE
                    || dims[2] != CHANNELS) {
                throw new DatasetException(file + ": X is " + x.getType() + " " + Arrays.toString(dims)
                        + ", expected uint8 [32, 32, 3, N]");
            }
            int n = dims[3];
            if (y.getNumElements() != n) {
                throw new DatasetException(
                        file + ": X has " + n + " images but y has " + y.getNumElements() + " labels");
            }
            return new Images(pixels(x, n), labels(file, y, n));
        } catch (IOException | RuntimeException e) {
            if (e instanceof DatasetException d) {
                throw d;
            }
            throw new DatasetException(
                    file + ": not a readable MATLAB v5 file, or truncated (" + e.getMessage() + ")", e);
        }
    }

    private static Matrix matrix(Path file, Mat5File mat, String name) {
        for (var entry : mat.getEntries()) {
            if (entry.getName().equals(name)) {
                if (entry.getValue() instanceof Matrix m) {
                    return m;
                }
                throw new DatasetException(file + ": variable '" + name + "' is not a numeric array");
            }
        }
        throw new DatasetException(file + ": no variable '" + name + "'");
    }

    private static byte[] pixels(Matrix x, int n) {
        byte[] out = new byte[n * IMAGE_BYTES];
        int src = 0;
        // Walk MATLAB's column-major order (row fastest) so reads are sequential.
        for (int image = 0; image < n; image++) {
            int base = image * IMAGE_BYTES;
            for (int ch = 0; ch < CHANNELS; ch++) {
                for (int col = 0; col < SIDE; col++) {
                    for (int row = 0; row < SIDE; row++) {
                        out[base + ch * SIDE * SIDE + row * SIDE + col] = x.getByte(src++);
                    }
                }
            }
        }
        return out;
    }

    private static int[] labels(Path file, Matrix y, int n) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            double v = y.getDouble(i);
            if (v != Math.rint(v) || v < 1 || v > 10) {
                throw new DatasetException(file + ": label " + v + " at index " + i + " is outside 1..10");
            }
            labels[i] = (int) v % 10;
        }
        return labels;
    }
}
