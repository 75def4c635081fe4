package io.sam4j.report.model;

import io.sam4j.report.run.RunRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One group's curves of a metric: a thin line per seed and the bold mean over the seeds that logged each
 * epoch.
 *
 * @param group the group
 * @param seeds one line per run
 * @param mean the per-epoch mean
 */
public record GroupCurves(RunGroup group, List<Line> seeds, Line mean) {

    /**
     * A polyline.
     *
     * @param name the line's name (run name or group label)
     * @param x the epochs
     * @param y the values (finite only)
     */
    public record Line(String name, double[] x, double[] y) {}

    /** Returns the curves of {@code metric} for each group that has it. */
    public static List<GroupCurves> of(List<RunGroup> groups, CurveMetric metric) {
        List<GroupCurves> out = new ArrayList<>();
        for (RunGroup group : groups) {
            List<Line> lines = new ArrayList<>();
            Map<Double, double[]> sums = new TreeMap<>();
            for (RunRecord run : group.runs()) {
                double[] epochs = run.epochs();
                double[] values = metric.values().apply(run);
                List<double[]> points = new ArrayList<>();
                for (int i = 0; i < epochs.length; i++) {
                    if (Double.isFinite(values[i])) {
                        points.add(new double[] {epochs[i], values[i]});
                        double[] s = sums.computeIfAbsent(epochs[i], e -> new double[2]);
                        s[0] += values[i];
                        s[1]++;
                    }
                }
                if (!points.isEmpty()) {
                    lines.add(new Line(run.name(), column(points, 0), column(points, 1)));
                }
            }
            if (lines.isEmpty()) {
                continue;
            }
            double[] x = new double[sums.size()];
            double[] y = new double[sums.size()];
            int i = 0;
            for (Map.Entry<Double, double[]> e : sums.entrySet()) {
                x[i] = e.getKey();
                y[i] = e.getValue()[0] / e.getValue()[1];
                i++;
            }
            out.add(new GroupCurves(group, List.copyOf(lines), new Line(group.label(), x, y)));
        }
        return out;
    }

    private static double[] column(List<double[]> points, int index) {
        double[] out = new double[points.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = points.get(i)[index];
        }
        return out;
    }
}
