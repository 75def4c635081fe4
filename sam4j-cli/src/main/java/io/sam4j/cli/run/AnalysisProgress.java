package io.sam4j.cli.run;

import io.sam4j.analysis.ProgressListener;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A console progress bar with elapsed time and ETA for a long analysis (only drawn on a terminal). */
public final class AnalysisProgress implements ProgressListener, AutoCloseable {

    private final String task;
    private final boolean enabled;
    private ProgressBar bar;

    /**
     * @param task the label in front of the bar
     * @param enabled whether to draw at all (false with --quiet or without a terminal)
     */
    public AnalysisProgress(String task, boolean enabled) {
        this.task = task;
        this.enabled = enabled;
    }

    /** Draws only on a terminal and unless {@code quiet}. */
    public static AnalysisProgress onConsole(String task, boolean quiet) {
        return new AnalysisProgress(task, !quiet && System.console() != null);
    }

    @Override
    public void onProgress(long done, long total) {
        if (!enabled) {
            return;
        }
        if (bar == null) {
            bar = new ProgressBarBuilder()
                    .setTaskName(task)
                    .setInitialMax(total)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(250)
                    .continuousUpdate()
                    .build();
        }
        bar.stepTo(done);
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
