package io.sam4j.core.checkpoint;

/** A checkpoint that cannot be read or does not fit the model; the message names the file. */
public final class CheckpointException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a one-line message. */
    public CheckpointException(String message) {
        super(message);
    }

    /** Creates the exception with a one-line message and its cause. */
    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
