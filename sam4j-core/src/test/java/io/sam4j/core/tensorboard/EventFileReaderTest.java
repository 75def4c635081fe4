package io.sam4j.core.tensorboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventFileReaderTest {

    /** The header record is 12 + 24 + 4 = 40 bytes, so the scalar record starts at offset 40. */
    private static final int SECOND_RECORD = 40;

    @TempDir
    Path dir;

    private Path file;
    private byte[] bytes;

    @BeforeEach
    void writeTwoRecords() throws IOException {
        Clock clock = Clock.fixed(Instant.ofEpochSecond(1, 500_000_000), ZoneOffset.UTC);
        try (EventFileWriter writer = new EventFileWriter(dir, "", clock)) {
            writer.addScalar("a", 1.0f, 1);
            file = writer.file();
        }
        bytes = Files.readAllBytes(file);
        assertThat(bytes).hasSize(SECOND_RECORD + 12 + 23 + 4);
    }

    @Test
    void reportsAFlippedDataByteWithFileAndOffset() throws IOException {
        bytes[SECOND_RECORD + 12 + 20] ^= 0x01; // second byte of the float 1.0f
        Files.write(file, bytes);

        assertThatThrownBy(() -> EventFileReader.read(file))
                .isInstanceOf(IOException.class)
                .hasMessage("Corrupt event file " + file + ": record at offset 40: "
                        + "data CRC mismatch (stored 0xe10544a1, computed 0xbd01fe22)");
    }

    @Test
    void reportsAFlippedLengthByte() throws IOException {
        bytes[0] ^= 0x01;
        Files.write(file, bytes);

        assertThatThrownBy(() -> EventFileReader.read(file))
                .isInstanceOf(IOException.class)
                .hasMessage("Corrupt event file " + file + ": record at offset 0: "
                        + "length CRC mismatch (stored 0x224b7fa3, computed 0x2808f18b)");
    }

    @Test
    void reportsAFlippedChecksumByte() throws IOException {
        bytes[bytes.length - 1] ^= (byte) 0x80;
        Files.write(file, bytes);

        assertThatThrownBy(() -> EventFileReader.read(file))
                .isInstanceOf(IOException.class)
                .hasMessage("Corrupt event file " + file + ": record at offset 40: "
                        + "data CRC mismatch (stored 0x610544a1, computed 0xe10544a1)");
    }

    @Test
    void reportsATruncatedRecord() throws IOException {
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 1));

        assertThatThrownBy(() -> EventFileReader.read(file))
                .isInstanceOf(IOException.class)
                .hasMessage("Corrupt event file " + file + ": record at offset 40: "
                        + "truncated record: declares 23 data bytes but only 22 remain");
    }

    @Test
    void reportsATruncatedHeader() throws IOException {
        Files.write(file, Arrays.copyOf(bytes, SECOND_RECORD + 5));

        assertThatThrownBy(() -> EventFileReader.read(file))
                .isInstanceOf(IOException.class)
                .hasMessage("Corrupt event file " + file + ": record at offset 40: "
                        + "truncated header: 5 of 12 bytes present");
    }

    @Test
    void reportsMalformedProtobufInsideAValidRecord() throws IOException {
        byte[] groupTag = {0x0B}; // field 1 with wire type 3, which Event never uses
        Files.write(file, TfRecord.frame(groupTag));

        assertThatThrownBy(() -> EventFileReader.read(file))
                .isInstanceOf(IOException.class)
                .hasMessage("Corrupt event file " + file + ": record at offset 0: "
                        + "invalid Event protobuf: unsupported wire type 3 for field 1 before byte 13");
    }

    @Test
    void readsAnEmptyFileAsNoEvents() throws IOException {
        Files.write(file, new byte[0]);
        assertThat(EventFileReader.read(file)).isEmpty();
    }

    @Test
    void listsOnlyEventFilesSortedByName() throws IOException {
        Path older = Files.createFile(dir.resolve("events.out.tfevents.1.host"));
        Files.createFile(dir.resolve("notes.txt"));
        Files.createDirectory(dir.resolve("events.out.tfevents.dir"));

        List<Path> files = EventFileReader.listEventFiles(dir);

        assertThat(files).containsExactly(older, file);
    }
}
