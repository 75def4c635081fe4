package io.sam4j.cli.run;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sam4j.cli.UserError;
import io.sam4j.cli.spec.ConfigFiles;
import io.sam4j.cli.spec.RunSpec;
import io.sam4j.cli.spec.SpecResolver;
import io.sam4j.core.checkpoint.Checkpoint;
import io.sam4j.core.checkpoint.CheckpointException;
import io.sam4j.core.checkpoint.CheckpointFile;
import io.sam4j.core.run.RunFiles;
import io.sam4j.core.run.RunKeys;
import io.sam4j.core.tensorboard.EventFileWriter;
import io.sam4j.core.tensorboard.EventFiles;
import io.sam4j.core.tensorboard.TensorBoardListener;
import io.sam4j.core.train.ModelParameters;
import io.sam4j.core.train.TrainingStep;
import io.sam4j.core.util.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The files of one training run (their names and keys are defined in {@link RunFiles} and {@link RunKeys},
 * which the report reads by too).
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

    public static final String CONFIG = RunFiles.CONFIG;
    public static final String METRICS = RunFiles.METRICS;
    public static final String SUMMARY = RunFiles.SUMMARY;
    public static final String CHECKPOINT = RunFiles.CHECKPOINT;

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

    /** Returns whether {@code dir} is an existing, readable directory with nothing in it. */
    public static boolean isEmptyDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
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
        for (Path p = root; p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                if (!Files.isDirectory(p)) {
                    throw new UserError(
                            "cannot create run directory " + root + ": " + p + " exists and is not a directory");
                }
                break;
            }
        }
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UserError("cannot create run directory " + root + ": " + reason(e));
        }
    }

    /** Says why a file operation failed: the JDK's messages are often just the path. */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException denied) {
            Path file = Path.of(denied.getFile());
            return "permission denied writing in " + (file.getParent() == null ? file : file.getParent());
        }
        if (e instanceof FileAlreadyExistsException exists) {
            return exists.getFile() + " exists and is not a directory";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getFile() + ": " + fs.getReason();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /**
     * Removes what an attempt that never finished an epoch left (metrics, summary, TensorBoard events),
     * so that the run can start again from scratch in place; its config stays.
     */
    public void clearUnfinishedStart() {
        try {
            Files.deleteIfExists(file(METRICS));
            Files.deleteIfExists(file(SUMMARY));
            EventFiles.deleteAll(root);
        } catch (IOException e) {
            throw new UserError("cannot clear the unfinished start of " + root + ": " + reason(e));
        }
    }

    /**
     * Reads the run's checkpoint into a model's parameters and, when {@code step} is not null, the
     * step's and its optimizer's state.
     *
     * @param manager where the checkpoint's arrays are loaded
     * @throws UserError naming the checkpoint and the config when the checkpoint does not fit the model
     *     the config describes (e.g. a checkpoint copied from another run)
     */
    public Checkpoint restoreCheckpoint(ModelParameters parameters, TrainingStep step, NDManager manager) {
        Path checkpointFile = file(CHECKPOINT);
        Checkpoint checkpoint = CheckpointFile.read(checkpointFile, manager);
        try {
            checkpoint.restore(parameters, step);
        } catch (CheckpointException e) {
            throw new UserError(
                    checkpointFile + " does not fit the model that " + file(CONFIG) + " describes: " + e.getMessage());
        }
        return checkpoint;
    }

    /**
     * Reads what the run's checkpoint records it is: its fixed settings and its data.
     *
     * @return empty for a run without a checkpoint, or one written before sam4j recorded it
     */
    public Optional<RunIdentity> readIdentity() {
        Path checkpointFile = file(CHECKPOINT);
        if (!Files.isRegularFile(checkpointFile)) {
            return Optional.empty();
        }
        return RunIdentity.fromMetadata(CheckpointFile.readMetadata(checkpointFile), checkpointFile);
    }

    /**
     * Checks the settings a command will use against the run's checkpoint record and returns the data
     * the run trained on: the checkpoint's record, else (runs written before it) the provenance of
     * {@code config.json}, else null.
     *
     * @throws UserError naming the first fixed setting that differs from the record
     */
    public RunIdentity.DataIdentity checkAgainstRecord(RunSpec spec) {
        Optional<RunIdentity> identity = readIdentity();
        if (identity.isPresent()) {
            identity.get().check(spec, file(CONFIG), file(CHECKPOINT));
            return identity.get().data();
        }
        JsonNode provenance = readConfigTree().path(RunKeys.Config.PROVENANCE);
        JsonNode sha = provenance.path("dataset_sha256");
        if (!sha.isTextual()) {
            return null;
        }
        return new RunIdentity.DataIdentity(
                provenance.path("data").path("dataset").asText(spec.data().dataset()),
                sha.asText(),
                provenance.path("data").path("directory").asText(""));
    }

    /**
     * Removes the temporary files of writes that a kill interrupted ({@code .NAME.tmp-*}, see
     * {@link AtomicFiles}). Only a process holding the run's {@link RunLock} may call this: another
     * writer's temporary file is in use.
     */
    public void removeLeftoverTemporaries() {
        try (Stream<Path> entries = Files.list(root)) {
            for (Path p : entries.toList()) {
                String name = p.getFileName().toString();
                if (name.startsWith(".") && name.contains(".tmp-") && Files.isRegularFile(p)) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            throw new UserError("cannot remove leftover temporary files in " + root + ": " + reason(e));
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
            if (isEmptyDirectory(root)) {
                throw new UserError(root + " holds no run yet: a train killed while loading its data leaves its"
                        + " directory empty; start the run again with --out " + root);
            }
            throw new UserError(root + " is not a sam4j run directory: " + CONFIG + " is missing");
        }
        JsonNode node = readConfigTree();
        JsonNode config = node.get(RunKeys.Config.CONFIG);
        if (config == null || !config.isObject()) {
            throw new UserError(file + " has no '" + RunKeys.Config.CONFIG + "' object");
        }
        return SpecResolver.recorded(config, file);
    }

    /**
     * Reads config.json strictly: a duplicate key or anything after the object is an error, in one line
     * naming the file, the line and the column.
     */
    private JsonNode readConfigTree() {
        Path file = file(CONFIG);
        try {
            return ConfigFiles.JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new UserError(file + (at == null ? "" : " line " + at.getLineNr() + " column " + at.getColumnNr())
                    + ": " + e.getOriginalMessage().lines().findFirst().orElse("invalid JSON"));
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + reason(e));
        }
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
                    .path(RunKeys.Config.PROVENANCE)
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
        node.set(RunKeys.Config.CONFIG, spec.toJson());
        node.set(RunKeys.Config.PROVENANCE, ConfigFiles.JSON.valueToTree(provenance));
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
                            .without(SerializationFeature.INDENT_OUTPUT)
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
     * Brings metrics.jsonl in line with the checkpoint a run resumes from, so that every epoch is
     * logged exactly once.
     *
     * <ul>
     *   <li>Lines of epochs after the checkpoint go: a run killed after logging an epoch but before
     *       checkpointing it (as sam4j before 0.2 wrote them) repeats that epoch.
     *   <li>A last line cut short by the kill goes.
     *   <li>The checkpoint's own epoch, when its line is missing (killed between writing the checkpoint
     *       and the line), is restored from the copy of the line the checkpoint carries.
     * </ul>
     *
     * @param checkpoint the checkpoint the run resumes from
     * @param checkpointLine the metrics line stored with the checkpoint, when it has one
     * @return the metrics of epochs 1 to the checkpoint's, as now in the file
     */
    public List<JsonNode> reconcileMetrics(Checkpoint checkpoint, JsonNode checkpointLine) {
        int epochs = checkpoint.epoch();
        List<JsonNode> kept = new ArrayList<>();
        for (JsonNode n : readMetricsKeepingWhole()) {
            if (n.path(RunKeys.Metrics.EPOCH).asInt() <= epochs) {
                kept.add(n);
            }
        }
        boolean hasLast = !kept.isEmpty()
                && kept.get(kept.size() - 1).path(RunKeys.Metrics.EPOCH).asInt() == epochs;
        if (!hasLast
                && checkpointLine != null
                && checkpointLine.path(RunKeys.Metrics.EPOCH).asInt() == epochs) {
            kept.add(checkpointLine);
        }
        writeMetrics(kept);
        return kept;
    }

    /**
     * Opens the run's TensorBoard log for training that continues after epoch {@code start}: steps
     * after {@code start} that an interrupted attempt logged are removed from the old event files, and
     * epochs of {@code logged} that the old files lack (the attempt was killed before logging them)
     * are logged again, so that every epoch is one point.
     *
     * @param start the epoch training continues after (0 for a new run)
     * @param logged the metrics lines of epochs 1 to {@code start}
     * @param perturbs whether the run's step is a SAM method's (the base optimizer logs no {@code eps_norm})
     */
    public TensorBoardListener openTensorBoard(int start, List<JsonNode> logged, boolean perturbs) throws IOException {
        long lastLogged = EventFiles.keepStepsUpTo(root, start);
        TensorBoardListener listener = new TensorBoardListener(EventFileWriter.create(root), perturbs);
        for (JsonNode line : logged) {
            int epoch = line.path(RunKeys.Metrics.EPOCH).asInt();
            if (epoch > lastLogged) {
                Map<String, Double> scalars = new LinkedHashMap<>();
                line.fields().forEachRemaining(e -> {
                    if (!e.getKey().equals(RunKeys.Metrics.EPOCH)
                            && (e.getValue().isNumber() || e.getValue().isNull())) {
                        // metrics.jsonl writes a non-finite value as null; the log had it as NaN.
                        scalars.put(
                                e.getKey(),
                                e.getValue().isNull()
                                        ? Double.NaN
                                        : e.getValue().asDouble());
                    }
                });
                listener.log(epoch, scalars);
            }
        }
        return listener;
    }

    /** Reads metrics.jsonl, leaving out a last line that a kill cut short (it has no newline yet). */
    private List<JsonNode> readMetricsKeepingWhole() {
        Path file = file(METRICS);
        List<JsonNode> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + reason(e));
        }
        int whole = text.lastIndexOf('\n') + 1;
        for (String line : text.substring(0, whole).split("\n")) {
            if (!line.isBlank()) {
                try {
                    out.add(ConfigFiles.JSON.readTree(line));
                } catch (IOException e) {
                    throw new UserError(file + " has a line that is not JSON: " + line);
                }
            }
        }
        return out;
    }

    private void writeMetrics(List<JsonNode> kept) {
        StringBuilder text = new StringBuilder();
        for (JsonNode n : kept) {
            text.append(n.toString()).append('\n');
        }
        try {
            AtomicFiles.writeString(file(METRICS), text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite " + file(METRICS), e);
        }
    }
}
