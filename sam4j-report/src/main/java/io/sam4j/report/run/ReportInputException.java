package io.sam4j.report.run;

/** Input a report cannot be made from (a path that holds no run, no metrics at all); one line naming it. */
public final class ReportInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a one-line message. */
    public ReportInputException(String message) {
        super(message);
    }
}
