package io.sam4j.cli.run;

import io.sam4j.cli.config.TrainConfig;
import io.sam4j.core.random.Seeds;

/** Chooses the kind of data a run reads from its {@code --dataset} name. */
public final class TaskDataFactory {

    private TaskDataFactory() {
    }

    /**
     * Loads the data of a run.
     *
     * @throws io.sam4j.zoo.data.DatasetException if the dataset is unknown, missing or malformed
     */
    public static TaskData open(TrainConfig config, Seeds seeds) {
        return ImageTaskData.open(config, seeds);
    }
}
