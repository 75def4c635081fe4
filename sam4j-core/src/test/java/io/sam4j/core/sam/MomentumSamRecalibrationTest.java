package io.sam4j.core.sam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.training.tracker.Tracker;
import io.sam4j.core.loss.SmoothedCrossEntropy;
import io.sam4j.core.optim.Optimizers;
import io.sam4j.core.random.Seeds;
import io.sam4j.core.train.ArrayBatch;
import io.sam4j.core.train.Batch;
import io.sam4j.core.train.BatchSource;
import io.sam4j.core.train.GradientPass;
import io.sam4j.core.train.ModelParameters;
import io.sam4j.core.train.TrainingLoop;
import io.sam4j.core.train.TrainingStep;
import io.sam4j.core.train.WeightDecay;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Momentum-SAM's BatchNorm recalibration, the authors' last epoch ({@code MarlonBecker/MSAM}, {@code
 * main.py}): after training, one more epoch of forward passes in training mode at the unperturbed
 * weights, each batch moving the running statistics by the layer's momentum. Checked against a
 * double-precision recomputation on a Linear → BatchNorm → Linear model, whose BatchNorm sees
 * h = W·x + b at the trained W and b.
 */
class MomentumSamRecalibrationTest {

    private static final int EPOCHS = 3;
    private static final int FEATURES = 4;
    private static final int UNITS = 3;
    /** DJL's BatchNorm momentum: running ← 0.9·running + 0.1·batch statistic. */
    private static final double MOMENTUM = 0.9;

    private record Trained(List<float[]> weights, float[] mean, float[] variance, float[] w, float[] b) {}

    @Test
    void recalibrationRecomputesTheStatisticsAtTheUnperturbedWeights() {
        BatchSource data = source();
        Seeds seeds = new Seeds(3);
        Trained off = train(Map.of("rho", 0.5, "msam-bn-recalibrate", 0), data, seeds);
        Trained on = train(Map.of("rho", 0.5), data, seeds);
        // The recalibration comes after the last update: the weights are the same, bitwise.
        for (int i = 0; i < off.weights().size(); i++) {
            assertThat(on.weights().get(i)).containsExactly(off.weights().get(i));
        }
        // From the statistics training left, every batch of the last epoch in order, at w.
        double[] mean = toDouble(off.mean());
        double[] variance = toDouble(off.variance());
        for (Batch batch : data.epochBatches(EPOCHS - 1, seeds)) {
            ArrayBatch b = (ArrayBatch) batch;
            int n = b.size();
            double[][] h = new double[n][UNITS];
            for (int i = 0; i < n; i++) {
                for (int u = 0; u < UNITS; u++) {
                    double sum = off.b()[u];
                    for (int f = 0; f < FEATURES; f++) {
                        sum += (double) off.w()[u * FEATURES + f] * b.data()[i * FEATURES + f];
                    }
                    h[i][u] = sum;
                }
            }
            for (int u = 0; u < UNITS; u++) {
                double m = 0;
                for (int i = 0; i < n; i++) {
                    m += h[i][u] / n;
                }
                double squares = 0;
                for (int i = 0; i < n; i++) {
                    squares += (h[i][u] - m) * (h[i][u] - m);
                }
                // PyTorch's running variance takes the unbiased batch variance.
                mean[u] = MOMENTUM * mean[u] + (1 - MOMENTUM) * m;
                variance[u] = MOMENTUM * variance[u] + (1 - MOMENTUM) * squares / (n - 1);
            }
        }
        for (int u = 0; u < UNITS; u++) {
            assertThat((double) on.mean()[u]).as("mean %s", u).isCloseTo(mean[u], within(1e-5));
            assertThat((double) on.variance()[u]).as("variance %s", u).isCloseTo(variance[u], within(1e-5));
            assertThat(Math.abs(mean[u] - off.mean()[u])).as("mean %s moved", u).isGreaterThan(1e-3);
        }
    }

