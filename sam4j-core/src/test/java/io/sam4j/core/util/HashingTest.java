package io.sam4j.core.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HashingTest {

    private static final String SHA256_ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    private static final String SHA256_EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @TempDir
    Path dir;

    @Test
    void hashesBytesWithKnownVectors() {
        assertThat(Hashing.sha256Hex("abc".getBytes(StandardCharsets.US_ASCII))).isEqualTo(SHA256_ABC);
        assertThat(Hashing.sha256Hex(new byte[0])).isEqualTo(SHA256_EMPTY);
    }

    @Test
    void hashesAFileLikeSha256sum() throws IOException {
        Path file = Files.writeString(dir.resolve("abc.txt"), "abc");
        assertThat(Hashing.sha256Hex(file)).isEqualTo(SHA256_ABC);
    }

    @Test
    void hashesSeveralFilesAsTheirConcatenation() throws IOException {
        Path a = Files.writeString(dir.resolve("a"), "a");
        Path bc = Files.writeString(dir.resolve("bc"), "bc");
        Path empty = Files.writeString(dir.resolve("empty"), "");
        assertThat(Hashing.sha256Hex(a, empty, bc)).isEqualTo(SHA256_ABC);
    }

    @Test
    void streamsFilesLargerThanTheBuffer() throws IOException {
        byte[] data = new byte[200_000];
        Arrays.fill(data, (byte) 'x');
        Path big = Files.write(dir.resolve("big"), data);
        assertThat(Hashing.sha256Hex(big)).isEqualTo(Hashing.sha256Hex(data));
    }

    @Test
    void rejectsNoFilesAndMissingFiles() {
        assertThatThrownBy(() -> Hashing.sha256Hex(new Path[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("at least one file is required but got 0");
        assertThatThrownBy(() -> Hashing.sha256Hex(dir.resolve("missing"))).isInstanceOf(NoSuchFileException.class);
    }
}
