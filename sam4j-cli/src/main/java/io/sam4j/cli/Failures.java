package io.sam4j.cli;

import io.sam4j.core.checkpoint.CheckpointException;
import io.sam4j.core.train.NonFiniteLossException;
import io.sam4j.zoo.data.DatasetException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;

/**
 * How sam4j reports a failure: one line, {@code sam4j: error: ...}, and its exit code. Shared by the
 * command line ({@link Sam4j}) and the sweep's worker processes, which train without a command.
 */
public final class Failures {

    private Failures() {}

    /**
     * Prints one line for {@code e} (and its stack trace if {@code verbose}) and returns its exit code:
     * {@link ExitCodes#USAGE} for bad input, {@link ExitCodes#FAILURE} for everything else.
     */
    public static int report(Exception e, PrintWriter err, boolean verbose) {
        int code;
        String message;
        if (e instanceof UserError
                || e instanceof DatasetException
                || e instanceof CheckpointException
                || e instanceof IllegalArgumentException) {
            code = ExitCodes.USAGE;
            message = e.getMessage();
        } else if (e instanceof NonFiniteLossException || e instanceof TrainingFailure) {
            code = ExitCodes.FAILURE;
            message = e.getMessage();
        } else if (e instanceof UncheckedIOException u) {
            code = ExitCodes.FAILURE;
            message = u.getMessage() + ": " + ioReason(u.getCause());
        } else if (e instanceof IOException io) {
            // E.g. a full disk: the JDK's message names the reason but often not the file.
            code = ExitCodes.FAILURE;
            message = "I/O error: " + ioReason(io);
        } else {
            code = ExitCodes.FAILURE;
            message = "internal error: " + e + (verbose ? "" : " (run with --verbose for the stack trace)");
        }
        err.println("sam4j: error: " + message.lines().findFirst().orElse(""));
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    /** Says what failed and where: a file system error's reason with its file. */
    private static String ioReason(IOException e) {
        if (e instanceof FileSystemException fs && fs.getFile() != null) {
            return fs.getFile() + (fs.getReason() != null ? ": " + fs.getReason() : "");
        }
        return String.valueOf(e.getMessage());
    }
}
