package io.sam4j.cli.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sam4j.cli.UserError;
import io.sam4j.cli.config.ConfigFiles;
import io.sam4j.cli.spec.RunSpec;
import io.sam4j.cli.spec.SpecResolver;
import io.sam4j.core.util.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The files of one training run.
 *
 * <pre>
 *   config.json                 resolved config + provenance
 *   metrics.jsonl               one JSON object per epoch
 *   summary.json                final figures
 *   events.out.tfevents.*       TensorBoard scalars per epoch
 *   checkpoint.bin              model, optimizer state and epoch after the last complete epoch
 * </pre>
 */
public final class RunDirectory {

    public static final String CONFIG = "config.json";
    public static final String METRICS = "metrics.jsonl";
    public static final String SUMMARY = "summary.json";
    public static final String CHECKPOINT = "checkpoint.bin";

    private final Path root;

    /** Wraps a directory (not created). */
    public RunDirectory(Path root) {
        this.root = root;
    }

    /** Returns the directory. */
    public Path root() {
        return root;
    }

    /** Returns a file of the run. */
    public Path file(String name) {
        return root.resolve(name);
    }

    /** Returns whether the directory already holds a run (a config, metrics or checkpoint). */
    public boolean holdsRun() {
        return Files.exists(file(CONFIG)) || Files.exists(file(METRICS)) || Files.exists(file(CHECKPOINT));
    }

    /** Refuses a directory that already holds a run: a new run never overwrites one. */
    public void checkNew() {
        if (holdsRun()) {
            throw new UserError("run directory " + root + " already holds a run; continue it with --resume " + root
                    + " or choose another --out");
        }
    }

    /** Creates the directory for a new run, refusing to overwrite an existing one. */
    public void createNew() {
        checkNew();
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UserError("cannot create run directory " + root + ": " + e.getMessage());
        }
    }

    /**
     * Reads the settings of an existing run.
     *
     * @throws UserError if the directory holds no run or its config is unreadable or invalid
     */
    public RunSpec readSpec() {
        Path file = file(CONFIG);
        if (!Files.isRegularFile(file)) {
            throw new UserError(root + " is not a sam4j run directory: " + CONFIG + " is missing");
        }
        JsonNode node;
        try {
            node = ConfigFiles.JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage());
        }
        JsonNode config = node.get("config");
        if (config == null || !config.isObject()) {
            throw new UserError(file + " has no 'config' object");
        }
        return SpecResolver.recorded(config, file);
    }

    /**
     * Reads what the run's model was built for from its provenance.
     *
     * @return empty for runs recorded before sam4j wrote it
     */
    public Optional<ModelInput> readModelInput() {
        Path file = file(CONFIG);
        try {
            JsonNode input = ConfigFiles.JSON
                    .readTree(file.toFile())
                    .path("provenance")
                    .path("data")
                    .path(ModelInput.KEY);
            if (input.isMissingNode()) {
                return Optional.empty();
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> json = ConfigFiles.JSON.treeToValue(input, Map.class);
            return Optional.of(ModelInput.fromJson(json));
        } catch (IOException | IllegalArgumentException e) {
            throw new UserError("cannot read the model input of " + file + ": " + e.getMessage());
        }
    }

    /** Writes config.json atomically. */
    public void writeConfig(RunSpec spec, Map<String, Object> provenance) {
        ObjectNode node = ConfigFiles.JSON.createObjectNode();
        node.set("config", spec.toJson());
        node.set("provenance", ConfigFiles.JSON.valueToTree(provenance));
        writeJson(CONFIG, node);
    }

    /** Writes a JSON file of the run atomically. */
    public void writeJson(String name, Object value) {
        try {
            AtomicFiles.writeString(file(name), ConfigFiles.JSON.writeValueAsString(value) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file(name), e);
        }
    }

    /** Appends one epoch's metrics as a JSON line. */
    public void appendMetrics(Map<String, Object> metrics) {
        try {
            String line = ConfigFiles.JSON
                            .writer()
                            .without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                            .writeValueAsString(metrics)
                    + "\n";
            Files.writeString(
                    file(METRICS),
                    line,
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND,
                    StandardOpenOption.SYNC);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file(METRICS), e);
        }
    }

    /** Reads metrics.jsonl (empty when absent). */
    public List<JsonNode> readMetrics() {
        Path file = file(METRICS);
        List<JsonNode> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        try {
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    out.add(ConfigFiles.JSON.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage());
        }
        return out;
    }

    /**
     * Keeps only the metrics of epochs ≤ {@code epochs}: a run killed after logging an epoch but
     * before checkpointing it repeats that epoch on resume, and must not log it twice.
     */
    public List<JsonNode> truncateMetrics(int epochs) {
        List<JsonNode> kept = new ArrayList<>();
        for (JsonNode n : readMetrics()) {
            if (n.path("epoch").asInt() <= epochs) {
                kept.add(n);
            }
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode n : kept) {
            text.append(n.toString()).append('\n');
        }
        try {
            AtomicFiles.writeString(file(METRICS), text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite " + file(METRICS), e);
        }
        return kept;
    }
}
