package io.sam4j.core.tensorboard;

import io.sam4j.core.util.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Keeps the TensorBoard log of a run directory in step with the run's checkpoint when training
 * continues after an interruption.
 *
 * <p>A run killed after logging an epoch but before checkpointing it repeats that epoch on resume. Its
 * old event file already holds the epoch's step, so the resumed writer would log the step a second
 * time and TensorBoard would draw a doubled point. {@link #keepStepsUpTo} removes from the old files
 * every step the checkpoint does not cover, and any record cut short by the kill, so that each step is
 * logged exactly once.
 */
public final class EventFiles {

    private EventFiles() {}

    /**
     * Rewrites each event file directly inside {@code directory} (atomically, and only when something
     * is removed) without its events of steps after {@code lastStep} and without any damaged or
     * truncated tail. File-version headers and events of other kinds at steps up to {@code lastStep}
     * are kept byte for byte.
     *
     * @param directory a log directory; a missing one holds no events
     * @param lastStep the last step the resumed run will not log again
     * @return the highest step of a scalar event still logged, or 0 when none is
     * @throws IOException if a file cannot be read or rewritten
     */
    public static long keepStepsUpTo(Path directory, long lastStep) throws IOException {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        long highest = 0;
        for (Path file : EventFileReader.listEventFiles(directory)) {
            byte[] bytes = Files.readAllBytes(file);
            List<EventFileReader.Span> kept = EventFileReader.readableRecords(file, bytes).stream()
                    .filter(span -> span.event().isFileVersion() || span.event().step() <= lastStep)
                    .toList();
            for (EventFileReader.Span span : kept) {
                if (!span.event().scalars().isEmpty()) {
                    highest = Math.max(highest, span.event().step());
                }
            }
            int keptBytes = kept.stream().mapToInt(s -> s.end() - s.start()).sum();
            if (keptBytes == bytes.length) {
                continue;
            }
            AtomicFiles.write(file, out -> {
                for (EventFileReader.Span span : kept) {
                    out.write(bytes, span.start(), span.end() - span.start());
                }
            });
        }
        return highest;
    }

    /**
     * Deletes every event file directly inside {@code directory}: the log of a run that starts again
     * from scratch.
     *
     * @throws IOException if a file cannot be deleted
     */
    public static void deleteAll(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        for (Path file : EventFileReader.listEventFiles(directory)) {
            Files.deleteIfExists(file);
        }
    }
}
