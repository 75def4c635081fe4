package io.sam4j.core.util;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Crash-safe file replacement: a reader sees either the complete old file or the complete new one,
 * never a torn mix, even if the JVM or the machine dies mid-write.
 *
 * <p>The content goes to a temporary file {@code .<name>.tmp-<random>} in the target's directory
 * (same file system, so the rename can be atomic), is forced to disk, and is then renamed over the
 * target. On any failure the temporary file is deleted and the target is left untouched.
 */
public final class AtomicFiles {

    private AtomicFiles() {}

    /**
     * Atomically replaces {@code target} with what {@code writer} writes. Missing parent directories
     * are created. The stream handed to {@code writer} is buffered; closing it is allowed but not
     * needed.
     *
     * @throws IOException if writing, syncing or renaming fails, or {@code writer} throws it
     */
    public static void write(Path target, IoConsumer<OutputStream> writer) throws IOException {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(writer, "writer");
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        Checks.checkArgument(absolute.getFileName() != null, "target must name a file but was '%s'", target);
        Files.createDirectories(directory);
        Path temp = directory.resolve(tempName(absolute));
        try {
            writeAndSync(temp, writer);
            Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (Throwable failure) {
            deleteKeepingFailure(temp, failure);
            throw failure;
        }
        syncDirectory(directory);
    }

    /** Atomically replaces {@code target} with {@code content} encoded as UTF-8. */
    public static void writeString(Path target, String content) throws IOException {
        Objects.requireNonNull(content, "content");
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        write(target, out -> out.write(bytes));
    }

    private static void writeAndSync(Path temp, IoConsumer<OutputStream> writer) throws IOException {
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            OutputStream buffered = new BufferedOutputStream(Channels.newOutputStream(channel));
            // The writer may close its stream; that must not close the channel before force().
            writer.accept(new FilterOutputStream(buffered) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    flush();
                }
            });
            buffered.flush();
            channel.force(true);
        }
    }

    /** Deletes the temp file; a problem doing so must not hide why the write failed. */
    private static void deleteKeepingFailure(Path temp, Throwable failure) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * Makes the rename itself durable. Opening a directory for reading is not possible everywhere
     * (notably Windows), and there the rename is as durable as the platform makes it anyway.
     */
    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | RuntimeException ignored) {
            // Best effort by design, see above.
        }
    }

    private static String tempName(Path target) {
        long random = ThreadLocalRandom.current().nextLong();
        return "." + target.getFileName() + ".tmp-" + Long.toUnsignedString(random, 36);
    }
}
