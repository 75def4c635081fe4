package io.sam4j.cli.run;

import io.sam4j.cli.UserError;
import io.sam4j.cli.spec.RunSpec;
import io.sam4j.cli.spec.SettingOptions;
import io.sam4j.cli.spec.Settings;
import io.sam4j.cli.spec.SpecResolver;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * A training run asked for with {@code sam4j train}'s setting flags, {@code --config}, {@code --preset} and
 * {@code --quiet}, run through this package's {@link Training}: what a sweep's worker process starts or
 * resumes, without going through a command. The flags are read by the settings' own declarations, as
 * {@code sam4j train} reads them, so a sweep's runs resolve exactly as the same {@code train} would.
 */
public final class TrainingRequest {

    private final SpecResolver.Given given;
    private final boolean quiet;

    private TrainingRequest(SpecResolver.Given given, boolean quiet) {
        this.given = given;
        this.quiet = quiet;
    }

    /**
     * Reads the flags.
     *
     * @throws UserError naming a flag that is unknown or has a bad value
     */
    public static TrainingRequest parse(List<String> flags) {
        CommandSpec spec = CommandSpec.create();
        spec.addOption(
                OptionSpec.builder("--config").type(Path.class).arity("1").build());
        spec.addOption(
                OptionSpec.builder("--preset").type(String.class).arity("1").build());
        spec.addOption(
                OptionSpec.builder("--quiet").type(Boolean.class).arity("0").build());
        SettingOptions.addTo(spec, Settings.ALL);
        ParseResult parsed;
        try {
            parsed = new CommandLine(spec).parseArgs(flags.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new UserError(e.getMessage());
        }
        SpecResolver.Given given = new SpecResolver.Given(
                SettingOptions.given(parsed),
                parsed.matchedOptionValue("--config", null),
                parsed.matchedOptionValue("--preset", null));
        return new TrainingRequest(given, parsed.matchedOptionValue("--quiet", false));
    }

    /**
     * Trains a new run into {@code dir}, as {@code sam4j train --out DIR FLAGS} does.
     *
     * @return the exit code of the training
     */
    public int startIn(Path dir) throws IOException {
        RunSpec resolved = OfficialCheckpointModel.select(
                SpecResolver.newRun(given), note -> System.err.println("sam4j: note: " + note));
        RunDirectory run = new RunDirectory(dir);
        run.checkNew();
        return new Training(resolved, run, false, null, quiet).run();
    }

    /**
     * Continues the run in {@code dir}, as {@code sam4j train --resume DIR FLAGS} does.
     *
     * @return the exit code of the training
     */
    public int resume(Path dir) throws IOException {
        RunDirectory run = new RunDirectory(dir);
        RunSpec resumed = SpecResolver.resume(run.readSpec(), run.file(RunDirectory.CONFIG), given);
        return new Training(resumed, run, true, null, quiet).run();
    }
}
