package io.sam4j.cli;

import io.sam4j.cli.spec.OptionSections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.TextTable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * How every command's help is laid out: an abbreviated synopsis (the options follow it, in groups), the
 * terminal's width up to {@value #MAX_WIDTH} columns, the top-level commands listed by task so that
 * the command to run first is not lost in an alphabetical list, and the options in one order for every
 * command ({@link OptionSections}): its own under "Options:", the settings under their groups'
 * headings ("Data:", "Model:", …), and the shared flags under "Common options:".
 */
final class HelpLayout {

    /** Wider lines are hard to read, and a terminal wider than this gains nothing. */
    static final int MAX_WIDTH = 100;

    /** The top level's commands, by what a reader wants to do; every command is in one group. */
    static final Map<String, List<String>> GROUPS = groups();

    private HelpLayout() {}

    private static Map<String, List<String>> groups() {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        groups.put("Start", List.of("demo", "train", "report"));
        groups.put("Analyse", List.of("hessian", "landscape", "sharpness", "eval"));
        groups.put("Experiments", List.of("sweep", "compare", "bench"));
        groups.put("Catalogues", List.of("datasets", "models", "methods", "presets"));
        groups.put("Exchange", List.of("export"));
        groups.put("Help", List.of("help"));
        return groups;
    }

    /** Applies the layout to {@code cli} and its subcommands; the width is found when help is rendered. */
    static void apply(CommandLine cli) {
        cli.setHelpFactory(HelpLayout::help);
        cli.getCommandSpec().usageMessage().abbreviateSynopsis(true);
        cli.getSubcommands().values().forEach(HelpLayout::apply);
        if (cli.getCommandSpec().parent() == null) {
            cli.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST, HelpLayout::groupedCommands);
        }
        cli.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_OPTION_LIST, HelpLayout::options);
    }

    /** The option list: the command's own options, the settings' groups, then the shared flags. */
    private static String options(Help help) {
        CommandSpec spec = help.commandSpec();
        StringBuilder text = new StringBuilder();
        List<OptionSpec> own = OptionSections.own(spec);
        if (!own.isEmpty()) {
            // null: no sorting, the declaration order.
            text.append(String.format(Locale.ROOT, "%nOptions:%n"))
                    .append(help.optionListExcludingGroups(
                            own, help.createDefaultLayout(), null, help.createDefaultParamLabelRenderer()));
        }
        text.append(help.optionListGroupSections());
        List<OptionSpec> common = OptionSections.common(spec);
        if (!common.isEmpty()) {
            text.append(String.format(Locale.ROOT, "%nCommon options:%n"))
                    .append(help.optionListExcludingGroups(
                            common, help.createDefaultLayout(), null, help.createDefaultParamLabelRenderer()));
        }
        return text.toString();
    }

    /** Picocli's help at the terminal's width, capped; asked for only when help is printed. */
    private static Help help(CommandSpec spec, Help.ColorScheme colors) {
        UsageMessageSpec usage = spec.usageMessage();
        usage.autoWidth(true);
        int width = Math.min(usage.width(), MAX_WIDTH);
        usage.autoWidth(false);
        usage.width(width);
        return new Help(spec, colors);
    }

    /** The command list, one heading per group. */
    private static String groupedCommands(Help help) {
        Map<String, CommandLine> commands = help.commandSpec().subcommands();
        if (commands.isEmpty()) {
            return "";
        }
        Set<String> listed = new TreeSet<>();
        int nameWidth =
                commands.keySet().stream().mapToInt(String::length).max().orElse(0) + 2;
        StringBuilder text = new StringBuilder();
        GROUPS.forEach((heading, names) -> {
            TextTable table = TextTable.forColumns(
                    help.colorScheme(),
                    new Column(nameWidth + 2, 2, Column.Overflow.SPAN),
                    new Column(help.commandSpec().usageMessage().width() - nameWidth - 2, 2, Column.Overflow.WRAP));
            for (String name : names) {
                CommandLine command = commands.get(name);
                if (command != null) {
                    table.addRowValues(name, summary(command.getCommandSpec().usageMessage()));
                    listed.add(name);
                }
            }
            text.append(String.format(Locale.ROOT, "%n%s:%n", heading)).append(table);
        });
        // A command added without a group still shows (HelpTextTest fails until it has one).
        commands.keySet().stream()
                .filter(name -> !listed.contains(name))
                .forEach(name -> text.append(String.format(Locale.ROOT, "%nOther:%n  %s%n", name)));
        return text.toString();
    }

    /** The first line of a command's description, formatted as picocli formats it ('%%' is a '%'). */
    private static String summary(UsageMessageSpec usage) {
        String[] lines = usage.header().length > 0 ? usage.header() : usage.description();
        return lines.length == 0 ? "" : String.format(Locale.ROOT, lines[0]);
    }
}
