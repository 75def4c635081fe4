package io.sam4j.cli.spec;

import io.sam4j.cli.UserError;

/** Builds run specs in tests from flag names and texts, through the same path as the command line. */
public final class Specs {

    private Specs() {}

    /** Resolves a new run's spec from {@code name, text, name, text, ...} (names without dashes). */
    public static RunSpec of(String... namesAndValues) {
        return SpecResolver.newRun(SpecResolver.Given.flags(values(namesAndValues)));
    }

    /** Parses {@code name, text, ...} pairs as flags would be. */
    public static SettingValues values(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values come in pairs");
        }
        SettingValues values = SettingValues.empty();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            String name = namesAndValues[i];
            Setting<?> setting = Settings.find(name).orElseThrow(() -> new UserError("no setting " + name));
            values = values.with(
                    setting, new SettingValues.Entry(setting.parse(namesAndValues[i + 1], Origin.FLAG), Origin.FLAG));
        }
        return values;
    }
}
