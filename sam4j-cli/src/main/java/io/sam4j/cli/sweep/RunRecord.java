package io.sam4j.cli.sweep;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.Map;

/** One run's entry in {@code sweep.json}. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public final class RunRecord {

    /** Not started yet, or to be started again (interrupted, or failed in an earlier sweep). */
    public static final String PENDING = "pending";
    /** Started (locally) or submitted (Slurm) and not finished. */
    public static final String RUNNING = "running";
    /** Finished every epoch: its {@code summary.json} says complete. */
    public static final String DONE = "done";
    /** Ended without finishing; {@link #reason} says why. */
    public static final String FAILED = "failed";

    @JsonProperty("name")
    public String name;

    @JsonProperty("flags")
    public Map<String, String> flags = new LinkedHashMap<>();

    @JsonProperty("directory")
    public String directory;

    @JsonProperty("status")
    public String status = PENDING;

    @JsonProperty("attempts")
    public int attempts;

    @JsonProperty("exit_code")
    public Integer exitCode;

    @JsonProperty("reason")
    public String reason;

    @JsonProperty("started")
    public String started;

    @JsonProperty("ended")
    public String ended;

    @JsonProperty("slurm_job")
    public String slurmJob;

    /** For Jackson. */
    public RunRecord() {}

    /** A new pending run. */
    public RunRecord(SweepPoint point, String directory) {
        this.name = point.name();
        this.flags = new LinkedHashMap<>(point.flags());
        this.directory = directory;
    }
}
