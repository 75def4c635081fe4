package io.sam4j.core.tensorboard;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One decoded {@code tensorflow.Event}: either the file-version header or a set of scalar values
 * logged at one step. Events of other kinds (graphs, images, ...) decode with no file version and
 * no scalars.
 *
 * @param wallTime seconds since the Unix epoch when the event was logged
 * @param step the training step (for sam4j, usually the epoch or the global batch index)
 * @param fileVersion the file format version such as {@code brain.Event:2}, or {@code null} when
 *     this event is not the file header
 * @param scalars tag to value, in the order they were logged; empty for non-scalar events
 */
public record Event(double wallTime, long step, String fileVersion, Map<String, Float> scalars) {

    /** Copies {@code scalars} so the event is immutable; rejects null tags and values. */
    public Event {
        Objects.requireNonNull(scalars, "scalars");
        if (fileVersion != null && !scalars.isEmpty()) {
            throw new IllegalArgumentException(
                    "an event holds a file version or scalars, not both, but got fileVersion '" + fileVersion
                            + "' and scalars " + scalars.keySet());
        }
        Map<String, Float> copy = new LinkedHashMap<>();
        scalars.forEach((tag, value) -> copy.put(
                Objects.requireNonNull(tag, "scalar tag"),
                Objects.requireNonNull(value, () -> "value of scalar '" + tag + "'")));
        scalars = Collections.unmodifiableMap(copy);
    }

    /** Returns the header event that starts every event file. */
    public static Event ofFileVersion(double wallTime, String fileVersion) {
        return new Event(wallTime, 0, Objects.requireNonNull(fileVersion, "fileVersion"), Map.of());
    }

    /** Returns an event carrying {@code scalars} at {@code step}. */
    public static Event ofScalars(double wallTime, long step, Map<String, Float> scalars) {
        return new Event(wallTime, step, null, scalars);
    }

    /** Returns whether this is the file-version header. */
    public boolean isFileVersion() {
        return fileVersion != null;
    }
}
