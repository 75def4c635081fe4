package io.sam4j.cli.spec;

import java.nio.file.Path;

/**
 * Where a setting's value came from, so that an error can point at it: a flag, a line of a config
 * file, a preset, a run's recorded {@code config.json}, or the default.
 *
 * @param kind the kind of source
 * @param where the file, preset or run named in messages; empty for flags and defaults
 * @param line the config file's line, or 0
 */
public record Origin(Kind kind, String where, int line) {

    /** The kinds of source, from weakest to strongest. */
    public enum Kind {
        DEFAULT,
        PRESET,
        FILE,
        FLAG,
        RECORDED
    }

    /** The declared default. */
    public static final Origin DEFAULT = new Origin(Kind.DEFAULT, "", 0);

    /** A command-line flag. */
    public static final Origin FLAG = new Origin(Kind.FLAG, "", 0);

    /** A preset's settings. */
    public static Origin preset(String name) {
        return new Origin(Kind.PRESET, name, 0);
    }

    /** A key of a config file, at a line. */
    public static Origin file(Path file, int line) {
        return new Origin(Kind.FILE, file.toString(), line);
    }

    /** A run's recorded config. */
    public static Origin recorded(Path configFile) {
        return new Origin(Kind.RECORDED, configFile.toString(), 0);
    }

    /** Names the source for an error about {@code setting}'s value, e.g. {@code "--rho"} or {@code "config file f.yaml: rho"}. */
    public String subject(Setting<?> setting) {
        return switch (kind) {
            case FLAG, DEFAULT -> setting.flag();
            case FILE -> "config file " + where + ": " + setting.name();
            case PRESET -> "preset '" + where + "': " + setting.name();
            case RECORDED -> where + ": " + setting.name();
        };
    }

    /** Says where the value came from, after an error message: {@code " (line 3)"}, or nothing. */
    public String suffix() {
        return kind == Kind.FILE && line > 0 ? " (line " + line + ")" : "";
    }
}
