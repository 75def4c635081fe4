package io.sam4j.cli;

/**
 * Training itself failed (e.g. the loss became NaN): the CLI reports it as one line with exit
 * code 1, unlike a {@link UserError}'s exit code 2.
 */
public final class TrainingFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the failure with a one-line message and its cause. */
    public TrainingFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
