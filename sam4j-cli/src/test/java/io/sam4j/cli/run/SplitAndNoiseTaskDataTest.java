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

    /** Each example as its pixels' hash and its label, in the order the source gives them. */
    private static List<String> examples(BatchSource source, Seeds seeds) {
        List<String> out = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager();
                BatchSource.Stream stream = source.open(0, seeds)) {
            while (stream.hasNext()) {
                Batch b = stream.next();
                float[][] x = toRows(b.inputs(manager).singletonOrThrow().toFloatArray(), b.size());
                long[] y = b.labels(manager).toType(DataType.INT64, false).toLongArray();
                for (int i = 0; i < y.length; i++) {
                    out.add(java.util.Arrays.hashCode(x[i]) + ":" + y[i]);
                }
            }
        }
        return out;
    }

    private static float[][] toRows(float[] flat, int n) {
        int width = flat.length / n;
        float[][] rows = new float[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = java.util.Arrays.copyOfRange(flat, i * width, (i + 1) * width);
        }
        return rows;
    }

    /**
     * {@code --tune-split} holds out part of the training set as the limit and the noise left it: the
     * held-out and the trained examples are disjoint and together the training set, the held-out labels
     * are the noisy ones, and the same seed holds out the same examples.
     */
    @Test
    void tuneSplitHoldsOutNoisyTrainingExamplesDisjointlyAndDeterministically(@TempDir Path root) throws Exception {
        TinyCifar.write(root, 40, 50);
        Seeds seeds = new Seeds(3);
        TaskData whole = TaskDataFactory.open(config(root, "label-noise", "0.3", "train-limit", "150"), seeds);
        RunSpec.DataSettings c = config(root, "label-noise", "0.3", "train-limit", "150", "tune-split", "0.2");
        TaskData tuning = TaskDataFactory.open(c, seeds);

        List<String> all = examples(whole.trainForEvaluation(), seeds);
        List<String> trained = examples(tuning.trainForEvaluation(), seeds);
        List<String> held = examples(tuning.test(), seeds);
        assertThat(all).hasSize(150).doesNotHaveDuplicates();
        assertThat(held).hasSize(30).doesNotContainAnyElementsOf(trained);
        List<String> union = new ArrayList<>(trained);
        union.addAll(held);
        // The same (pixels, noisy label) pairs: the held-out labels carry the noise.
        assertThat(union).containsExactlyInAnyOrderElementsOf(all);
        assertThat(tuning.facts()).containsEntry("evaluated_on", "tune-split").containsEntry("tune_split", 0.2);

        TaskData again = TaskDataFactory.open(c, seeds);
        assertThat(examples(again.test(), seeds)).isEqualTo(held);
        assertThat(examples(again.trainForEvaluation(), seeds)).isEqualTo(trained);
    }
}
