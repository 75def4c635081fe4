package io.sam4j.cli.spec;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The table of {@code train} flags, written from the command's model (the same one
 * {@code --help} prints), so the documentation cannot drift from the declarations.
 */
public final class SettingsTable {

    /** The line before the table in docs/cli.md. */
    public static final String BEGIN = "<!-- train-flags: generated from io.sam4j.cli.spec.Settings -->";

    /** The line after the table in docs/cli.md. */
    public static final String END = "<!-- /train-flags -->";

    private SettingsTable() {}

    /** Returns the Markdown table of {@code train}'s options: settings by group, then the other options. */
    public static String markdown(CommandSpec train) {
        List<String> rows = new ArrayList<>();
        rows.add("| flag | meaning (default) | on `--resume` |");
        rows.add("|---|---|---|");
        for (Setting.Group group : Setting.Group.values()) {
            rows.add("| **" + group.title() + "** | | |");
            for (Setting<?> setting : Settings.ALL) {
                if (setting.group() == group) {
                    rows.add(row(flag(setting), setting.description(), setting.resumable() ? "may change" : "fixed"));
                }
            }
        }
        rows.add("| **Invocation** | | |");
        for (OptionSpec option : train.options()) {
            String name = option.longestName().replaceFirst("^--", "");
            if (Settings.find(name).isEmpty() && !option.usageHelp() && !option.versionHelp()) {
                String label = option.arity().max() == 0 ? "" : " " + option.paramLabel();
                rows.add(row(option.longestName() + label, String.join(" ", option.description()), ""));
            }
        }
        return String.join("\n", rows) + "\n";
    }

    private static String flag(Setting<?> setting) {
        if (setting.type().isBoolean()) {
            return setting.flag() + ", --no-" + setting.name();
        }
        return setting.flag() + " " + setting.paramLabel();
    }

    private static String row(String flag, String meaning, String resume) {
        return "| `" + flag.replace("|", "\\|") + "` | " + meaning.replace("|", "\\|") + " | " + resume + " |";
    }
}
