package io.sam4j.cli.sweep;

import io.sam4j.cli.UserError;
import io.sam4j.cli.spec.RunSpec;
import io.sam4j.cli.spec.Setting;
import io.sam4j.cli.spec.Settings;
import io.sam4j.cli.spec.SpecResolver;
import io.sam4j.core.util.Suggestions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The options of {@code sam4j train}, read from picocli's model of the command (which the caller, the
 * {@code sweep} command, passes in), so that grid axes and shared flags are checked against the real
 * command and never drift from it.
 */
public final class TrainOptions {

    /** How an option's value is checked and written. */
    public enum Kind {
        INTEGER,
        DECIMAL,
        BOOLEAN,
        PATH,
        TEXT,
        LIST
    }

    /** One option, named without its leading dashes. */
    public record Option(String name, Kind kind, boolean negatable) {}

    /** Options that the sweep itself sets, or that make no sense per run. */
    static final Set<String> SWEEP_OWNED = Set.of("out", "resume", "stop-after", "help", "version", "verbose");

    private final Map<String, Option> options;
    private final Supplier<CommandLine> train;

    private TrainOptions(Map<String, Option> options, Supplier<CommandLine> train) {
        this.options = options;
        this.train = train;
    }

    /**
     * Reads the options of {@code sam4j train}: its settings' kinds come from their declarations, the
     * other options (config file, preset, ...) from picocli's model of the command.
     *
     * @param train makes a new, unparsed command line of {@code sam4j train}
     */
    public static TrainOptions of(Supplier<CommandLine> train) {
        Map<String, Option> options = new LinkedHashMap<>();
        for (OptionSpec spec : train.get().getCommandSpec().options()) {
            String name = spec.longestName().replaceFirst("^--", "");
            Kind kind = Settings.find(name).map(TrainOptions::kindOf).orElseGet(() -> kindOf(spec));
            options.put(name, new Option(name, kind, spec.negatable()));
        }
        return new TrainOptions(options, train);
    }

    private static Kind kindOf(Setting<?> setting) {
        return switch (setting.type().form()) {
            case WHOLE -> Kind.INTEGER;
            case DECIMAL -> Kind.DECIMAL;
            case BOOLEAN -> Kind.BOOLEAN;
            case PATH -> Kind.PATH;
            case LIST -> Kind.LIST;
            case TEXT -> Kind.TEXT;
        };
    }

    private static Kind kindOf(OptionSpec spec) {
        Class<?> type = spec.type();
        if (type == Integer.class || type == int.class) {
            return Kind.INTEGER;
        } else if (type == Boolean.class || type == boolean.class) {
            return Kind.BOOLEAN;
        } else if (type == Path.class) {
            return Kind.PATH;
        }
        return Kind.TEXT;
    }

    /** Returns the option, if {@code train} has one of that name. */
    public Optional<Option> find(String name) {
        return Optional.ofNullable(options.get(name));
    }

    /** Returns every option name. */
    public Collection<String> names() {
        return options.keySet();
    }

    /**
     * Parses flags given to the sweep for every run into name → value (booleans as {@code true} /
     * {@code false}, relative paths made absolute since a Slurm job may start elsewhere).
     *
     * @throws UserError for an unknown flag, a bad value, or a flag the sweep owns
     */
    public Map<String, String> parseShared(List<String> args) {
        CommandLine cli = train.get();
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setOverwrittenOptionsAllowed(true);
        CommandLine.ParseResult parsed;
        try {
            parsed = cli.parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.UnmatchedArgumentException e) {
            String first = e.getUnmatched().isEmpty() ? "?" : e.getUnmatched().get(0);
            throw new UserError(
                    "unknown sweep or train flag '" + first + "'" + Suggestions.didYouMean(first, allFlagNames()));
        } catch (CommandLine.ParameterException e) {
            throw new UserError(e.getMessage());
        }
        Map<String, String> shared = new LinkedHashMap<>();
        for (OptionSpec spec : parsed.matchedOptions()) {
            String name = spec.longestName().replaceFirst("^--", "");
            if (SWEEP_OWNED.contains(name)) {
                throw new UserError("--" + name + " cannot be given to a sweep: " + whyOwned(name));
            }
            Option option = options.get(name);
            String value = switch (option.kind()) {
                case BOOLEAN -> String.valueOf((Object) spec.getValue());
                case PATH ->
                    Path.of(last(spec.originalStringValues()))
                            .toAbsolutePath()
                            .normalize()
                            .toString();
                case LIST -> String.join(",", spec.originalStringValues());
                default -> last(spec.originalStringValues());
            };
            shared.put(name, value);
        }
        return shared;
    }

    static String whyOwned(String name) {
        return switch (name) {
            case "out" -> "the sweep's --out is the directory holding every run";
            case "resume" -> "the sweep resumes interrupted runs itself";
            case "stop-after" -> "every run of a sweep trains to the end";
            default -> "it is not a setting of a run";
        };
    }

    private List<String> allFlagNames() {
        List<String> names = new ArrayList<>();
        for (String n : options.keySet()) {
            names.add("--" + n);
        }
        names.addAll(List.of("--grid", "--jobs", "--executor", "--out"));
        return names;
    }

    private static String last(List<String> values) {
        return values.get(values.size() - 1);
    }

    /**
     * Resolves a run's flags exactly as {@code train} would, so that a bad value fails before any run
     * starts.
     *
     * @throws UserError naming the flag and what is wrong
     */
    public RunSpec resolve(Map<String, String> flags) {
        CommandLine cli = train.get();
        try {
            cli.parseArgs(toArgs(flags).toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new UserError(e.getMessage());
        }
        return SpecResolver.newRun(SpecResolver.Given.parsed(cli.getParseResult()));
    }

    /** Writes name → value flags as {@code train} arguments. */
    public List<String> toArgs(Map<String, String> flags) {
        List<String> args = new ArrayList<>();
        flags.forEach((name, value) -> {
            Option option = options.get(name);
            if (option != null && option.kind() == Kind.BOOLEAN) {
                if (Boolean.parseBoolean(value)) {
                    args.add("--" + name);
                } else if (option.negatable()) {
                    args.add("--no-" + name);
                }
            } else {
                args.add("--" + name);
                args.add(value);
            }
        });
        return args;
    }
}
