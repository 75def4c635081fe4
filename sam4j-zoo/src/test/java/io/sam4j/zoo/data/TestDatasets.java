package io.sam4j.zoo.data;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Small fixtures shared by the data tests. */
final class TestDatasets {

    static final List<String> TEN = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    private TestDatasets() {}

    /** A spec named {@code name} whose files are served from {@code base} with the given checksums. */
    static DatasetSpec spec(String name, URI base, Map<String, String> sha256ByFile) {
        List<DatasetFile> files = sha256ByFile.entrySet().stream()
                .map(e -> DatasetFile.of(e.getKey(), base.resolve(e.getKey()), e.getValue()))
                .toList();
        return new DatasetSpec(
                name, files, 1, 2, 2, TEN, new float[] {0.5f}, new float[] {0.25f}, new IdxDatasetLoader());
    }

    /** Writes a complete tiny MNIST-layout dataset (3 train, 2 test images of 2×2) into {@code dir}. */
    static void writeTinyIdx(Path dir) {
        IdxWriter.writeImages(
                dir.resolve(IdxDatasetLoader.TRAIN_IMAGES),
                new IdxImages(3, 2, 2, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}),
                true);
        IdxWriter.writeLabels(dir.resolve(IdxDatasetLoader.TRAIN_LABELS), new int[] {0, 1, 2}, true);
        IdxWriter.writeImages(
                dir.resolve(IdxDatasetLoader.TEST_IMAGES),
                new IdxImages(2, 2, 2, new byte[] {9, 9, 9, 9, 8, 8, 8, 8}),
                true);
        IdxWriter.writeLabels(dir.resolve(IdxDatasetLoader.TEST_LABELS), new int[] {9, 8}, true);
    }

    /** A dataset of {@code n} single-pixel images whose pixel is {@code i % 256} and label {@code i % classes}. */
    static ImageDataset pixels(int n, int classes) {
        byte[] px = new byte[n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            px[i] = (byte) i;
            labels[i] = i % classes;
        }
        return new ImageDataset("pixels", px, labels, 1, 1, 1, classes, TEN.subList(0, classes));
    }
}
