package io.sam4j.analysis;

/** Hears how far a long analysis has come (the command line draws a progress bar from it). */
@FunctionalInterface
public interface ProgressListener {

    /** A listener that ignores everything. */
    ProgressListener NONE = (done, total) -> {};

    /**
     * Called after each unit of work (a landscape point, a forward pass).
     *
     * @param done units finished so far
     * @param total units in the whole analysis
     */
    void onProgress(long done, long total);
}
