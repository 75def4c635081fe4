package io.sam4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command's help renders cleanly and teaches: picocli formats descriptions with {@link
 * String#format}, so a bare '%' ("40% wrong labels") makes it print a warning on stderr and give up the
 * text's formatting; a line wider than {@value HelpLayout#MAX_WIDTH} columns is hard to read; and each
 * command ends with examples that run as shown.
 */
class HelpTextTest {

    private static void collect(CommandLine command, List<CommandLine> into) {
        into.add(command);
        command.getSubcommands().values().forEach(sub -> collect(sub, into));
    }

    /** Every sam4j command but picocli's own 'help'. */
    private static List<CommandLine> commands() {
        List<CommandLine> commands = new ArrayList<>();
        collect(Sam4j.commandLine(), commands);
        commands.removeIf(c -> c.getCommand() instanceof CommandLine.HelpCommand);
        return commands;
    }

    private static String name(CommandLine command) {
        return command.getCommandSpec().qualifiedName();
    }

    @Test
    void everyCommandsHelpRendersWithoutFormatWarnings() {
        List<CommandLine> commands = commands();
        assertThat(commands).hasSizeGreaterThan(10);
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            for (CommandLine command : commands) {
                String usage = command.getUsageMessage();
                assertThat(usage).as(name(command)).contains("Usage: ");
            }
        } finally {
            System.setErr(oldErr);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("picocli WARN");
    }

    @Test
    void noHelpLineIsWiderThanTheCap() {
        for (CommandLine command : commands()) {
            List<String> wide = command.getUsageMessage()
                    .lines()
                    .filter(line -> line.length() > HelpLayout.MAX_WIDTH)
                    .collect(Collectors.toList());
            assertThat(wide)
                    .as(name(command) + " --help lines over " + HelpLayout.MAX_WIDTH)
                    .isEmpty();
        }
    }

    @Test
    void everyCommandEndsWithTwoExamplesThatParseAndDoNotWrap() {
        for (CommandLine command : commands()) {
            String usage = command.getUsageMessage();
            String[] footer = command.getCommandSpec().usageMessage().footer();
            assertThat(usage).as(name(command)).contains("Examples:");
            assertThat(footer).as(name(command) + " examples").hasSizeGreaterThanOrEqualTo(2);
            for (String example : footer) {
                // Whole on one line: an example broken mid-command cannot be copied.
                assertThat(usage.lines())
                        .as(name(command) + " shows '" + example + "' on one line")
                        .contains(example);
                List<String> words = DocSnippetsTest.words(example, new HashMap<>());
                assertThat(words.get(0)).as(example).isEqualTo("sam4j");
                String[] args = words.subList(1, words.size()).toArray(String[]::new);
                CommandLine.ParseResult parsed = Sam4j.commandLine().parseArgs(args);
                CommandLine.ParseResult last = parsed;
                while (last.hasSubcommand()) {
                    last = last.subcommand();
                }
                assertThat(last.commandSpec().qualifiedName())
                        .as(example + " runs this command")
                        .startsWith(name(command));
            }
        }
    }

    @Test
    void theTopLevelListsEveryCommandUnderOneTask() {
        CommandLine top = Sam4j.commandLine();
        Set<String> grouped = new TreeSet<>();
        HelpLayout.GROUPS.values().forEach(grouped::addAll);
        assertThat(grouped).isEqualTo(new TreeSet<>(top.getSubcommands().keySet()));
        String usage = top.getUsageMessage();
        assertThat(usage).doesNotContain("Other:");
        for (String heading : HelpLayout.GROUPS.keySet()) {
            assertThat(usage).contains("\n" + heading + ":\n");
        }
        assertThat(usage.indexOf("  demo "))
                .as("demo, the command to run first, comes first")
                .isLessThan(usage.indexOf("  train "));
    }

    /** The heading lines of a help text, in order: unindented lines ending in ':'. */
    private static List<String> headings(String usage) {
        return usage.lines()
                .filter(line -> !line.startsWith(" ") && line.endsWith(":"))
                .collect(Collectors.toList());
    }

    @Test
    void trainListsItsSettingsUnderTheirGroupsInTheDocsOrder() {
        CommandLine train = Sam4j.commandLine().getSubcommands().get("train");
        String usage = train.getUsageMessage();
        // The same groups, in the same order, as docs/cli.md's table (SettingsTable), then the shared flags.
        assertThat(headings(usage))
                .containsExactly(
                        "Options:", "Data:", "Model:", "Optimization:", "SAM:", "Run:", "Common options:", "Examples:");
        // Each setting under its own group's heading: --label-noise under Data, --rho under SAM, --seed under Run.
        assertThat(usage.indexOf("--label-noise")).isBetween(usage.indexOf("\nData:"), usage.indexOf("\nModel:"));
        assertThat(usage.indexOf("--rho")).isBetween(usage.indexOf("\nSAM:"), usage.indexOf("\nRun:"));
        assertThat(usage.indexOf("--seed")).isBetween(usage.indexOf("\nRun:"), usage.indexOf("\nCommon options:"));
        assertThat(usage.indexOf("--out")).isBetween(usage.indexOf("\nOptions:"), usage.indexOf("\nData:"));
    }

    /** The long name of an option line ("-h, --help  Show ..." is --help), or null for another line. */
    private static String optionName(String line) {
        String[] tokens = line.strip().split("[ ,=]+");
        if (!tokens[0].startsWith("-")) {
            return null;
        }
        return tokens[0].startsWith("--") || tokens.length < 2 ? tokens[0] : tokens[1];
    }

    @Test
    void everyCommandListsTheSharedFlagsLastInOneOrder() {
        List<String> shared = List.of("--quiet", "--verbose", "--help", "--version");
        for (CommandLine command : commands()) {
            List<String> lines = command.getUsageMessage().lines().collect(Collectors.toList());
            int heading = lines.indexOf("Common options:");
            assertThat(heading)
                    .as(name(command) + " has a 'Common options:' section")
                    .isPositive();
            List<String> before = new ArrayList<>();
            List<String> after = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                String option = optionName(lines.get(i));
                if (option != null && lines.get(i).startsWith(" ")) {
                    (i < heading ? before : after).add(option);
                }
            }
            assertThat(before)
                    .as(name(command) + " options before the shared ones")
                    .doesNotContainAnyElementsOf(shared);
            List<String> expected = new ArrayList<>(shared);
            expected.retainAll(after);
            assertThat(after)
                    .as(name(command) + " shared flags, last and in one order")
                    .isEqualTo(expected);
        }
    }
}
