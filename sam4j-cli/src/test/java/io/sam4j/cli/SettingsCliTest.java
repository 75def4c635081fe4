package io.sam4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sam4j.cli.command.MethodsTable;
import io.sam4j.cli.command.TrainCommand;
import io.sam4j.cli.spec.Setting;
import io.sam4j.cli.spec.Settings;
import io.sam4j.cli.spec.SettingsTable;
import io.sam4j.core.sam.SamMethods;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The settings' declarations are the one source: {@code train --help}, the table of docs/cli.md and the
 * shared options of every command agree with them.
 */
class SettingsCliTest {

    private static final Path CLI_DOC = Path.of("..", "docs", "cli.md");

    private static CommandSpec train() {
        return new CommandLine(new TrainCommand()).getCommandSpec();
    }

    /**
     * The table in docs/cli.md is generated. Run with {@code -Dsam4j.updateDocs=true} to rewrite it after
     * changing a declaration.
     */
    @Test
    void theCliDocTableIsTheDeclarations() throws Exception {
        String doc = Files.readString(CLI_DOC, StandardCharsets.UTF_8);
        int begin = doc.indexOf(SettingsTable.BEGIN);
        int end = doc.indexOf(SettingsTable.END);
        assertThat(begin).as("docs/cli.md has the generated table's markers").isNotNegative();
        assertThat(end).isGreaterThan(begin);
        String expected = SettingsTable.markdown(train());
        String current = doc.substring(begin + SettingsTable.BEGIN.length() + 1, end);
        if (Boolean.getBoolean("sam4j.updateDocs") && !current.equals(expected)) {
            Files.writeString(
                    CLI_DOC,
                    doc.substring(0, begin + SettingsTable.BEGIN.length() + 1) + expected + doc.substring(end),
                    StandardCharsets.UTF_8);
            current = expected;
        }
        assertThat(current)
                .as("docs/cli.md's train table; regenerate with mvn test -pl sam4j-cli -Dtest=SettingsCliTest"
                        + " -Dsam4j.updateDocs=true")
                .isEqualTo(expected);
        for (Setting<?> setting : Settings.ALL) {
            assertThat(expected)
                    .contains("`" + setting.flag())
                    .contains(setting.help().replace("|", "\\|"));
        }
    }

    /**
     * The authors'-settings table in docs/methods.md is generated from the catalog; rewrite it with
     * {@code -Dsam4j.updateDocs=true}.
     */
    @Test
    void theMethodsDocTableIsTheCatalog() throws Exception {
        Path methodsDoc = Path.of("..", "docs", "methods.md");
        String doc = Files.readString(methodsDoc, StandardCharsets.UTF_8);
        int begin = doc.indexOf(MethodsTable.BEGIN);
        int end = doc.indexOf(MethodsTable.END);
        assertThat(begin)
                .as("docs/methods.md has the generated table's markers")
                .isNotNegative();
        assertThat(end).isGreaterThan(begin);
        String expected = MethodsTable.markdown();
        String current = doc.substring(begin + MethodsTable.BEGIN.length() + 1, end);
        if (Boolean.getBoolean("sam4j.updateDocs") && !current.equals(expected)) {
            Files.writeString(
                    methodsDoc,
                    doc.substring(0, begin + MethodsTable.BEGIN.length() + 1) + expected + doc.substring(end),
                    StandardCharsets.UTF_8);
            current = expected;
        }
        assertThat(current)
                .as("docs/methods.md's settings table; regenerate with mvn test -pl sam4j-cli -Dtest=SettingsCliTest"
                        + " -Dsam4j.updateDocs=true")
                .isEqualTo(expected);
        assertThat(expected).contains("SamsungLabs/ASAM README.md", "rho 0.5", "MarlonBecker/MSAM");
    }

    @Test
    void trainHelpListsEveryDeclaredSettingAndNothingUndeclared() {
        CliRun help = CliRun.of("train", "--help");
        assertThat(help.exitCode()).isZero();
        Set<String> flags = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^\\s+(?:-\\w, )?--(?:\\[no-])?([a-z0-9-]+)")
                .matcher(help.out());
        while (m.find()) {
            flags.add(m.group(1));
        }
        Set<String> expected = new TreeSet<>(Settings.names());
        expected.addAll(
                List.of("config", "preset", "out", "resume", "stop-after", "quiet", "verbose", "help", "version"));
        assertThat(flags).isEqualTo(expected);
        assertThat(help.out()).contains("(default: 0.05)").contains("(default: fashion-mnist)");
    }