    @Test
    void withoutRecalibrationFinishingLeavesTheStatisticsAlone() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block net = net(manager);
            ModelParameters parameters = ModelParameters.of(net);
            TrainingStep step = SamMethods.named("msam")
                    .build(settings(net, parameters, manager), Map.of("msam-bn-recalibrate", 0));
            BatchSource data = source();
            Seeds seeds = new Seeds(3);
            List<Batch> batches = data.epochBatches(0, seeds);
            for (int i = 0; i < batches.size(); i++) {
                step.step(batches.get(i), i);
            }
            List<float[]> before = statistics(parameters);
            step.finishTraining(data, seeds, EPOCHS);
            List<float[]> after = statistics(parameters);
            for (int i = 0; i < before.size(); i++) {
                assertThat(after.get(i)).containsExactly(before.get(i));
            }
            assertThat(((MomentumSamStep) SamMethods.named("msam").build(settings(net, parameters, manager), Map.of()))
                            .recalibratesBatchNorm())
                    .as("on by default")
                    .isTrue();
        }
    }

    private static Trained train(Map<String, Number> values, BatchSource data, Seeds seeds) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block net = net(manager);
            ModelParameters parameters = ModelParameters.of(net);
            TrainingStep step = SamMethods.named("msam").build(settings(net, parameters, manager), values);
            TrainingLoop.builder()
                    .setStep(step)
                    .setTrainData(data)
                    .setSeeds(seeds)
                    .setEpochs(EPOCHS)
                    .build()
                    .run();
            List<float[]> weights = parameters.trainable().stream()
                    .map(p -> p.getArray().toFloatArray())
                    .toList();
            Parameter first = parameters.trainable().get(0);
            Parameter bias = parameters.trainable().get(1);
            assertThat(first.getArray().getShape()).isEqualTo(new Shape(UNITS, FEATURES));
            assertThat(bias.getArray().getShape()).isEqualTo(new Shape(UNITS));
            return new Trained(
                    weights,
                    named(parameters, "runningMean"),
                    named(parameters, "runningVar"),
                    first.getArray().toFloatArray(),
                    bias.getArray().toFloatArray());
        }
    }

    private static float[] named(ModelParameters parameters, String name) {
        for (Parameter p : parameters.state()) {
            if (p.getName().equals(name)) {
                return p.getArray().toFloatArray();
            }
        }
        throw new AssertionError("no state parameter " + name + " in " + parameters.stateNames());
    }

    private static List<float[]> statistics(ModelParameters parameters) {
        return parameters.state().stream().map(p -> p.getArray().toFloatArray()).toList();
    }

    private static Block net(NDManager manager) {
        Engine.getInstance().setRandomSeed(11);
        SequentialBlock net = new SequentialBlock()
                .add(Linear.builder().setUnits(UNITS).build())
                .add(BatchNorm.builder().build())
                .add(Linear.builder().setUnits(2).build());
        net.setInitializer(new NormalInitializer(0.5f), Parameter.Type.WEIGHT);
        net.initialize(manager, DataType.FLOAT32, new Shape(1, FEATURES));
        return net;
    }

    private static StepSettings settings(Block net, ModelParameters parameters, NDManager manager) {
        return new StepSettings(
                new GradientPass(net, parameters, new SmoothedCrossEntropy(0), manager),
                Optimizers.sgd()
                        .setLearningRate(Tracker.fixed(0.1f))
                        .optMomentum(0.9f)
                        .build(),
                manager,
                WeightDecay.none(),
                0,
                EPOCHS,
                3);
    }

    /** Three batches of eight rows, a different order in each epoch (so the last epoch's is the one to use). */
    private static BatchSource source() {
        Random random = new Random(5);
        List<ArrayBatch> batches = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            float[] x = new float[8 * FEATURES];
            int[] y = new int[8];
            for (int i = 0; i < 8; i++) {
                for (int f = 0; f < FEATURES; f++) {
                    x[i * FEATURES + f] = (float) (random.nextGaussian() + k);
                }
                y[i] = x[i * FEATURES] > k ? 1 : 0;
            }
            batches.add(new ArrayBatch(x, new long[] {8, FEATURES}, y));
        }
        return new BatchSource() {
            @Override
            public Stream open(int epoch, Seeds seeds) {
                List<Batch> order = new ArrayList<>(batches);
                java.util.Collections.rotate(order, epoch);
                var it = order.iterator();
                return new Stream() {
                    @Override
                    public boolean hasNext() {
                        return it.hasNext();
                    }

                    @Override
                    public Batch next() {
                        return it.next();
                    }

                    @Override
                    public void close() {}
                };
            }

            @Override
            public int batchesPerEpoch() {
                return batches.size();
            }

            @Override
            public int examples() {
                return 24;
            }
        };
    }

    private static double[] toDouble(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
