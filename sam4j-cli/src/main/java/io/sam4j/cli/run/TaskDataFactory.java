package io.sam4j.cli.run;

import io.sam4j.cli.UserError;
import io.sam4j.cli.config.TrainConfig;
import io.sam4j.core.random.Seeds;
import io.sam4j.core.util.Suggestions;
import io.sam4j.zoo.data.DatasetCatalog;
import io.sam4j.zoo.data.DatasetException;
import io.sam4j.zoo.graph.TuDatasets;
import io.sam4j.zoo.signal.ClassBalance;
import io.sam4j.zoo.signal.SignalCatalog;
import java.util.ArrayList;
import java.util.List;

/** Chooses the kind of data a run reads from its {@code --dataset} name. */
public final class TaskDataFactory {

    private TaskDataFactory() {}

    /**
     * Loads the data of a run: {@code tu:NAME} as graphs, the signal catalog's names ({@code mitbih},
     * {@code ptbdb}) as signals, anything else as images.
     *
     * @throws io.sam4j.zoo.data.DatasetException if the dataset is unknown, missing or malformed
     */
    public static TaskData open(TrainConfig config, Seeds seeds) {
        if (TuDatasets.isTu(config.dataset)) {
            rejectImageOnlyFlags(config);
            return GraphTaskData.open(config, seeds);
        }
        if (SignalCatalog.contains(config.dataset)) {
            rejectImageOnlyFlags(config);
            return SignalTaskData.open(config, seeds);
        }
        if (!ClassBalance.parse(config.balance).isNone()) {
            throw new UserError("--balance applies to signal and graph datasets ("
                    + String.join(", ", SignalCatalog.names()) + ", tu:NAME), not to " + config.dataset);
        }
        if (config.split != null) {
            throw new UserError(
                    "--split applies to datasets without a test set (ptbdb, tu:NAME), not to " + config.dataset);
        }
        // Names with a prefix (e.g. folder:PATH) are the image loaders' to judge.
        if (!config.dataset.contains(":") && !DatasetCatalog.contains(config.dataset)) {
            List<String> known = new ArrayList<>(DatasetCatalog.names());
            known.addAll(SignalCatalog.names());
            throw new DatasetException("unknown dataset '" + config.dataset + "'"
                    + Suggestions.didYouMean(config.dataset, known) + "; known: " + String.join(", ", known)
                    + ", tu:NAME (a TU graph dataset)");
        }
        return ImageTaskData.open(config, seeds);
    }

    /** Flags that only image datasets implement must not be silently ignored by the others. */
    private static void rejectImageOnlyFlags(TrainConfig config) {
        List<String> given = new ArrayList<>();
        if (config.validationSplit != null) {
            given.add("--validation-split");
        }
        if (config.labelNoise > 0) {
            given.add("--label-noise");
        }
        if (!given.isEmpty()) {
            throw new UserError(String.join(", ", given) + (given.size() == 1 ? " applies" : " apply")
                    + " to image datasets, not to " + config.dataset);
        }
    }
}
