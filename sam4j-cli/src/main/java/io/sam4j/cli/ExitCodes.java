package io.sam4j.cli;

/**
 * The exit codes of {@code sam4j}, in a class of their own so that commands and the sweep worker can
 * return them without importing {@link Sam4j}, which imports every command.
 */
public final class ExitCodes {

    /** Exit code of a run that failed while training (e.g. a NaN loss). */
    public static final int FAILURE = 1;
    /** Exit code of bad input: a flag, a file, a value. */
    public static final int USAGE = 2;

    private ExitCodes() {}
}
