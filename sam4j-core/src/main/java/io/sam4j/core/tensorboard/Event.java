package io.sam4j.core.tensorboard;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One decoded {@code tensorflow.Event}: either the file-version header or a summary logged at one
 * step, made of scalar values and plugin summaries (such as the HParams plugin's). Events of other
 * kinds (graphs, images, ...) decode with no file version, no scalars and no plugin summaries.
 *
 * @param wallTime seconds since the Unix epoch when the event was logged
 * @param step the training step (for sam4j, usually the epoch or the global batch index)
 * @param fileVersion the file format version such as {@code brain.Event:2}, or {@code null} when
 *     this event is not the file header
 * @param scalars tag to value, in the order they were logged; empty for non-scalar events
 * @param plugins the summary's plugin values, in the order they were logged
 */
public record Event(
        double wallTime, long step, String fileVersion, Map<String, Float> scalars, List<PluginSummary> plugins) {

    /** Copies {@code scalars} and {@code plugins} so the event is immutable; rejects null tags and values. */
    public Event {
        Objects.requireNonNull(scalars, "scalars");
        plugins = List.copyOf(plugins);
        if (fileVersion != null && (!scalars.isEmpty() || !plugins.isEmpty())) {
            throw new IllegalArgumentException(
                    "an event holds a file version or a summary, not both, but got fileVersion '" + fileVersion
                            + "' and scalars " + scalars.keySet() + " and " + plugins.size() + " plugin values");
        }
        Map<String, Float> copy = new LinkedHashMap<>();
        scalars.forEach((tag, value) -> copy.put(
                Objects.requireNonNull(tag, "scalar tag"),
                Objects.requireNonNull(value, () -> "value of scalar '" + tag + "'")));
        scalars = Collections.unmodifiableMap(copy);
    }

    /** An event without plugin summaries: the file-version header or scalars alone. */
    public Event(double wallTime, long step, String fileVersion, Map<String, Float> scalars) {
        this(wallTime, step, fileVersion, scalars, List.of());
    }

    /** Returns the header event that starts every event file. */
    public static Event ofFileVersion(double wallTime, String fileVersion) {
        return new Event(wallTime, 0, Objects.requireNonNull(fileVersion, "fileVersion"), Map.of());
    }

    /** Returns an event carrying one plugin summary at {@code step}. */
    public static Event ofPlugin(double wallTime, long step, PluginSummary plugin) {
        return new Event(wallTime, step, null, Map.of(), List.of(plugin));
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
