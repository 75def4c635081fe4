package io.sam4j.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.sam4j.cli.spec.RunSpec;
import io.sam4j.cli.spec.Specs;
import io.sam4j.core.random.Seeds;
import io.sam4j.core.train.Batch;
import io.sam4j.core.train.BatchSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The analysis sample and the evaluation order of image data, on a real Fashion-MNIST subset. */
class ImageTaskDataTest {

    private static TaskData open(long seed) {
        RunSpec spec = Specs.of(
                "data-dir", "/usr/share/datasets",
                "train-limit", "300",
                "test-limit", "100",
                "augment", "basic",
                "seed", String.valueOf(seed));
        return TaskDataFactory.open(spec.data(), new Seeds(seed));
    }

    private static List<float[]> pixels(List<Batch> batches) {
        List<float[]> out = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            for (Batch b : batches) {
                out.add(b.inputs(manager).head().toFloatArray());
            }
        }
        return out;
    }

    @Test
    void trainSampleIsSeededUnaugmentedAndSizedAsAsked() {
        TaskData data = open(1);
        List<Batch> first = data.trainSample(130, 50, 7);
        List<Batch> again = data.trainSample(130, 50, 7);
        List<Batch> other = data.trainSample(130, 50, 8);

        assertThat(first).extracting(Batch::size).containsExactly(50, 50, 30);
        // Augmentation ("basic" here) would make two draws differ; the sample must not be augmented.
        assertThat(pixels(again)).usingRecursiveComparison().isEqualTo(pixels(first));
        assertThat(pixels(other)).usingRecursiveComparison().isNotEqualTo(pixels(first));
        assertThat(data.trainSample(10_000, 128, 7).stream()
                        .mapToInt(Batch::size)
                        .sum())
                .isEqualTo(300);
    }

    @Test
    void trainForEvaluationCoversTheTrainingSetInAFixedOrder() {
        TaskData data = open(1);
        BatchSource source = data.trainForEvaluation();
        Seeds seeds = new Seeds(1);
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] epoch0 = labels(source, 0, seeds, manager);
            float[] epoch1 = labels(source, 1, seeds, manager);
            assertThat(epoch0).hasSize(300).containsExactly(epoch1);
        }
    }

    private static float[] labels(BatchSource source, int epoch, Seeds seeds, NDManager manager) {
        List<Float> labels = new ArrayList<>();
        try (BatchSource.Stream stream = source.open(epoch, seeds)) {
            while (stream.hasNext()) {
                NDArray l = stream.next().labels(manager);
                for (float v : l.toType(DataType.FLOAT32, false).toFloatArray()) {
                    labels.add(v);
                }
            }
        }
        float[] out = new float[labels.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = labels.get(i);
        }
        return out;
    }

    @Test
    void initializationShapeIsOneExample() {
        TaskData data = open(1);
        assertThat(data.initializationShapes()).hasSize(1);
        assertThat(data.initializationShapes()[0].getShape()).containsExactly(1, 1, 28, 28);
    }
}
