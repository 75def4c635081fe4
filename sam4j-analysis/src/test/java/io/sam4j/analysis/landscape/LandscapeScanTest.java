package io.sam4j.analysis.landscape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.loss.Loss;
import io.sam4j.core.testing.Fixtures;
import io.sam4j.core.testing.TestModels;
import io.sam4j.core.train.Batch;
import io.sam4j.core.train.ModelParameters;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LandscapeScanTest {

    static final List<Batch> SAMPLE = TestModels.images(3, 20, 11);

    private static LandscapeScan scan(ModelParameters parameters, SampleEvaluator evaluator, NDManager manager) {
        return LandscapeScan.builder()
                .setParameters(parameters)
                .setEvaluator(evaluator)
                .setManager(manager)
                .build();
    }

    @Test
    void theLandscapeAtTheOriginIsTheModelsLossAndTheWeightsComeBackBitwise() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block net = TestModels.convNet(manager, 5);
            TestModels.warmUpBatchNorm(net, manager, SAMPLE);
            ModelParameters parameters = ModelParameters.of(net);
            List<float[]> before = Fixtures.weights(net);
            double expected = TestModels.crossEntropy(net, manager, SAMPLE);
            NDList d =
                    Directions.randomFilterNormalized(parameters.copyTrainable(manager), 1, IgnoreMode.BIASBN, manager);
            try (SampleEvaluator evaluator =
                    new SampleEvaluator(net, Loss.softmaxCrossEntropyLoss(), SAMPLE, manager)) {
                Landscape line = scan(parameters, evaluator, manager).line(d, AxisRange.parse("-1:1:5"));
                assertThat(line.x()).containsExactly(-1, -0.5, 0, 0.5, 1);
                assertThat(line.lossLine()[2]).isCloseTo(expected, within(1e-5));
                // Moving along a random direction of the size of the weights changes the loss.
                assertThat(line.lossLine()[0]).isNotCloseTo(expected, within(1e-3));
                assertThat(line.accuracyLine()[2]).isBetween(0.0, 1.0);
            }
            List<float[]> after = Fixtures.weights(net);
            for (int i = 0; i < before.size(); i++) {
                assertThat(after.get(i)).containsExactly(before.get(i));
            }
        }
    }

    @Test
    void planePointsEqualAnIndependentRecomputation() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block net = TestModels.convNet(manager, 6);
            TestModels.warmUpBatchNorm(net, manager, SAMPLE);
            ModelParameters parameters = ModelParameters.of(net);
            NDList theta = parameters.copyTrainable(manager);
            NDList d1 = Directions.randomFilterNormalized(theta, 1, IgnoreMode.BIASBN, manager);
            NDList d2 = Directions.randomFilterNormalized(theta, 2, IgnoreMode.BIASBN, manager);
            Landscape plane;
            try (SampleEvaluator evaluator =
                    new SampleEvaluator(net, Loss.softmaxCrossEntropyLoss(), SAMPLE, manager)) {
                plane = scan(parameters, evaluator, manager)
                        .plane(d1, d2, AxisRange.parse("-0.5:0.5:3"), AxisRange.parse("-1:1:3"));
            }
            assertThat(plane.loss()).hasNumberOfRows(3);
            assertThat(plane.y()).containsExactly(-1, 0, 1);
            List<float[]> original = Fixtures.weights(net);
            List<Integer> trainableAt = trainablePositions(net);
            int[][] points = {{0, 0}, {2, 1}, {1, 2}, {1, 1}};
            for (int[] p : points) {
                double a = plane.x()[p[0]];
                double b = plane.y()[p[1]];
                List<float[]> values = new ArrayList<>(original);
                for (int k = 0; k < theta.size(); k++) {
                    float[] w = theta.get(k).toFloatArray();
                    float[] x = d1.get(k).toFloatArray();
                    float[] y = d2.get(k).toFloatArray();
                    float[] v = new float[w.length];
                    for (int e = 0; e < v.length; e++) {
                        v[e] = (float) (w[e] + a * x[e] + b * y[e]);
                    }
                    values.set(trainableAt.get(k), v);
                }
                TestModels.setValues(net, values);
                double expected = TestModels.crossEntropy(net, manager, SAMPLE);
                assertThat(plane.loss()[p[1]][p[0]]).as("point α=%s β=%s", a, b).isCloseTo(expected, within(1e-4));
            }
            TestModels.setValues(net, original);
        }
    }

    @Test
    void interpolationReproducesBothModelsAtZeroAndOneIncludingBatchNormStatistics() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block first = TestModels.convNet(manager, 1);
            TestModels.warmUpBatchNorm(first, manager, SAMPLE);
            Block second = TestModels.convNet(manager, 2);
            TestModels.warmUpBatchNorm(second, manager, TestModels.images(2, 20, 99));
            double loss1 = TestModels.crossEntropy(first, manager, SAMPLE);
            double loss2 = TestModels.crossEntropy(second, manager, SAMPLE);
            assertThat(loss1).isNotCloseTo(loss2, within(1e-3));
            ModelParameters parameters = ModelParameters.of(first);
            ModelWeights w1 = ModelWeights.copyOf(parameters, manager);
            ModelWeights w2 = ModelWeights.copyOf(ModelParameters.of(second), manager);
            List<float[]> before = Fixtures.weights(first);
            Landscape line;
            try (SampleEvaluator evaluator =
                    new SampleEvaluator(first, Loss.softmaxCrossEntropyLoss(), SAMPLE, manager)) {
                line = scan(parameters, evaluator, manager).interpolation(w1, w2, AxisRange.parse("-0.5:1.5:5"));
            }
            assertThat(line.x()).containsExactly(-0.5, 0, 0.5, 1, 1.5);
            assertThat(line.lossLine()[1]).isCloseTo(loss1, within(1e-5));
            assertThat(line.lossLine()[3]).isCloseTo(loss2, within(1e-5));
            for (double l : line.lossLine()) {
                assertThat(l).isFinite();
            }
            List<float[]> after = Fixtures.weights(first);
            for (int i = 0; i < before.size(); i++) {
                assertThat(after.get(i)).containsExactly(before.get(i));
            }
        }
    }

    private static List<Integer> trainablePositions(Block net) {
        List<Integer> out = new ArrayList<>();
        var all = net.getParameters().values();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).requiresGradient()) {
                out.add(i);
            }
        }
        return out;
    }
}
