package io.sam4j.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes a small CIFAR-10 in the official binary layout, as {@code <root>/cifar10/cifar-10-binary.tar.gz}:
 * five training batches of {@code perBatch} records and a test batch of {@code test} records; record
 * {@code i} of a file has label {@code i % 10} and seeded random pixels.
 */
public final class TinyCifar {

    private TinyCifar() {}

    public static Path write(Path root, int perBatch, int test) throws IOException {
        Path dir = Files.createDirectories(root.resolve("cifar10"));
        Random random = new Random(17);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("cifar-10-binary.tar.gz")));
                TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            for (int b = 1; b <= 6; b++) {
                String name = b <= 5 ? "data_batch_" + b + ".bin" : "test_batch.bin";
                byte[] records = records(b <= 5 ? perBatch : test, random);
                TarArchiveEntry entry = new TarArchiveEntry("cifar-10-batches-bin/" + name);
                entry.setSize(records.length);
                tar.putArchiveEntry(entry);
                tar.write(records);
                tar.closeArchiveEntry();
            }
        }
        return dir;
    }

    private static byte[] records(int n, Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] pixels = new byte[3072];
        for (int i = 0; i < n; i++) {
            out.write(i % 10);
            random.nextBytes(pixels);
            out.writeBytes(pixels);
        }
        return out.toByteArray();
    }
}
