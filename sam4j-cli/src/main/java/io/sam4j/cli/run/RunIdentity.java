package io.sam4j.cli.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.sam4j.cli.UserError;
import io.sam4j.cli.spec.ConfigFiles;
import io.sam4j.cli.spec.RunSpec;
import io.sam4j.cli.spec.Setting;
import io.sam4j.cli.spec.Settings;
import io.sam4j.cli.spec.SettingsFile;
import io.sam4j.core.util.Hashing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a run is, as its checkpoint records it: the settings that may not change once it trained (every
 * setting {@code --resume} may not change, and the preset) and the identity of the data it trained on,
 * with a digest of both. {@code config.json} can be edited by hand; the checkpoint is binary and written
 * only by training, so a run's settings are believed only when the config still matches this record.
 *
 * @param fixed the fixed settings by name, formatted as on the command line ("unset" when absent)
 * @param data the data the run trained on
 */
public record RunIdentity(Map<String, String> fixed, DataIdentity data) {

    /** The key of the record in the checkpoint's metadata. */
    static final String KEY = "run";

    private static final String UNSET = "unset";

    /**
     * The data a run trained on.
     *
     * @param dataset the dataset as the provenance names it, e.g. {@code fashion-mnist (embedded subset, ...)}
     * @param sha256 the SHA-256 of its files as read when training started ({@link TaskData#sha256()})
     * @param directory the folder it was read from
     */
    public record DataIdentity(String dataset, String sha256, String directory) {

        /** Returns the identity of data as opened. */
        static DataIdentity of(TaskData data, String sha256) {
            Map<String, Object> facts = data.facts();
            return new DataIdentity(
                    String.valueOf(facts.getOrDefault("dataset", data.name())),
                    sha256,
                    String.valueOf(facts.getOrDefault("directory", "")));
        }

        /** Returns e.g. {@code fashion-mnist (embedded subset, ...) with sha256 0dd8d5fa2690 from DIR}. */
        public String describe() {
            return dataset + " with sha256 " + shortSha(sha256) + (directory.isEmpty() ? "" : " from " + directory);
        }

        static String shortSha(String sha256) {
            return sha256 == null ? "unknown" : sha256.substring(0, Math.min(12, sha256.length()));
        }
    }

    /** Returns the identity of a run with these settings trained on {@code data}. */
    public static RunIdentity of(RunSpec spec, DataIdentity data) {
        return new RunIdentity(fixedSettings(spec), data);
    }

    /** Returns the fixed settings of {@code spec} by name, in declaration order, then the preset. */
    static Map<String, String> fixedSettings(RunSpec spec) {
        Map<String, String> fixed = new LinkedHashMap<>();
        for (Setting<?> setting : Settings.ALL) {
            if (!setting.resumable()) {
                Object value = spec.values().get(setting);
                fixed.put(setting.name(), value == null ? UNSET : setting.format(value));
            }
        }
        fixed.put(SettingsFile.PRESET_KEY, spec.preset().orElse(UNSET));
        return fixed;
    }

    /** Returns the SHA-256 of the fixed settings and the data's checksum. */
    public String digest() {
        StringBuilder text = new StringBuilder();
        fixed.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        text.append("data=").append(data.sha256()).append('\n');
        return Hashing.sha256Hex(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Returns the record as stored in the checkpoint's metadata. */
    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("digest", digest());
        json.put("fixed", fixed);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("dataset", data.dataset());
        d.put("sha256", data.sha256());
        d.put("directory", data.directory());
        json.put("data", d);
        return json;
    }

    /**
     * Reads the record from a checkpoint's metadata.
     *
     * @return empty for a checkpoint written before sam4j recorded it
     * @throws UserError naming the checkpoint when the record is there but does not match its digest
     */
    static Optional<RunIdentity> fromMetadata(String metadata, Path checkpointFile) {
        JsonNode node;
        try {
            node = ConfigFiles.JSON.readTree(metadata).path(KEY);
        } catch (IOException e) {
            throw new UserError("checkpoint " + checkpointFile + " has unreadable metadata: " + e.getMessage());
        }
        if (!node.isObject()) {
            return Optional.empty();
        }
        Map<String, String> fixed = new LinkedHashMap<>();
        node.path("fixed")
                .fields()
                .forEachRemaining(e -> fixed.put(e.getKey(), e.getValue().asText()));
        JsonNode d = node.path("data");
        RunIdentity identity = new RunIdentity(
                fixed,
                new DataIdentity(
                        d.path("dataset").asText(),
                        d.path("sha256").isTextual() ? d.path("sha256").asText() : null,
                        d.path("directory").asText()));
        if (!identity.digest().equals(node.path("digest").asText())) {
            throw new UserError("checkpoint " + checkpointFile + " has a run record that does not match its digest");
        }
        return Optional.of(identity);
    }

    /**
     * Refuses a config whose fixed settings are not those the run trained with.
     *
     * @param current the settings as {@code config.json} (and any flags) now give them
     * @param configFile named in the refusal
     * @param checkpointFile named in the refusal
     * @throws UserError naming the first setting that differs, its recorded and its current value
     */
    public void check(RunSpec current, Path configFile, Path checkpointFile) {
        Map<String, String> now = fixedSettings(current);
        for (var entry : fixed.entrySet()) {
            String value = now.getOrDefault(entry.getKey(), UNSET);
            if (!Objects.equals(entry.getValue(), value)) {
                throw new UserError(configFile + " does not match the run its checkpoint records: '" + entry.getKey()
                        + "' is " + value + " but the run trained with " + entry.getValue() + " (" + checkpointFile
                        + "); restore the file or train a new run");
            }
        }
        for (var entry : now.entrySet()) {
            if (!fixed.containsKey(entry.getKey()) && !UNSET.equals(entry.getValue())) {
                throw new UserError(configFile + " does not match the run its checkpoint records: '" + entry.getKey()
                        + "' is " + entry.getValue() + " but the run trained without it (" + checkpointFile + ")");
            }
        }
    }
}
