package io.sam4j.cli.run;

import io.sam4j.cli.UserError;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * The one writer of a run directory: an exclusive OS lock on {@code RUN_DIR/.run.lock}, held by the
 * process that trains or resumes the run ({@code train}, and a sweep's worker for the whole of its
 * attempt). The kernel releases it when the process ends, however it ends ({@code kill -9} included),
 * so a stale lock file never blocks a run; the PID written into it only names the holder in the
 * refusal.
 *
 * <p>OS locks belong to the process, and the JDK refuses a second lock on the same file within one
 * JVM; a sweep worker runs {@code train} in its own process, so a lock already held here is shared
 * (counted) rather than taken again.
 */
public final class RunLock implements AutoCloseable {

    /** The lock file in a run directory. */
    public static final String FILE = ".run.lock";

    /** Locks held by this process, by absolute directory, with how many holders share each. */
    private static final Map<Path, Held> HELD = new HashMap<>();

    private final Path key;
    private boolean closed;

    private RunLock(Path key) {
        this.key = key;
    }

    /**
     * Takes the lock of {@code runDir}, refusing when another process holds it.
     *
     * @throws UserError in one line naming the run and the holder's PID when another process holds it,
     *     or the lock file when it cannot be opened
     */
    public static RunLock acquire(Path runDir) {
        return take(runDir, false);
    }

    /**
     * Takes the lock of {@code runDir}, waiting for another process to end first (a requeued Slurm job
     * whose earlier attempt is still being torn down).
     *
     * @param waiting called once, before waiting, when another process holds the lock
     */
    public static RunLock acquireWaiting(Path runDir, Runnable waiting) {
        synchronized (HELD) {
            RunLock shared = shareIfHeld(runDir);
            if (shared != null) {
                return shared;
            }
        }
        try {
            return take(runDir, false);
        } catch (UserError busy) {
            waiting.run();
            return take(runDir, true);
        }
    }

    private static RunLock shareIfHeld(Path runDir) {
        Path key = runDir.toAbsolutePath().normalize();
        Held held = HELD.get(key);
        if (held == null) {
            return null;
        }
        held.holders++;
        return new RunLock(key);
    }

    private static RunLock take(Path runDir, boolean wait) {
        Path key = runDir.toAbsolutePath().normalize();
        Path file = key.resolve(FILE);
        synchronized (HELD) {
            RunLock shared = shareIfHeld(runDir);
            if (shared != null) {
                return shared;
            }
            FileChannel channel = null;
            try {
                channel = FileChannel.open(
                        file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
                FileLock lock = wait ? channel.lock() : channel.tryLock();
                if (lock == null) {
                    String holder = holder(file);
                    channel.close();
                    throw new UserError("run " + runDir + " is in use by another sam4j process (pid " + holder
                            + ", holding " + file + "); wait for it to end or stop it first");
                }
                channel.truncate(0);
                channel.write(
                        ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
                HELD.put(key, new Held(channel));
                return new RunLock(key);
            } catch (IOException e) {
                closeQuietly(channel);
                throw new UserError("cannot lock run " + runDir + ": " + RunDirectory.reason(e));
            }
        }
    }

    /** Returns the PID the holder wrote, or "unknown" (it may not have written it yet). */
    private static String holder(Path file) {
        try {
            String pid = Files.readString(file, StandardCharsets.US_ASCII).trim();
            return pid.matches("\\d+") ? pid : "unknown";
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Closing releases the lock; the process's end releases it too.
            }
        }
    }

    /** Releases this holder's share; the last one releases the OS lock. */
    @Override
    public void close() {
        synchronized (HELD) {
            if (closed) {
                return;
            }
            closed = true;
            Held held = HELD.get(key);
            if (held != null && --held.holders == 0) {
                HELD.remove(key);
                closeQuietly(held.channel);
            }
        }
    }

    /** An OS lock of this process: closing its channel releases it. */
    private static final class Held {
        final FileChannel channel;
        int holders = 1;

        Held(FileChannel channel) {
            this.channel = channel;
        }
    }
}
