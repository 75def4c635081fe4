package io.sam4j.core.tensorboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventFileWriterTest {

    /** 1.5 s after the epoch: exactly representable, so the encoded wall time is easy to spell. */
    private static final Clock AT_1_5_SECONDS = Clock.fixed(Instant.ofEpochSecond(1, 500_000_000), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void writesExactlyTheBytesTensorFlowWould() throws IOException {
        Path file;
        try (EventFileWriter writer = new EventFileWriter(dir, "", AT_1_5_SECONDS)) {
            writer.addScalar("a", 1.0f, 1);
            file = writer.file();
        }

        // Record 1, the header Event{wall_time: 1.5, file_version: "brain.Event:2"}, 24 bytes:
        //   09 + 00 00 00 00 00 00 F8 3F   wall_time (field 1, fixed64) = 1.5 = 0x3FF8000000000000
        //   1A 0D + "brain.Event:2"        file_version (field 3, length-delimited), 13 bytes
        // Record 2, Event{wall_time: 1.5, step: 1, summary{value{tag: "a", simple_value: 1}}}, 23:
        //   09 + 00 00 00 00 00 00 F8 3F   wall_time = 1.5
        //   10 01                          step (field 2, varint) = 1
        //   2A 0A                          summary (field 5), 10 bytes
        //     0A 08                        value (field 1), 8 bytes
        //       0A 01 61                   tag (field 1) = "a"
        //       15 00 00 80 3F             simple_value (field 2, fixed32) = 1.0f = 0x3F800000
        // Each record is framed as: uint64 LE length | masked CRC of those 8 bytes | data |
        // masked CRC of the data. The CRCs below come from a bitwise CRC-32C reference
        // (reflected polynomial 0x82F63B78), independent of java.util.zip, then masked.
        int[] expected = {
            // record 1: length 24, masked CRC 0x224B7FA3 of the length, data, masked CRC 0x6C64282A
            0x18,
            0x00,
            0x00,
            0x00,
            0x00,
            0x00,
            0x00,
            0x00,
            0xA3,
            0x7F,
            0x4B,
            0x22,
            0x09,
            0x00,
            0x00,
            0x00,
            0x00,
            0x00,
            0x00,
            0xF8,
            0x3F,
            0x1A,
            0x0D,
            'b',
            'r',
            'a',
            'i',
            'n',
            '.',
            'E',
            'v',
            'e',
            'n',
            't',
            ':',
            '2',
            0x2A,
            0x28,
            0x64,
            0x6C,
            // record 2: length 23, masked CRC 0x1EF8CEE7 of the length, data, masked CRC 0xE10544A1
            0x17,
            0x00,
            0x00,
            0x00,
            0x00,
            0x00,
            0x00,
            0x00,
            0xE7,
            0xCE,
            0xF8,
            0x1E,
            0x09,
            0x00,
            0x00,
            0x00,
            0x00,
            0x00,
            0x00,
            0xF8,
            0x3F,
            0x10,
            0x01,
            0x2A,
            0x0A,
            0x0A,
            0x08,
            0x0A,
            0x01,
            0x61,
            0x15,
            0x00,
            0x00,
            0x80,
            0x3F,
            0xA1,
            0x44,
            0x05,
            0xE1,
        };
        assertThat(Files.readAllBytes(file)).containsExactly(expected);
    }

    @Test
    void roundTripsTagsValuesAndStepsExactly() throws IOException {
        Map<String, Float> epoch = new LinkedHashMap<>();
        epoch.put("train/loss", 0.6931472f);
        epoch.put("train/accuracy", 0.5f);
        epoch.put("val/loss", Float.NaN);
        Path file;
        try (EventFileWriter writer = new EventFileWriter(dir, "train", AT_1_5_SECONDS)) {
            writer.addScalar("lr", 0.1f, 0);
            writer.addScalars(epoch, 1);
            writer.addScalar("lr", 0.01f, Long.MAX_VALUE);
            file = writer.file();
        }

        List<Event> events = EventFileReader.read(file);

        assertThat(events)
                .containsExactly(
                        new Event(1.5, 0, "brain.Event:2", Map.of()),
                        new Event(1.5, 0, null, Map.of("lr", 0.1f)),
                        new Event(1.5, 1, null, epoch),
                        new Event(1.5, Long.MAX_VALUE, null, Map.of("lr", 0.01f)));
        assertThat(events.get(2).scalars().keySet()).containsExactly("train/loss", "train/accuracy", "val/loss");
    }

    @Test
    void startsWithTheFileVersion() throws IOException {
        try (EventFileWriter writer = new EventFileWriter(dir)) {
            List<Event> events = EventFileReader.read(writer.file());
            assertThat(events).hasSize(1);
            assertThat(events.get(0).fileVersion()).isEqualTo(EventFileWriter.FILE_VERSION);
            assertThat(events.get(0).fileVersion()).isEqualTo("brain.Event:2");
        }
    }

    @Test
    void flushMakesRecordsVisibleBeforeClose() throws IOException {
        try (EventFileWriter writer = new EventFileWriter(dir, "", AT_1_5_SECONDS)) {
            writer.addScalar("loss", 2.0f, 7);
            writer.flush();
            assertThat(EventFileReader.read(writer.file()))
                    .last()
                    .isEqualTo(new Event(1.5, 7, null, Map.of("loss", 2.0f)));
        }
    }

    @Test
    void namesTheFileLikeTensorFlow() throws IOException {
        Clock clock = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);
        try (EventFileWriter plain = new EventFileWriter(dir.resolve("new/dir"), "", clock);
                EventFileWriter suffixed = new EventFileWriter(dir, "val", clock)) {
            assertThat(plain.file().getParent()).isEqualTo(dir.resolve("new/dir"));
            assertThat(plain.file().getFileName().toString())
                    .matches("events\\.out\\.tfevents\\.1700000000\\.[A-Za-z0-9._-]+")
                    .doesNotEndWith(".val");
            assertThat(suffixed.file().getFileName().toString())
                    .matches("events\\.out\\.tfevents\\.1700000000\\.[A-Za-z0-9._-]+\\.val");
        }
        assertThat(EventFileWriter.fileName(5, "gpu-box/1", "x")).isEqualTo("events.out.tfevents.5.gpu-box_1.x");
    }

    @Test
    void refusesToOverwriteAnExistingFile() throws IOException {
        try (EventFileWriter first = new EventFileWriter(dir, "", AT_1_5_SECONDS)) {
            assertThatThrownBy(() -> new EventFileWriter(dir, "", AT_1_5_SECONDS))
                    .isInstanceOf(FileAlreadyExistsException.class);
            assertThat(EventFileReader.read(first.file())).hasSize(1);
        }
    }

    @Test
    void rejectsBadArguments() throws IOException {
        assertThatThrownBy(() -> new EventFileWriter(dir, "a/b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("suffix must consist of letters, digits, '.', '_' or '-' but was 'a/b'");
        try (EventFileWriter writer = new EventFileWriter(dir)) {
            assertThatThrownBy(() -> writer.addScalar("", 1f, 0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("scalar tags must be non-empty but got '' among []");
        }
    }

    @Test
    void ignoresEmptyScalarMaps() throws IOException {
        try (EventFileWriter writer = new EventFileWriter(dir)) {
            writer.addScalars(Map.of(), 3);
            writer.flush();
            assertThat(EventFileReader.read(writer.file())).hasSize(1);
        }
    }

    @Test
    void rejectsUseAfterCloseButAllowsClosingTwice() throws IOException {
        EventFileWriter writer = new EventFileWriter(dir);
        writer.close();
        writer.close();
        assertThatThrownBy(() -> writer.addScalar("loss", 1f, 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("event file writer for " + writer.file() + " is closed");
        assertThatThrownBy(writer::flush).isInstanceOf(IllegalStateException.class);
    }
}
