package io.sam4j.cli.command;

import io.sam4j.cli.UserError;
import io.sam4j.cli.run.OfficialCheckpointModel;
import io.sam4j.cli.run.RunDirectory;
import io.sam4j.cli.run.Training;
import io.sam4j.cli.spec.RunSpec;
import io.sam4j.cli.spec.SettingOptions;
import io.sam4j.cli.spec.SpecResolver;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * {@code sam4j train}: trains a model with a method of the SAM family, or the base optimizer alone, into a run
 * directory.
 *
 * <p>The settings' options come from their declarations ({@link io.sam4j.cli.spec.Settings}, added by
 * {@link SettingOptions.Transformer}); this command declares only what is not a setting of the run:
 * where it goes and how this invocation behaves.
 */
@Command(
        name = "train",
        footerHeading = "%nExamples:%n",
        footer = {
            "  sam4j train --sam looksam --rho 0.1 --epochs 10 --out runs/looksam",
            "  sam4j train --preset wrn28-10-cifar10 --epochs 2 --stop-after 1"
        },
        mixinStandardHelpOptions = true,
        sortOptions = false,
        modelTransformer = SettingOptions.Transformer.class,
        description = {
            "Train a model with SAM or one of its variants (see 'sam4j methods list'), or the base optimizer alone.",
            "With no flags: SAM (rho 0.05) on Fashion-MNIST with the small CNN for 3 epochs.",
            "Precedence: flags > --config file > --preset > defaults, whatever their order."
        })
public final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Option(
            names = "--config",
            paramLabel = "FILE.yaml",
            description = "Read settings from YAML; keys are the flag names (flags win).")
    Path configFile;

    @Option(
            names = "--preset",
            paramLabel = "NAME",
            description = "Start from a setting of the SAM paper (see 'sam4j presets list').")
    String preset;

    @Option(
            names = "--out",
            paramLabel = "RUN_DIR",
            description = "Run directory to create (default: runs/DATASET-MODEL-SAM-TIMESTAMP).")
    Path out;

    @Option(
            names = "--resume",
            paramLabel = "RUN_DIR",
            description = "Continue that run in place up to --epochs in total; repeating the run's own flags is"
                    + " allowed, changing a fixed one is not.")
    Path resume;

    @Option(
            names = "--stop-after",
            paramLabel = "EPOCHS",
            description = "Stop after this many epochs in this invocation (checkpointed; continue with --resume).")
    Integer stopAfter;

    @Override
    public Integer call() throws Exception {
        if (stopAfter != null && stopAfter < 1) {
            throw new UserError("--stop-after must be >= 1 but was " + stopAfter);
        }
        SpecResolver.Given given = given(spec.commandLine().getParseResult());
        if (resume != null) {
            if (out != null
                    && !out.toAbsolutePath()
                            .normalize()
                            .equals(resume.toAbsolutePath().normalize())) {
                throw new UserError("--out " + out + " cannot be given with --resume: the run continues in " + resume);
            }
            RunDirectory run = new RunDirectory(resume);
            RunSpec resumed = SpecResolver.resume(run.readSpec(), run.file(RunDirectory.CONFIG), given);
            return new Training(resumed, run, true, stopAfter, output.quiet()).run();
        }
        // The settings are checked here and the data and model when Training opens them, all before the
        // run directory is created: bad input leaves nothing behind.
        RunSpec resolved = OfficialCheckpointModel.select(
                SpecResolver.newRun(given), note -> System.err.println("sam4j: note: " + note));
        RunDirectory run = new RunDirectory(out != null ? out : defaultRunDir(resolved));
        run.checkNew();
        return new Training(resolved, run, false, stopAfter, output.quiet()).run();
    }

    /** Returns the settings of a parsed {@code train} command line: its setting flags, config file and preset. */
    public static SpecResolver.Given given(ParseResult parsed) {
        return SpecResolver.Given.parsed(parsed);
    }

    private static Path defaultRunDir(RunSpec spec) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        String name = spec.data().dataset() + "-" + spec.model().name() + "-"
                + spec.sam().method().name() + "-" + stamp;
        return Path.of("runs", name.replaceAll("[^A-Za-z0-9._-]", "_"));
    }
}
