package io.sam4j.zoo.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.tracker.Tracker;
import io.sam4j.core.loss.SmoothedCrossEntropy;
import io.sam4j.core.optim.Optimizers;
import io.sam4j.core.sam.SharpnessAwareStep;
import io.sam4j.core.train.ArrayBatch;
import io.sam4j.core.train.GradientPass;
import io.sam4j.core.train.ModelParameters;
import io.sam4j.core.train.TwiceDifferentiated;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** --freeze-bn: running statistics stay bitwise fixed through SAM steps; gamma and beta still learn. */
class FreezableBatchNormTest {

    private static final Shape INPUT = new Shape(3, 8, 8);

    @ParameterizedTest(name = "frozen={0}")
    @ValueSource(booleans = {true, false})
    void frozenStatisticsStayFixedThroughSamSteps(boolean frozen) {
        Block block = ModelCatalog.standard().build("resnet-20", INPUT, 3, ModelOptions.DEFAULTS);
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(1);
            block.initialize(manager, DataType.FLOAT32, InputShapes.batchOf(2, INPUT));
            NDArray images = manager.randomNormal(InputShapes.batchOf(4, INPUT));
            // "Pretrained" statistics: a few training-mode passes move them off their initial 0 and 1.
            for (int i = 0; i < 3; i++) {
                Networks.forward(block, manager, manager.randomNormal(InputShapes.batchOf(4, INPUT)), true);
            }
            if (frozen) {
                assertThat(FreezableBatchNorm.freezeAll(block)).isEqualTo(19);
            }
            ModelParameters parameters = ModelParameters.of(block);
            float[] trainMode = Networks.forward(block, manager, images, true).toFloatArray();
            float[] evalMode = Networks.forward(block, manager, images, false).toFloatArray();
            if (frozen) {
                assertThat(trainMode)
                        .as("frozen BN normalizes with running statistics")
                        .containsExactly(evalMode);
            } else {
                assertThat(trainMode).isNotEqualTo(evalMode);
            }
            List<int[]> statsBefore = bits(parameters.state());
            List<int[]> gammasBefore = bits(parameters.trainable().stream()
                    .filter(p -> p.getType() == Parameter.Type.GAMMA)
                    .toList());
            GradientPass pass = new GradientPass(block, parameters, new SmoothedCrossEntropy(0), manager);
            SharpnessAwareStep step = SharpnessAwareStep.builder()
                    .setPass(pass)
                    .setManager(manager)
                    .setOptimizer(Optimizers.sgd()
                            .setLearningRate(Tracker.fixed(0.1f))
                            .build())
                    .build();
            for (int s = 0; s < 3; s++) {
                step.step(batch(s), s);
            }
            List<int[]> statsAfter = bits(parameters.state());
            for (int i = 0; i < statsAfter.size(); i++) {
                if (frozen) {
                    assertThat(statsAfter.get(i))
                            .as(parameters.stateNames().get(i))
                            .containsExactly(statsBefore.get(i));
                } else {
                    assertThat(statsAfter.get(i))
                            .as(parameters.stateNames().get(i))
                            .isNotEqualTo(statsBefore.get(i));
                }
            }
            List<int[]> gammasAfter = bits(parameters.trainable().stream()
                    .filter(p -> p.getType() == Parameter.Type.GAMMA)
                    .toList());
            assertThat(gammasAfter.get(0)).isNotEqualTo(gammasBefore.get(0));
        }
    }

    /** A store marked for double backward: BN takes its affine form, which must normalize the same. */
    private static final class SecondOrderStore extends ParameterStore implements TwiceDifferentiated {
        SecondOrderStore(NDManager manager) {
            super(manager, false);
        }
    }

    /**
     * In inference, the affine form used under double backward equals the fused operator and the
     * formula (x − mean)/√(var + ε)·γ + β worked out here, for image and flat inputs; in training
     * the marker changes nothing (batch statistics).
     */
    @ParameterizedTest(name = "input {0}")
    @ValueSource(strings = {"4x3x5x5", "6x3"})
    void affineFormUnderDoubleBackwardIsTheSameNormalization(String dims) {
        long[] shape = Arrays.stream(dims.split("x")).mapToLong(Long::parseLong).toArray();
        try (NDManager manager = NDManager.newBaseManager()) {
            FreezableBatchNorm norm = new FreezableBatchNorm();
            norm.initialize(manager, DataType.FLOAT32, new Shape(shape));
            float[] mean = {0.5f, -1f, 2f};
            float[] var = {4f, 0.25f, 1f};
            float[] gamma = {1.5f, -0.5f, 2f};
            float[] beta = {0.1f, 0.2f, -0.3f};
            norm.getParameters().get("runningMean").getArray().set(mean);
            norm.getParameters().get("runningVar").getArray().set(var);
            norm.getParameters().get("gamma").getArray().set(gamma);
            norm.getParameters().get("beta").getArray().set(beta);
            NDArray x = manager.randomNormal(new Shape(shape));
            float[] fused = norm.forward(new ParameterStore(manager, false), new NDList(x), false)
                    .head()
                    .toFloatArray();
            float[] affine = norm.forward(new SecondOrderStore(manager), new NDList(x), false)
                    .head()
                    .toFloatArray();
            float[] input = x.toFloatArray();
            long perChannel = shape.length == 4 ? shape[2] * shape[3] : 1;
            for (int i = 0; i < input.length; i++) {
                int c = (int) ((i / perChannel) % 3);
                double expected = (input[i] - mean[c]) / Math.sqrt(var[c] + 1e-5) * gamma[c] + beta[c];
                assertThat((double) affine[i]).as("affine %d", i).isCloseTo(expected, within(1e-5));
                assertThat((double) fused[i]).as("fused %d", i).isCloseTo(expected, within(1e-5));
            }
            float[] trainPlain = norm.forward(new ParameterStore(manager, false), new NDList(x), true)
                    .head()
                    .toFloatArray();
            float[] trainMarked = norm.forward(new SecondOrderStore(manager), new NDList(x), true)
                    .head()
                    .toFloatArray();
            assertThat(trainMarked).containsExactly(trainPlain);
        }
    }

    private static List<int[]> bits(List<Parameter> parameters) {
        List<int[]> out = new ArrayList<>();
        for (Parameter p : parameters) {
            float[] values = p.getArray().toFloatArray();
            int[] raw = new int[values.length];
            for (int i = 0; i < values.length; i++) {
                raw[i] = Float.floatToRawIntBits(values[i]);
            }
            out.add(raw);
        }
        return out;
    }

    private static ArrayBatch batch(long seed) {
        Random random = new Random(seed);
        float[] data = new float[Math.toIntExact(4 * INPUT.size())];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) random.nextGaussian();
        }
        return new ArrayBatch(data, InputShapes.batchOf(4, INPUT).getShape(), new int[] {0, 1, 2, 0});
    }
}
