package io.sam4j.cli.spec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The one order in which a command's options are listed, by its {@code --help} and by docs/cli.md's
 * table of {@code train}'s flags: the command's own options as declared, then the settings in their
 * groups ({@link SettingOptions}), then the flags every command shares.
 */
public final class OptionSections {

    /** The flags every command shares, last and in this order. */
    public static final List<String> COMMON = List.of("--quiet", "--verbose", "--help", "--version");

    private OptionSections() {}

    /** The command's own options: not a setting's, not shared, not hidden; in declaration order. */
    public static List<OptionSpec> own(CommandSpec spec) {
        List<OptionSpec> own = new ArrayList<>();
        for (OptionSpec option : spec.options()) {
            if (option.group() == null && !option.hidden() && !COMMON.contains(option.longestName())) {
                own.add(option);
            }
        }
        return own;
    }

    /** The shared flags the command has, in {@link #COMMON}'s order. */
    public static List<OptionSpec> common(CommandSpec spec) {
        List<OptionSpec> common = new ArrayList<>();
        for (OptionSpec option : spec.options()) {
            if (option.group() == null && COMMON.contains(option.longestName())) {
                common.add(option);
            }
        }
        common.sort(Comparator.comparingInt(o -> COMMON.indexOf(o.longestName())));
        return common;
    }
}
