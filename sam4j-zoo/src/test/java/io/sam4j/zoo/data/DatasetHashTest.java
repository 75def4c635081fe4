package io.sam4j.zoo.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sam4j.core.util.Hashing;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetHashTest {

    @TempDir
    Path dir;

    @Test
    void hashesNamesLengthsAndContentsInOrder() throws Exception {
        Path a = Files.writeString(dir.resolve("a"), "xy");
        Path b = Files.writeString(dir.resolve("b"), "z");
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.write(new byte[] {'a', 0, 0, 0, 0, 0, 0, 0, 0, 2, 'x', 'y'});
        expected.write(new byte[] {'b', 0, 0, 0, 0, 0, 0, 0, 0, 1, 'z'});
        String want =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(expected.toByteArray()));

        assertThat(DatasetHash.of(List.of(a, b))).isEqualTo(want);
        assertThat(DatasetHash.of(List.of(b, a))).isNotEqualTo(want);
    }

    @Test
    void singleFileSha256MatchesKnownVector() throws Exception {
        Path abc = Files.write(dir.resolve("abc"), "abc".getBytes(StandardCharsets.US_ASCII));
        assertThat(Hashing.sha256Hex(abc))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void specHashCoversItsFilesAndFailsOnAMissingOne() {
        TestDatasets.writeTinyIdx(dir);
        DatasetSpec spec = DatasetCatalog.get("mnist");
        String hash = DatasetHash.of(spec, dir);
        assertThat(hash)
                .hasSize(64)
                .isEqualTo(DatasetHash.of(
                        spec.fileNames().stream().map(dir::resolve).toList()));
        assertThatThrownBy(() -> DatasetHash.of(spec, dir.resolve("nowhere")))
                .isInstanceOf(DatasetException.class)
                .hasMessageStartingWith(dir.resolve("nowhere").resolve("train-images-idx3-ubyte.gz")
                        + ": cannot hash, file missing or unreadable");
    }
}
