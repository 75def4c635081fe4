package io.sam4j.cli.spec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.sam4j.cli.UserError;
import io.sam4j.core.util.Suggestions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A settings file: the YAML of {@code train --config} or a run's recorded {@code config.json} (JSON
 * is YAML too), read into {@link SettingValues} through the settings' own types.
 *
 * <p>Keys are the flag names. A {@code preset:} key names a preset. Every value is checked as the
 * flag's would be, and an error names the file, the key and the line: {@code config file f.yaml:
 * rho: expected a number but got a list (line 1)}. A key given twice is an error (YAML parsers
 * otherwise keep the last one silently); an empty file holds no settings.
 *
 * @param values the settings, with their file and line as origin
 * @param preset the preset the file names, if any
 */
public record SettingsFile(SettingValues values, Optional<String> preset) {

    /** The key naming a preset. */
    public static final String PRESET_KEY = "preset";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /**
     * Reads a {@code --config} file.
     *
     * @throws UserError naming the file for a missing, unreadable or invalid file, an unknown or
     *     repeated key, or a bad value
     */
    public static SettingsFile read(Path file) {
        return read(file, "config file " + file, line -> Origin.file(file, line));
    }

    /**
     * Reads the settings a run recorded: the {@code config} object of its {@code config.json}.
     * Null values are settings that were unset.
     *
     * @param record the recorded object
     * @param file the config.json it came from, named in errors
     * @throws UserError naming the file and key of an unknown key or a bad value
     */
    public static SettingsFile fromRecord(JsonNode record, Path file) {
        Origin origin = Origin.recorded(file);
        Map<Setting<?>, SettingValues.Entry> entries = new LinkedHashMap<>();
        String preset = null;
        for (var field : (Iterable<Map.Entry<String, JsonNode>>) record::fields) {
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (value.isNull()) {
                continue;
            }
            if (PRESET_KEY.equals(key)) {
                preset = value.asText();
                continue;
            }
            Setting<?> setting = Settings.find(key)
                    .orElseThrow(() -> new UserError(file + " records an unknown setting '" + key + "'"));
            entries.put(setting, new SettingValues.Entry(setting.fromJson(value, origin), origin));
        }
        return new SettingsFile(SettingValues.of(entries), Optional.ofNullable(preset));
    }

    private interface OriginAt {
        Origin at(int line);
    }

    private static SettingsFile read(Path file, String name, OriginAt origins) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new UserError(name + " does not exist");
        } catch (IOException e) {
            throw new UserError("cannot read " + name + ": " + e.getMessage());
        }
        try (JsonParser parser = YAML.getFactory().createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return new SettingsFile(SettingValues.empty(), Optional.empty());
            }
            if (first != JsonToken.START_OBJECT) {
                throw new UserError(name + ": expected settings as 'key: value' lines but got "
                        + ValueTypes.kindOf(YAML.readTree(parser)) + " (line " + line(parser) + ")");
            }
            Map<Setting<?>, SettingValues.Entry> entries = new LinkedHashMap<>();
            Map<String, Integer> seen = new HashMap<>();
            String preset = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                int line = line(parser);
                parser.nextToken();
                JsonNode value = YAML.readTree(parser);
                Integer earlier = seen.putIfAbsent(key, line);
                if (earlier != null) {
                    throw new UserError(name + ": key '" + key + "' is given twice (lines " + earlier + " and " + line
                            + "); keep one");
                }
                if (PRESET_KEY.equals(key)) {
                    if (!value.isTextual()) {
                        throw new UserError(name + ": preset: expected a preset name but got "
                                + ValueTypes.kindOf(value) + " (line " + line + ")");
                    }
                    preset = value.asText();
                    continue;
                }
                Setting<?> setting = Settings.find(key).orElseThrow(() -> unknownKey(name, key, line));
                Origin origin = origins.at(line);
                entries.put(setting, new SettingValues.Entry(setting.fromJson(value, origin), origin));
            }
            return new SettingsFile(SettingValues.of(entries), Optional.ofNullable(preset));
        } catch (JsonProcessingException e) {
            String where =
                    e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            throw new UserError(name + " is not valid YAML: "
                    + e.getOriginalMessage().lines().findFirst().orElse("") + where);
        } catch (IOException e) {
            throw new UserError("cannot read " + name + ": " + e.getMessage());
        }
    }

    private static int line(JsonParser parser) {
        return parser.currentTokenLocation().getLineNr();
    }

    private static UserError unknownKey(String name, String key, int line) {
        List<String> known = new ArrayList<>(Settings.names());
        known.add(PRESET_KEY);
        return new UserError(
                name + ": unknown key '" + key + "'" + Suggestions.didYouMean(key, known) + " (line " + line + ")");
    }
}
