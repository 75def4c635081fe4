package io.sam4j.cli;

import io.sam4j.cli.command.BenchCommand;
import io.sam4j.cli.command.CompareCommand;
import io.sam4j.cli.command.DatasetsCommand;
import io.sam4j.cli.command.DemoCommand;
import io.sam4j.cli.command.EvalCommand;
import io.sam4j.cli.command.ExportCommand;
import io.sam4j.cli.command.HessianCommand;
import io.sam4j.cli.command.LandscapeCommand;
import io.sam4j.cli.command.MethodsCommand;
import io.sam4j.cli.command.ModelsCommand;
import io.sam4j.cli.command.OutputOptions;
import io.sam4j.cli.command.PresetsCommand;
import io.sam4j.cli.command.ReportCommand;
import io.sam4j.cli.command.SharpnessCommand;
import io.sam4j.cli.command.SweepCommand;
import io.sam4j.cli.command.TrainCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** The {@code sam4j} command: Sharpness-Aware Minimization for the JVM. */
@Command(
        name = "sam4j",
        mixinStandardHelpOptions = true,
        versionProvider = Sam4j.Version.class,
        description = "Sharpness-Aware Minimization and its family (see 'sam4j methods list') on DJL.",
        commandListHeading = "",
        footerHeading = "%nExamples:%n",
        footer = {"  sam4j demo", "  sam4j train --sam looksam --epochs 10 --out runs/looksam"},
        subcommands = {
            TrainCommand.class,
            EvalCommand.class,
            DatasetsCommand.class,
            ModelsCommand.class,
            MethodsCommand.class,
            BenchCommand.class,
            SweepCommand.class,
            CompareCommand.class,
            ReportCommand.class,
            DemoCommand.class,
            PresetsCommand.class,
            ExportCommand.class,
            HessianCommand.class,
            LandscapeCommand.class,
            SharpnessCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Sam4j implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Makes DJL work offline; called before any DJL class loads. */
    public static void configureOffline() {
        DjlOffline.configure();
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI and returns the exit code (tests call this). */
    public static int execute(String... args) {
        configureOffline();
        CommandLine cli = commandLine();
        cli.setExecutionExceptionHandler(Sam4j::handleExecutionException);
        cli.setParameterExceptionHandler(Sam4j::handleParameterException);
        return cli.execute(args);
    }

    /** The command line as {@link #execute} parses it, without its handlers (the docs' test parses with it). */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Sam4j());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setOverwrittenOptionsAllowed(true);
        HelpLayout.apply(cli);
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private static int handleParameterException(CommandLine.ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        PrintWriter err = cli.getErr();
        String message = e.getMessage();
        if (e instanceof CommandLine.UnmatchedArgumentException u
                && !u.getSuggestions().isEmpty()) {
            message += " (did you mean " + String.join(" or ", u.getSuggestions()) + "?)";
        }
        err.println("sam4j: error: " + message);
        err.println("Try '" + cli.getCommandSpec().qualifiedName() + " --help' for more information.");
        return ExitCodes.USAGE;
    }

    private static int handleExecutionException(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        return Failures.report(e, cli.getErr(), verbose(parsed));
    }

    /** Returns whether the command that failed was given {@code --verbose}. */
    private static boolean verbose(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption(OutputOptions.VERBOSE)) {
                return true;
            }
        }
        return false;
    }

    /** Prints sam4j's and its stack's versions. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {
                "sam4j " + Versions.sam4j()
                        + Versions.gitCommit()
                                .map(c -> " (" + c.substring(0, Math.min(12, c.length())) + ")")
                                .orElse(""),
                "DJL " + Versions.djl() + ", PyTorch " + Versions.pytorch() + " (CPU engine, offline)",
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
            };
        }
    }
}
