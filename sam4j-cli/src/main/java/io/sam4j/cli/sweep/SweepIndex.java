package io.sam4j.cli.sweep;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sam4j.cli.UserError;
import io.sam4j.cli.spec.ConfigFiles;
import io.sam4j.core.util.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code DIR/sweep.json}: what the sweep is (grid, shared flags) and where each run stands. It is
 * rewritten atomically on every change, so a sweep killed at any moment leaves a readable index.
 */
public final class SweepIndex {

    public static final String FILE = "sweep.json";

    @JsonProperty("version")
    public int version = 1;

    @JsonProperty("grid")
    public String grid;

    @JsonProperty("axes")
    public Map<String, List<String>> axes = new LinkedHashMap<>();

    @JsonProperty("shared_flags")
    public Map<String, String> sharedFlags = new LinkedHashMap<>();

    @JsonProperty("executor")
    public String executor;

    @JsonProperty("runs")
    public List<RunRecord> runs = new ArrayList<>();

    /** For Jackson. */
    public SweepIndex() {}

    /** A new index of pending runs. */
    public static SweepIndex create(Grid grid, Map<String, String> shared, List<SweepPoint> points, Path dir) {
        Map<String, List<String>> axes = new LinkedHashMap<>();
        for (Grid.Axis axis : grid.axes()) {
            axes.put(axis.name(), axis.values());
        }
        return create(grid.spec(), axes, shared, points, dir);
    }

    /**
     * A new index of pending runs that are not a grid's product (a {@code compare} phase).
     *
     * @param description what the runs are, compared when the sweep is run again
     * @param axes the values each axis takes somewhere in the runs
     */
    public static SweepIndex create(
            String description,
            Map<String, List<String>> axes,
            Map<String, String> shared,
            List<SweepPoint> points,
            Path dir) {
        SweepIndex index = new SweepIndex();
        index.grid = description;
        index.axes.putAll(axes);
        index.sharedFlags.putAll(shared);
        for (SweepPoint point : points) {
            index.runs.add(new RunRecord(point, dir.resolve(point.name()).toString()));
        }
        return index;
    }

    /** Returns whether {@code other} describes the same runs: same grid, same shared flags. */
    public boolean sameSweepAs(SweepIndex other) {
        return grid.equals(other.grid) && sharedFlags.equals(other.sharedFlags);
    }

    /** Reads {@code DIR/sweep.json}. */
    public static SweepIndex read(Path dir) {
        Path file = dir.resolve(FILE);
        try {
            return ConfigFiles.JSON.readValue(file.toFile(), SweepIndex.class);
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** Writes {@code DIR/sweep.json} atomically. */
    public void write(Path dir) {
        Path file = dir.resolve(FILE);
        try {
            AtomicFiles.writeString(file, ConfigFiles.JSON.writeValueAsString(this) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
