package io.sam4j.cli.run;

import io.sam4j.core.run.RunKeys;
import io.sam4j.core.train.EpochMetrics;
import io.sam4j.core.train.TrainingListener;
import io.sam4j.core.train.TrainingLoop;
import java.util.LinkedHashMap;
import java.util.Map;

/** Appends each epoch's metrics to {@code metrics.jsonl}. */
public final class MetricsFileListener implements TrainingListener {

    private final RunDirectory run;

    /** Logs into {@code run}. */
    public MetricsFileListener(RunDirectory run) {
        this.run = run;
    }

    @Override
    public void onEpochEnd(TrainingLoop loop, EpochMetrics metrics) {
        run.appendMetrics(asJson(metrics));
    }

    /** Returns the JSON object of one epoch: {@code epoch} then every scalar; NaN becomes null. */
    public static Map<String, Object> asJson(EpochMetrics metrics) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put(RunKeys.Metrics.EPOCH, metrics.epoch());
        metrics.scalars().forEach((k, v) -> row.put(k, Double.isFinite(v) ? v : null));
        return row;
    }
}
