package io.sam4j.cli.command;

import picocli.CommandLine.Option;

/**
 * What every command prints: {@code --quiet} keeps only results and errors, {@code --verbose} adds
 * stack traces to errors. The error handler reads {@code --verbose} from the parse result, so no
 * global state is kept.
 */
public final class OutputOptions {

    /** The flag that asks for stack traces. */
    public static final String VERBOSE = "--verbose";

    @Option(names = "--quiet", description = "Print only results and errors: no progress.")
    boolean quiet;

    @Option(names = VERBOSE, description = "Print stack traces with errors.")
    boolean verbose;

    /** Returns whether progress output is off. */
    public boolean quiet() {
        return quiet;
    }
}
