package io.sam4j.cli.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.sam4j.cli.spec.ConfigFiles;
import io.sam4j.core.checkpoint.Checkpoint;
import io.sam4j.core.train.EpochMetrics;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON a run's checkpoint carries besides its tensors: the epoch, the seed, what the run is (its
 * {@link RunIdentity}: fixed settings and data checksum) and a copy of the epoch's metrics line.
 *
 * <p>The random state needs no saving: every draw is a function of (seed, stream, epoch, step), so the
 * seed and the epoch are the generator state. The metrics line makes the checkpoint and the line
 * durable together: the checkpoint is written first, and a run killed before its line reached
 * {@code metrics.jsonl} gets the line back from the checkpoint when it resumes.
 */
public final class CheckpointRecords {

    /** The key of the epoch's metrics line in the checkpoint's metadata. */
    static final String METRICS = "metrics";

    private CheckpointRecords() {}

    /** Returns the metadata stored with the checkpoint of the epoch {@code metrics} ends. */
    public static String metadata(EpochMetrics metrics, long seed, RunIdentity identity) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("epoch", metrics.epoch());
        meta.put("seed", seed);
        meta.put(RunIdentity.KEY, identity.toJson());
        meta.put("rng", "derived from (seed, stream, epoch, step) by io.sam4j.core.random.Seeds");
        meta.put(METRICS, MetricsFileListener.asJson(metrics));
        try {
            return ConfigFiles.JSON.writeValueAsString(meta);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Returns the metrics line stored with {@code checkpoint}, or null for a checkpoint without one
     * (written by sam4j before it stored the line, or by another program).
     */
    public static JsonNode metricsLine(Checkpoint checkpoint) {
        try {
            JsonNode line = ConfigFiles.JSON.readTree(checkpoint.metadata()).path(METRICS);
            return line.isObject() ? line : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
