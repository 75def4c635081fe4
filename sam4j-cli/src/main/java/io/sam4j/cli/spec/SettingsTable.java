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

    /**
     * Returns the Markdown table of {@code train}'s options in the order its help lists them ({@link
     * OptionSections}): its own options, the settings by group, then the shared flags (less help and
     * version).
     */
    public static String markdown(CommandSpec train) {
        List<String> rows = new ArrayList<>();
        rows.add("| flag | meaning (default) | on `--resume` |");
        rows.add("|---|---|---|");
        rows.add("| **Invocation** | | |");
        OptionSections.own(train).forEach(option -> rows.add(row(option)));
        for (Setting.Group group : Setting.Group.values()) {
            rows.add("| **" + group.title() + "** | | |");
            for (Setting<?> setting : Settings.ALL) {
                if (setting.group() == group) {
                    rows.add(row(flag(setting), setting.description(), setting.resumable() ? "may change" : "fixed"));
                }
            }
        }
        rows.add("| **Common** | | |");
        for (OptionSpec option : OptionSections.common(train)) {
            if (!option.usageHelp() && !option.versionHelp()) {
                rows.add(row(option));
            }
        }
        return String.join("\n", rows) + "\n";
    }

    private static String row(OptionSpec option) {
        String label = option.arity().max() == 0 ? "" : " " + option.paramLabel();
        return row(option.longestName() + label, String.join(" ", option.description()), "");
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
