package io.sam4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.optimizer.Optimizer;
import io.sam4j.core.loss.SmoothedCrossEntropy;
import io.sam4j.core.optim.Optimizers;
import io.sam4j.core.sam.Perturbation;
import io.sam4j.core.sam.SharpnessAwareStep;
import io.sam4j.core.schedule.LearningRateSchedule;
import io.sam4j.core.train.ArrayBatch;
import io.sam4j.core.train.Batch;
import io.sam4j.core.train.GradientPass;
import io.sam4j.core.train.ModelParameters;
import io.sam4j.core.train.StepResult;
import io.sam4j.core.train.TrainingStep;
import io.sam4j.core.train.WeightDecay;
import io.sam4j.zoo.model.ModelCatalog;
import io.sam4j.zoo.model.ModelOptions;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The library example of docs/library.md ("With sam4j's own step"), kept training here. */
class ReadmeExampleTest {

    @Test
    void readmeLibraryExampleTrains() {
        Random random = new Random(0);
        float[] pixels = new float[32 * 3 * 32 * 32];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) random.nextGaussian();
        }
        int[] labels = random.ints(32, 0, 10).toArray();
        List<Batch> batches = List.of(new ArrayBatch(pixels, new long[] {32, 3, 32, 32}, labels));
        long totalSteps = 4;
        long seed = 0;
        float first = Float.NaN;
        float last = Float.NaN;

        // --- README example starts ---
        try (NDManager manager = NDManager.newBaseManager()) {
            Block model = ModelCatalog.standard().build("resnet-20", new Shape(3, 32, 32), 10, ModelOptions.DEFAULTS);
            model.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32, 32));
            GradientPass pass =
                    new GradientPass(model, ModelParameters.of(model), new SmoothedCrossEntropy(0.1f), manager);
            Optimizer sgd = Optimizers.sgd() // or any DJL Optimizer, e.g. Optimizer.adam()...
                    .setLearningRate(LearningRateSchedule.cosine(0.1, totalSteps, 0))
                    .optMomentum(0.9f)
                    .build();
            TrainingStep sam = SharpnessAwareStep.builder()
                    .setPass(pass)
                    .setOptimizer(sgd)
                    .setManager(manager)
                    .optPerturbation(Perturbation.sam()) // or Perturbation.asam(0.01f)
                    .optRho(0.05f)
                    .optGroupSize(16) // m-sharpness; 0 = whole batch
                    .optWeightDecay(new WeightDecay(5e-4f)) // L2 in the loss, as the official code
                    .build();
            for (int epoch = 0; epoch < totalSteps; epoch++) {
                for (Batch batch : batches) {
                    StepResult r = sam.step(batch, seed++);
                    // --- README example ends ---
                    first = Float.isNaN(first) ? r.loss() : first;
                    last = r.loss();
                }
            }
        }
        assertThat(last).isLessThan(first);
    }
}
