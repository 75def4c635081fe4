package io.sam4j.cli.run;

import io.sam4j.cli.spec.RunSpec.DataSettings;
import io.sam4j.core.random.Seeds;

/** Chooses the kind of data a run reads from its {@code --dataset} name. */
public final class TaskDataFactory {

    private TaskDataFactory() {}

    /**
     * Loads the data of a run: {@code tu:NAME} as graphs, the signal catalog's names ({@code mitbih},
     * {@code ptbdb}) as signals, anything else as images. The settings were checked against the kind
     * of data when the run's spec was resolved ({@link io.sam4j.cli.spec.RunSpec#of}).
     *
     * @throws io.sam4j.zoo.data.DatasetException if the dataset is missing or malformed
     */
    public static TaskData open(DataSettings data, Seeds seeds) {
        return switch (data.kind()) {
            case GRAPHS -> GraphTaskData.open(data, seeds);
            case SIGNALS -> SignalTaskData.open(data, seeds);
            case IMAGES -> ImageTaskData.open(data, seeds);
        };
    }
}
