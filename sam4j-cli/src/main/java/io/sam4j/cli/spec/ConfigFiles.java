package io.sam4j.cli.spec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The JSON mapper of run files. Settings files ({@code --config}, a run's recorded settings) are read
 * by {@link io.sam4j.cli.spec.SettingsFile}.
 */
public final class ConfigFiles {

    /** The JSON mapper shared by run files (pretty, stable order). */
    public static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // A run file edited by hand into two values for one key, or with text after it, is refused
            // rather than read as one of its readings.
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private ConfigFiles() {}
}
