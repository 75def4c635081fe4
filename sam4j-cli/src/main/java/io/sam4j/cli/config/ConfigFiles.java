package io.sam4j.cli.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.sam4j.cli.UserError;
import io.sam4j.core.util.Suggestions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** Reads configs from YAML or JSON; unknown keys and bad values fail with one line naming the file. */
public final class ConfigFiles {

    /** The JSON mapper shared by run files (pretty, stable order). */
    public static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static final ObjectMapper YAML =
            new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ConfigFiles() {}

    /** Reads a {@link TrainConfig} from YAML (JSON is YAML too) over the defaults. */
    public static TrainConfig readTrainConfig(Path file) {
        return read(file, YAML, TrainConfig.class);
    }

    /** Reads a {@link TrainConfig} from YAML over {@code base} (e.g. a preset's settings), updating it. */
    public static TrainConfig readTrainConfig(Path file, TrainConfig base) {
        return read(file, YAML.readerForUpdating(base), TrainConfig.class);
    }

    /**
     * Reads {@code file} into {@code type}.
     *
     * @throws UserError naming the file for a missing, unreadable or invalid file
     */
    public static <T> T read(Path file, ObjectMapper mapper, Class<T> type) {
        return read(file, mapper.readerFor(type), type);
    }

    private static <T> T read(Path file, com.fasterxml.jackson.databind.ObjectReader reader, Class<T> type) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new UserError("config file " + file + " does not exist");
        } catch (IOException e) {
            throw new UserError("cannot read config file " + file + ": " + e.getMessage());
        }
        try {
            T value = reader.readValue(text);
            if (value == null) {
                throw new UserError("config file " + file + " is empty");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            List<String> known = e.getKnownPropertyIds().stream()
                    .map(String::valueOf)
                    .sorted()
                    .toList();
            throw new UserError("config file " + file + ": unknown key '" + e.getPropertyName() + "'"
                    + Suggestions.didYouMean(e.getPropertyName(), known));
        } catch (JsonProcessingException e) {
            String where =
                    e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw new UserError("config file " + file + " is invalid" + where + ": " + e.getOriginalMessage());
        }
    }
}
