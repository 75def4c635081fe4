package io.sam4j.core.tensorboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventFilesTest {

    private static final Clock T0 = Clock.fixed(Instant.ofEpochSecond(100), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private static Path writeSteps(Path dir, String suffix, int... steps) throws IOException {
        try (EventFileWriter writer = new EventFileWriter(dir, suffix, T0)) {
            for (int step : steps) {
                writer.addScalars(Map.of("train/loss", (float) step), step);
            }
            return writer.file();
        }
    }

    private static List<Long> loggedSteps(Path dir) throws IOException {
        List<Long> steps = new ArrayList<>();
        for (Path file : EventFileReader.listEventFiles(dir)) {
            for (Event e : EventFileReader.read(file)) {
                if (!e.isFileVersion()) {
                    steps.add(e.step());
                }
            }
        }
        return steps;
    }

    /** The state a run killed after logging epoch 2 but before checkpointing it leaves, then resumed from 1. */
    @Test
    void aResumedLogHoldsEachStepOnce() throws IOException {
        Path old = writeSteps(dir, "", 1, 2);
        Path expectedPrefix = writeSteps(Files.createDirectories(dir.resolve("expected")), "", 1);

        assertThat(EventFiles.keepStepsUpTo(dir, 1)).isEqualTo(1);
        assertThat(Files.readAllBytes(old)).isEqualTo(Files.readAllBytes(expectedPrefix));
        writeSteps(dir, "resumed", 2, 3);
        assertThat(loggedSteps(dir)).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aRecordCutShortByAKillIsDroppedWithWhatFollows() throws IOException {
        Path file = writeSteps(dir, "", 1);
        byte[] whole = Files.readAllBytes(file);
        Path longer = writeSteps(Files.createDirectories(dir.resolve("longer")), "", 1, 2);
        byte[] torn = Arrays.copyOf(Files.readAllBytes(longer), whole.length + 10);
        Files.write(file, torn);

        assertThat(EventFiles.keepStepsUpTo(dir, 5)).isEqualTo(1);
        assertThat(Files.readAllBytes(file)).isEqualTo(whole);
        assertThat(loggedSteps(dir)).containsExactly(1L);
    }

    @Test
    void anUntouchedLogIsNotRewritten() throws IOException {
        Path file = writeSteps(dir, "", 1, 2);
        Files.setLastModifiedTime(file, FileTime.fromMillis(0));
        assertThat(EventFiles.keepStepsUpTo(dir, 2)).isEqualTo(2);
        assertThat(Files.getLastModifiedTime(file).toMillis()).isZero();
        assertThat(EventFiles.keepStepsUpTo(dir.resolve("absent"), 2)).isZero();
    }

    @Test
    void deleteAllLeavesOtherFiles() throws IOException {
        writeSteps(dir, "", 1);
        writeSteps(dir, "b", 1);
        Files.writeString(dir.resolve("metrics.jsonl"), "{}\n");
        EventFiles.deleteAll(dir);
        assertThat(EventFileReader.listEventFiles(dir)).isEmpty();
        assertThat(dir.resolve("metrics.jsonl")).exists();
    }

    @Test
    void createPicksAFreeNameWhenTheSecondsCollide() throws IOException {
        try (EventFileWriter first = EventFileWriter.create(dir);
                EventFileWriter second = EventFileWriter.create(dir)) {
            assertThat(second.file()).isNotEqualTo(first.file());
        }
        assertThat(EventFileReader.listEventFiles(dir)).hasSize(2);
    }
}
