package io.sam4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command's help renders cleanly: picocli formats descriptions with {@link String#format}, so a
 * bare '%' ("40% wrong labels") makes it print a warning on stderr and give up the text's formatting.
 */
class HelpTextTest {

    private static void collect(CommandLine command, List<CommandLine> into) {
        into.add(command);
        command.getSubcommands().values().forEach(sub -> collect(sub, into));
    }

    @Test
    void everyCommandsHelpRendersWithoutFormatWarnings() {
        List<CommandLine> commands = new ArrayList<>();
        collect(new CommandLine(new Sam4j()), commands);
        assertThat(commands).hasSizeGreaterThan(10);
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            for (CommandLine command : commands) {
                String usage = command.getUsageMessage();
                assertThat(usage).as(command.getCommandName()).contains("Usage: ");
            }
        } finally {
            System.setErr(oldErr);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("picocli WARN");
    }
}
