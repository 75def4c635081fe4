package io.sam4j.zoo.data;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds CIFAR binary files in the official record layout. Image {@code i} of a file has the pixel value
 * {@link #pixel(int, int, int, int, int)} at channel ch, row r, column c, so tests can compute any
 * pixel independently of the loader.
 */
final class CifarFixtures {

    private CifarFixtures() {}

    /** The pixel written for record {@code i} of file number {@code file}. */
    static int pixel(int file, int i, int ch, int r, int c) {
        return (file * 31 + i * 7 + ch * 50 + r * 3 + c) & 0xFF;
    }

    /**
     * @param file a number mixed into the pixels so files differ
     * @param labels per record: {label} for CIFAR-10, {coarse, fine} for CIFAR-100
     */
    static byte[] records(int file, int[][] labels) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < labels.length; i++) {
            for (int label : labels[i]) {
                out.write(label);
            }
            for (int ch = 0; ch < 3; ch++) {
                for (int r = 0; r < 32; r++) {
                    for (int c = 0; c < 32; c++) {
                        out.write(pixel(file, i, ch, r, c));
                    }
                }
            }
        }
        return out.toByteArray();
    }

    /** The files of a CIFAR-10 archive: 5 batches of 2 images (labels 2k, 2k+1), a test batch of 3. */
    static Map<String, byte[]> cifar10Entries() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(
                "cifar-10-batches-bin/batches.meta.txt",
                "airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n"
                        .getBytes(StandardCharsets.US_ASCII));
        for (int b = 1; b <= 5; b++) {
            files.put("cifar-10-batches-bin/data_batch_" + b + ".bin", records(b, new int[][] {
                {2 * (b - 1)}, {2 * (b - 1) + 1}
            }));
        }
        files.put("cifar-10-batches-bin/test_batch.bin", records(9, new int[][] {{9}, {0}, {5}}));
        files.put("cifar-10-batches-bin/readme.html", "<html></html>".getBytes(StandardCharsets.US_ASCII));
        return files;
    }

    /** The files of a CIFAR-100 archive: train of 3 images and test of 2, with (coarse, fine) labels. */
    static Map<String, byte[]> cifar100Entries() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("cifar-100-binary/coarse_label_names.txt", "aquatic_mammals\n".getBytes(StandardCharsets.US_ASCII));
        files.put("cifar-100-binary/fine_label_names.txt", "apple\n".getBytes(StandardCharsets.US_ASCII));
        files.put("cifar-100-binary/train.bin", records(1, new int[][] {{4, 0}, {19, 99}, {11, 42}}));
        files.put("cifar-100-binary/test.bin", records(2, new int[][] {{18, 98}, {0, 4}}));
        return files;
    }
}
