package io.sam4j.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.sam4j.cli.TinyCifar;
import io.sam4j.cli.spec.RunSpec;
import io.sam4j.cli.spec.Specs;
import io.sam4j.core.random.Seeds;
import io.sam4j.core.train.Batch;
import io.sam4j.core.train.BatchSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data of a run with validation split and label noise, batch by batch. */
class SplitAndNoiseTaskDataTest {

    private static RunSpec.DataSettings config(Path root, String... more) {
        List<String> flags =
                new ArrayList<>(List.of("dataset", "cifar10", "data-dir", root.toString(), "eval-batch-size", "25"));
        flags.addAll(List.of(more));
        return Specs.of(flags.toArray(String[]::new)).data();
    }

    private static List<Long> labels(BatchSource source, Seeds seeds) {
        List<Long> labels = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager();
                BatchSource.Stream stream = source.open(0, seeds)) {
            while (stream.hasNext()) {
                Batch b = stream.next();
                for (long l : b.labels(manager).toType(DataType.INT64, false).toLongArray()) {
                    labels.add(l);
                }
            }
        }
        return labels;
    }

    @Test
    void labelNoiseChangesTrainingLabelsOnlyAndTheTestSetStaysClean(@TempDir Path root) throws Exception {
        TinyCifar.write(root, 40, 50);
        Seeds seeds = new Seeds(3);
        TaskData clean = TaskDataFactory.open(config(root), seeds);
        RunSpec.DataSettings noisyConfig = config(root, "label-noise", "0.3");
        TaskData noisy = TaskDataFactory.open(noisyConfig, seeds);

        assertThat(labels(noisy.test(), seeds)).containsExactlyElementsOf(labels(clean.test(), seeds));
        List<Long> before = labels(clean.trainForEvaluation(), seeds);
        List<Long> after = labels(noisy.trainForEvaluation(), seeds);
        assertThat(after).hasSameSizeAs(before).hasSize(200);
        long changed = IntStream.range(0, before.size())
                .filter(i -> !before.get(i).equals(after.get(i)))
                .count();
        assertThat(changed).isEqualTo(60);
        assertThat(((ImageTaskData) noisy).labelNoiseFraction()).isEqualTo(0.3);
        assertThat(noisy.facts()).containsEntry("label_noise_fraction", 0.3).containsEntry("evaluated_on", "test");
        // Same seed, same noise.
        assertThat(labels(TaskDataFactory.open(noisyConfig, seeds).trainForEvaluation(), seeds))
                .isEqualTo(after);
    }

    @Test
    void validationSplitReplacesTheTestSetWithHeldOutTrainingExamples(@TempDir Path root) throws Exception {
        TinyCifar.write(root, 40, 50);
        Seeds seeds = new Seeds(3);
        RunSpec.DataSettings c = config(root, "validation-split", "0.1");
        TaskData data = TaskDataFactory.open(c, seeds);
        assertThat(data.train().examples()).isEqualTo(180);
        assertThat(data.test().examples()).isEqualTo(20);
        // Stratified: the 200 training labels cycle through the 10 classes, so 2 of each are held out.
        List<Long> held = labels(data.test(), seeds);
        for (long k = 0; k < 10; k++) {
            long cls = k;
            assertThat(held.stream().filter(l -> l == cls).count())
                    .as("class %d", k)
                    .isEqualTo(2);
        }
        assertThat(data.facts()).containsEntry("evaluated_on", "validation").containsEntry("validation_split", 0.1);
    }
}
