package io.sam4j.cli.spec;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.sam4j.cli.UserError;
import io.sam4j.core.util.Suggestions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Named training settings from the SAM paper (Foret et al., ICLR 2021) and its official code, each with
 * the table and row it comes from. The data is the resource {@code presets.yaml} beside this class.
 *
 * <p>Precedence in {@code sam4j train}: the settings' defaults ({@link io.sam4j.cli.spec.Settings}), then the preset, then the keys of a
 * {@code --config} file, then flags — whatever their order on the command line. A {@code preset:} key in
 * the config file names a preset too; the {@code --preset} flag wins over it.
 */
public final class Presets {

    private static final String RESOURCE = "presets.yaml";

    private static volatile Presets standard;

    private final Map<String, Preset> byName;

    /**
     * One preset.
     *
     * @param name what {@code --preset} takes
     * @param description one line
     * @param source where the values come from: paper table and row, code
     * @param settings {@code sam4j train} flag names to values, in order
     * @param unverified the keys whose values could not be checked against the paper's tables
     */
    public record Preset(
            @JsonProperty("name") String name,
            @JsonProperty("description") String description,
            @JsonProperty("source") String source,
            @JsonProperty("settings") Map<String, Object> settings,
            @JsonProperty("unverified") List<String> unverified) {

        /** Copies the collections and rejects missing fields. */
        public Preset {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(source, "source");
            settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
            unverified = unverified == null ? List.of() : List.copyOf(unverified);
        }

        /**
         * Returns the preset's settings, each read and checked by its declaration.
         *
         * @throws UserError naming the preset and key of an unknown key or a bad value
         */
        public SettingValues values() {
            SettingValues values = SettingValues.empty();
            Origin origin = Origin.preset(name);
            for (Map.Entry<String, Object> entry : settings.entrySet()) {
                Setting<?> setting = Settings.find(entry.getKey())
                        .orElseThrow(() -> new IllegalStateException("preset '" + name + "' in " + RESOURCE
                                + " has an unknown key '" + entry.getKey() + "'"));
                JsonNode node = ConfigFiles.JSON.valueToTree(entry.getValue());
                values = values.with(setting, new SettingValues.Entry(setting.fromJson(node, origin), origin));
            }
            return values;
        }
    }

    private Presets(List<Preset> presets) {
        Map<String, Preset> map = new LinkedHashMap<>();
        for (Preset p : presets) {
            if (map.put(p.name(), p) != null) {
                throw new IllegalStateException("preset '" + p.name() + "' is listed twice in " + RESOURCE);
            }
        }
        this.byName = Collections.unmodifiableMap(map);
    }

    /** @return the presets shipped with sam4j */
    public static Presets standard() {
        if (standard == null) {
            standard = new Presets(load());
        }
        return standard;
    }

    private static List<Preset> load() {
        ObjectMapper yaml =
                new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try (InputStream in = Presets.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return yaml.readValue(in, new TypeReference<List<Preset>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** @return every preset, in file order */
    public List<Preset> all() {
        return List.copyOf(byName.values());
    }

    /**
     * @param name a preset name (case-insensitive)
     * @return the preset
     * @throws UserError for an unknown name, suggesting the closest
     */
    public Preset get(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        Preset preset = byName.get(key);
        if (preset == null) {
            throw new UserError("--preset: unknown preset '" + name + "'"
                    + Suggestions.didYouMean(String.valueOf(name), byName.keySet()) + "; see 'sam4j presets list'");
        }
        return preset;
    }
}
