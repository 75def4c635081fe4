package io.sam4j.cli;

/**
 * A problem with the user's input (a flag, a file, a value) that the CLI reports as one line with
 * exit code 2 and no stack trace.
 */
public final class UserError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the error with a one-line message. */
    public UserError(String message) {
        super(message);
    }
}
