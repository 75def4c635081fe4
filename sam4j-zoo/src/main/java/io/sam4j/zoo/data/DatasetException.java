package io.sam4j.zoo.data;

/**
 * Bad or missing dataset input. The message is always a single line that names the file or value at fault
 * and what is wrong with it, so that it can be shown to a user without a stack trace.
 */
public class DatasetException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message one line naming the file or value and what is wrong */
    public DatasetException(String message) {
        super(message);
    }

    /**
     * @param message one line naming the file or value and what is wrong
     * @param cause the underlying failure, kept for debugging
     */
    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
