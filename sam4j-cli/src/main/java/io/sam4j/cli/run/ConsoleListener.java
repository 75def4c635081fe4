package io.sam4j.cli.run;

import io.sam4j.core.train.EpochMetrics;
import io.sam4j.core.train.StepResult;
import io.sam4j.core.train.TrainingListener;
import io.sam4j.core.train.TrainingLoop;
import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows training on the console: a progress bar per epoch with loss, accuracy and images/s, then one
 * for its evaluation (both only on a terminal: the evaluation of 10,000 images takes seconds that
 * would otherwise show nothing moving), and one line per finished epoch.
 */
public final class ConsoleListener implements TrainingListener {

    private final PrintStream out;
    private final boolean progressBar;
    private ProgressBar bar;
    private double lossSum;
    private long correct;
    private long seen;
    private long barStart;

    /**
     * @param out where epoch lines go
     * @param progressBar whether to draw a progress bar (on stderr)
     */
    public ConsoleListener(PrintStream out, boolean progressBar) {
        this.out = out;
        this.progressBar = progressBar;
    }

    @Override
    public void onEpochStart(TrainingLoop loop, int epoch) {
        lossSum = 0;
        correct = 0;
        seen = 0;
        barStart = System.nanoTime();
        if (progressBar) {
            bar = bar(
                    String.format(Locale.ROOT, "epoch %d/%d", epoch, loop.epochs()),
                    loop.trainData().batchesPerEpoch());
        }
    }

    /** A bar on stderr of {@code batches} steps. */
    private static ProgressBar bar(String task, int batches) {
        return new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(batches)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .continuousUpdate()
                .build();
    }

    private void closeBar() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    @Override
    public void onEvaluationStart(TrainingLoop loop, int epoch) {
        closeBar();
        seen = 0;
        barStart = System.nanoTime();
        if (progressBar) {
            bar = bar(
                    String.format(Locale.ROOT, "eval %d/%d", epoch, loop.epochs()),
                    loop.testData().batchesPerEpoch());
        }
    }

    @Override
    public void onEvaluationBatchEnd(TrainingLoop loop, int epoch, int batch, int examples) {
        seen += examples;
        if (bar != null) {
            double seconds = (System.nanoTime() - barStart) / 1e9;
            bar.step();
            bar.setExtraMessage(String.format(Locale.ROOT, " %.0f img/s", seen / Math.max(seconds, 1e-9)));
        }
    }

    @Override
    public void onStepEnd(TrainingLoop loop, int epoch, int step, StepResult result) {
        lossSum += (double) result.loss() * result.size();
        correct += result.correct();
        seen += result.size();
        if (bar != null) {
            double seconds = (System.nanoTime() - barStart) / 1e9;
            bar.step();
            bar.setExtraMessage(String.format(
                    Locale.ROOT,
                    " loss %.4f acc %.2f%% %.0f img/s",
                    lossSum / seen,
                    100.0 * correct / seen,
                    seen / Math.max(seconds, 1e-9)));
        }
    }

    @Override
    public void onEpochEnd(TrainingLoop loop, EpochMetrics m) {
        closeBar();
        out.println(epochLine(m, loop.epochs()));
        out.flush();
    }

    /**
     * One epoch in under 100 columns: loss and accuracy of training and test, the learning rate, ‖g‖, ‖ε‖
     * (SAM's steps only: the base optimizer has none) and the training time. Throughput is on the progress
     * bar and everything is in metrics.jsonl.
     */
    static String epochLine(EpochMetrics m, int epochs) {
        StringBuilder line = new StringBuilder(String.format(
                Locale.ROOT,
                "epoch %d/%d  train %.4f %.1f%%  ",
                m.epoch(),
                epochs,
                m.trainLoss(),
                100 * m.trainAccuracy()));
        // Epochs skipped by --eval-every have no test metrics.
        line.append(
                Double.isNaN(m.testAccuracy())
                        ? "test -"
                        : String.format(Locale.ROOT, "test %.4f %.1f%%", m.testLoss(), 100 * m.testAccuracy()));
        line.append(String.format(Locale.ROOT, "  lr %.3g  |g| %.3g", m.learningRate(), m.gradientNorm()));
        if (m.epsilonNorm() != 0) {
            line.append(String.format(Locale.ROOT, "  |eps| %.3g", m.epsilonNorm()));
        }
        return line.append(String.format(Locale.ROOT, "  %.1fs", m.trainSeconds()))
                .toString();
    }
}
