package io.sam4j.cli.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** The table a sweep ends with: one row per run with its status, progress, accuracy, time and any failure. */
public final class StatusTable {

    private static final String[] HEADER = {"run", "status", "epochs", "test acc", "time", "reason"};

    private StatusTable() {}

    /** Renders the table; {@code dirOf} gives each run's directory. */
    public static String render(List<RunRecord> runs, Function<RunRecord, Path> dirOf) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (RunRecord run : runs) {
            RunState state = RunState.of(dirOf.apply(run));
            String epochs = state.plannedEpochs() > 0
                    ? state.epochs() + "/" + state.plannedEpochs()
                    : String.valueOf(state.epochs());
            rows.add(new String[] {
                run.name,
                run.status,
                epochs,
                percent(state),
                seconds(state.seconds()),
                run.reason == null ? "" : run.reason
            });
        }
        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                boolean last = c == row.length - 1;
                line.append(last ? row[c] : String.format(Locale.ROOT, "%-" + widths[c] + "s  ", row[c]));
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
        long done = runs.stream().filter(r -> RunRecord.DONE.equals(r.status)).count();
        long failed =
                runs.stream().filter(r -> RunRecord.FAILED.equals(r.status)).count();
        text.append(String.format(
                Locale.ROOT,
                "%d runs: %d done, %d failed, %d not finished%n",
                runs.size(),
                done,
                failed,
                runs.size() - done - failed));
        return text.toString();
    }

    /** Returns the last test accuracy as a percentage, or "-". */
    static String percent(RunState state) {
        return state.testAccuracy().isPresent()
                ? String.format(
                        Locale.ROOT, "%.2f%%", 100 * state.testAccuracy().getAsDouble())
                : "-";
    }

    private static String seconds(double seconds) {
        if (seconds <= 0) {
            return "-";
        }
        return seconds < 600
                ? String.format(Locale.ROOT, "%.1f s", seconds)
                : String.format(Locale.ROOT, "%.1f min", seconds / 60);
    }
}