    @Test
    void everyCommandTakesQuietAndVerbose() {
        CommandLine sam4j = Sam4j.commandLine();
        List<CommandLine> commands = Stream.concat(
                        sam4j.getSubcommands().values().stream(),
                        sam4j.getSubcommands().values().stream().flatMap(c -> c.getSubcommands().values().stream()))
                .filter(c -> !c.getCommandName().equals("help"))
                .distinct()
                .collect(Collectors.toList());
        assertThat(commands)
                .extracting(CommandLine::getCommandName)
                .contains("hessian", "landscape", "sharpness", "eval", "export", "report", "bench", "train", "sweep");
        for (CommandLine command : commands) {
            CommandSpec spec = command.getCommandSpec();
            if (!spec.subcommands().isEmpty() && spec.findOption("--quiet") == null) {
                continue; // a group such as 'datasets' or 'bench' whose subcommands (checked too) do the work
            }
            assertThat(spec.findOption("--quiet")).as(spec.qualifiedName()).isNotNull();
            assertThat(spec.findOption("--verbose")).as(spec.qualifiedName()).isNotNull();
        }
    }

    @Test
    void verboseIsPerInvocationNotGlobal(@TempDir Path dir) {
        CliRun verbose = CliRun.of("hessian", dir.resolve("none").toString(), "--verbose", "--quiet");
        assertThat(verbose.exitCode()).isEqualTo(2);
        assertThat(verbose.errorLines()).isEqualTo(1);
        CliRun plain = CliRun.of("eval", dir.resolve("none").toString());
        assertThat(plain.err()).doesNotContain("at io.sam4j");
    }

    @Test
    void aSweepWithAnUnknownAugmentationFailsBeforeAnyRun(@TempDir Path dir) {
        Path out = dir.resolve("sweep");
        CliRun run = CliRun.of("sweep", "--grid", "seed=1,2", "--augment", "mixup", "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.errorLines()).isEqualTo(1);
        assertThat(run.err()).contains("--augment: ").contains("mixup");
        assertThat(out).doesNotExist();
    }

    @Test
    void badInputLeavesNoRunDirectory(@TempDir Path dir) {
        for (String[] bad : List.of(
                new String[] {"--model", "nosuch"},
                new String[] {"--dataset", "nosuch"},
                new String[] {"--augment", "mixup"},
                new String[] {"--rho", "-1"})) {
            Path out = dir.resolve("run-" + bad[0].substring(2));
            List<String> args = new ArrayList<>(List.of("train", "--out", out.toString()));
            args.addAll(List.of(bad));
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertThat(run.exitCode()).as(String.join(" ", bad)).isEqualTo(2);
            assertThat(out).as(String.join(" ", bad)).doesNotExist();
        }
    }

    @Test
    void aDeviceTheEngineLacksIsOneLineAndLeavesNoRun(@TempDir Path dir) {
        Path out = dir.resolve("gpu-run");
        CliRun run = CliRun.of("train", "--out", out.toString(), "--device", "gpu", "--train-limit", "100");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errorLines()).isEqualTo(1);
        assertThat(run.err()).contains("--device: device 'gpu' is not available");
        assertThat(out).doesNotExist();
        assertThat(CliRun.of("train", "--device", "tpu").err())
                .contains("--device must be cpu, gpu or gpu:N but was 'tpu'");
    }

    @Test
    void methodsListShowsTheCatalogAndEveryParameterIsATrainFlag() {
        CliRun run = CliRun.of("methods", "list");
        assertThat(run.exitCode()).as(run.err()).isZero();
        for (var method : SamMethods.all()) {
            assertThat(run.out()).contains(method.name()).contains(method.cost());
            for (var parameter : method.parameters()) {
                assertThat(Settings.find(parameter.name())).as(parameter.name()).isPresent();
            }
        }
        assertThat(run.out()).contains("looksam").contains("1 + 1/k").contains("--k");
        // The defaults stand in one column, however long a parameter's name ("--ae-lambda-start").
        var defaultColumns = run.out()
                .lines()
                .filter(line -> line.strip().startsWith("--"))
                .map(line -> {
                    int afterName = line.indexOf(' ', line.indexOf("--"));
                    while (line.charAt(afterName) == ' ') {
                        afterName++;
                    }
                    return afterName;
                })
                .distinct()
                .toList();
        assertThat(defaultColumns).hasSize(1);
    }

    @Test
    void modelsListForAnInputKeepsTheFamiliesThatAcceptIt() {
        CliRun run = CliRun.of("models", "list", "--input", "3x224x224", "--classes", "1000");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("resnet-50").contains("25,557,032").doesNotContain("transformer-ts");
        assertThat(run.err())
                .contains("left out")
                .contains("transformer-ts-tiny")
                .contains("gcn-small");
    }
}
