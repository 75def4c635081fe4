package io.sam4j.core.tensorboard;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Writes scalars to a new TensorBoard event file,
 * {@code events.out.tfevents.<unix seconds>.<hostname>[.<suffix>]}, in a log directory.
 *
 * <p>Records are buffered; call {@link #flush()} at natural checkpoints (after each epoch) so that a
 * crash loses nothing logged before it. {@link #close()} flushes too. Methods are synchronized, so
 * one writer may be shared by a training thread and, say, an evaluation thread.
 *
 * <pre>{@code
 * try (EventFileWriter tb = new EventFileWriter(runDir.resolve("train"))) {
 *     tb.addScalars(Map.of("loss", loss, "accuracy", acc), epoch);
 *     tb.flush();
 * }
 * }</pre>
 */
public final class EventFileWriter implements Closeable, Flushable {

    /** The version string TensorBoard expects in the first record. */
    public static final String FILE_VERSION = "brain.Event:2";

    private static final Pattern SUFFIX = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern UNSAFE_IN_FILE_NAME = Pattern.compile("[^A-Za-z0-9._-]");

    private final Path file;
    private final Clock clock;
    private final FileChannel channel;
    private final OutputStream out;
    private boolean closed;

    /** Creates an event file in {@code directory} (created if missing) with no name suffix. */
    public EventFileWriter(Path directory) throws IOException {
        this(directory, "", Clock.systemUTC());
    }

    /**
     * Creates an event file in {@code directory}, with a numeric suffix when a writer started in the same
     * second (say, a run resumed right after it was killed) already holds the plain name.
     */
    public static EventFileWriter create(Path directory) throws IOException {
        for (int attempt = 0; ; attempt++) {
            try {
                return new EventFileWriter(directory, attempt == 0 ? "" : Integer.toString(attempt));
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 1000) {
                    throw e;
                }
            }
        }
    }

    /**
     * Creates an event file in {@code directory} whose name ends with {@code .<suffix>}, which tells
     * apart several writers started in the same second.
     *
     * @param suffix letters, digits, {@code .}, {@code _} or {@code -}; empty for none
     */
    public EventFileWriter(Path directory, String suffix) throws IOException {
        this(directory, suffix, Clock.systemUTC());
    }

    /**
     * Creates an event file, taking wall times from {@code clock} (tests use a fixed clock).
     *
     * @throws FileAlreadyExistsException if a file of the same name exists; choose another suffix
     */
    public EventFileWriter(Path directory, String suffix, Clock clock) throws IOException {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(suffix, "suffix");
        if (!suffix.isEmpty() && !SUFFIX.matcher(suffix).matches()) {
            throw new IllegalArgumentException(
                    "suffix must consist of letters, digits, '.', '_' or '-' but was '" + suffix + "'");
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        Instant now = clock.instant();
        Files.createDirectories(directory);
        this.file = directory.resolve(fileName(now.getEpochSecond(), localHostName(), suffix));
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        this.out = new BufferedOutputStream(Channels.newOutputStream(channel));
        try {
            write(Event.ofFileVersion(seconds(now), FILE_VERSION));
            flush();
        } catch (IOException | RuntimeException e) {
            // try-with-resources closes the file and attaches any close failure to e.
            try (channel) {
                throw e;
            }
        }
    }

    /** Returns the event file being written. */
    public Path file() {
        return file;
    }

    /** Logs one scalar at {@code step}. */
    public synchronized void addScalar(String tag, float value, long step) throws IOException {
        addScalars(Map.of(Objects.requireNonNull(tag, "tag"), value), step);
    }

    /**
     * Logs several scalars at {@code step} as one event, in the map's iteration order. An empty map
     * writes nothing.
     *
     * @throws IllegalArgumentException if a tag is empty
     * @throws IllegalStateException if the writer is closed
     */
    public synchronized void addScalars(Map<String, Float> scalars, long step) throws IOException {
        Objects.requireNonNull(scalars, "scalars");
        Map<String, Float> copy = new LinkedHashMap<>(scalars);
        for (String tag : copy.keySet()) {
            if (tag == null || tag.isEmpty()) {
                throw new IllegalArgumentException("scalar tags must be non-empty but got "
                        + (tag == null ? "null" : "''") + " among " + copy.keySet());
            }
        }
        if (!copy.isEmpty()) {
            write(Event.ofScalars(seconds(clock.instant()), step, copy));
        }
    }

    /**
     * Logs one plugin summary at {@code step}, such as the HParams plugin's session start ({@link
     * HParams}).
     *
     * @throws IllegalStateException if the writer is closed
     */
    public synchronized void addPluginSummary(PluginSummary summary, long step) throws IOException {
        write(Event.ofPlugin(seconds(clock.instant()), step, Objects.requireNonNull(summary, "summary")));
    }

    /** Returns the current time by the writer's clock, in seconds since the Unix epoch, as events record it. */
    public double now() {
        return seconds(clock.instant());
    }

    /** Pushes buffered records to the file and asks the OS to put them on disk. */
    @Override
    public synchronized void flush() throws IOException {
        checkOpen();
        out.flush();
        channel.force(false);
    }

    /** Flushes and closes the file; further calls do nothing. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (channel) {
            out.flush();
            channel.force(false);
        }
    }

    private void write(Event event) throws IOException {
        checkOpen();
        out.write(TfRecord.frame(EventCodec.encode(event)));
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("event file writer for " + file + " is closed");
        }
    }

    private static double seconds(Instant instant) {
        return instant.getEpochSecond() + instant.getNano() / 1e9;
    }

    static String fileName(long epochSeconds, String hostName, String suffix) {
        String host = UNSAFE_IN_FILE_NAME.matcher(hostName).replaceAll("_");
        return "events.out.tfevents." + epochSeconds + "." + host + (suffix.isEmpty() ? "" : "." + suffix);
    }

    private static String localHostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name == null || name.isEmpty() ? "localhost" : name;
        } catch (IOException | SecurityException e) {
            // The host name only makes file names unique across machines; any value will do.
            return "localhost";
        }
    }
}
