package io.sam4j.cli.spec;

import com.fasterxml.jackson.databind.JsonNode;
import io.sam4j.cli.UserError;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Resolves the settings of a run, the one path for {@code train}, {@code train --resume},
 * {@code sweep} and {@code demo}: defaults &lt; preset &lt; config file &lt; flags, whatever their
 * order on the command line, then {@link RunSpec#of} checks them once.
 */
public final class SpecResolver {

    private SpecResolver() {}

    /**
     * The settings a user gave: flags, a config file, a preset.
     *
     * @param flags the settings given as flags
     * @param configFile the {@code --config} file, or null
     * @param preset the {@code --preset} name, or null
     */
    public record Given(SettingValues flags, Path configFile, String preset) {

        /** What {@code train}'s parsed command line gives: its setting flags, --config and --preset. */
        public static Given parsed(picocli.CommandLine.ParseResult parsed) {
            return new Given(
                    SettingOptions.given(parsed),
                    parsed.matchedOptionValue("--config", null),
                    parsed.matchedOptionValue("--preset", null));
        }

        /** Only flags. */
        public static Given flags(SettingValues flags) {
            return new Given(flags, null, null);
        }

        /** Returns whether anything at all was given. */
        public boolean isEmpty() {
            return flags.entries().isEmpty() && configFile == null && preset == null;
        }
    }

    /**
     * Resolves the spec of a new run.
     *
     * @throws UserError naming the flag, file or preset of a bad or contradictory value
     */
    public static RunSpec newRun(Given given) {
        Layers layers = layers(given);
        return RunSpec.of(layers.values(), layers.preset());
    }

    /**
     * Reads the spec a run recorded in its {@code config.json}.
     *
     * @param record the {@code config} object of the file
     * @param configFile the file, named in errors
     * @throws UserError if the record holds an unknown setting or a bad value
     */
    public static RunSpec recorded(JsonNode record, Path configFile) {
        SettingsFile file = SettingsFile.fromRecord(record, configFile);
        return RunSpec.of(file.values(), file.preset());
    }

    /**
     * Resolves the spec of a resumed run: what it recorded, with the given settings that may change
     * on resume ({@link Setting#resumable()}) applied. A fixed setting given with the value the run
     * recorded is accepted; one given with another value is refused, naming it, the recorded value
     * and the new one.
     *
     * @param recorded the run's recorded spec
     * @param configFile where it was recorded (named in errors)
     * @throws UserError for a given value that would change a fixed setting
     */
    public static RunSpec resume(RunSpec recorded, Path configFile, Given given) {
        Layers layers = layers(given);
        if (layers.preset().isPresent() && !Objects.equals(layers.preset(), recorded.preset())) {
            throw new UserError("--preset " + layers.preset().get() + " cannot be changed with --resume: " + configFile
                    + " records " + recorded.preset().map(p -> "preset " + p).orElse("no preset"));
        }
        SettingValues values = recorded.values();
        for (var entry : layers.values().entries().entrySet()) {
            Setting<?> setting = entry.getKey();
            Object value = entry.getValue().value();
            Object before = recorded.values().get(setting);
            if (setting.resumable()) {
                values = values.with(setting, entry.getValue());
            } else if (!sameValue(setting, before, value)) {
                Origin origin = entry.getValue().origin();
                throw new UserError(origin.subject(setting) + " " + setting.format(value) + origin.suffix()
                        + " cannot be changed with --resume: " + configFile + " records "
                        + (before == null ? "it unset" : setting.format(before)) + " (only "
                        + String.join(", ", resumableFlags()) + ", --stop-after, --quiet may change)");
            }
        }
        return RunSpec.of(values, recorded.preset());
    }

    /** Returns the flags of the settings {@code --resume} may change. */
    public static List<String> resumableFlags() {
        return Settings.ALL.stream()
                .filter(Setting::resumable)
                .map(Setting::flag)
                .toList();
    }

    private static boolean sameValue(Setting<?> setting, Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        return setting.format(a).equals(setting.format(b));
    }

    private record Layers(SettingValues values, Optional<String> preset) {}

    private static Layers layers(Given given) {
        SettingsFile file = given.configFile() == null
                ? new SettingsFile(SettingValues.empty(), Optional.empty())
                : SettingsFile.read(given.configFile());
        Optional<String> presetName = given.preset() != null ? Optional.of(given.preset()) : file.preset();
        Optional<Presets.Preset> preset =
                presetName.map(name -> Presets.standard().get(name));
        SettingValues base = preset.map(Presets.Preset::values).orElse(SettingValues.empty());
        return new Layers(base.overlaidBy(file.values()).overlaidBy(given.flags()), preset.map(Presets.Preset::name));
    }
}
