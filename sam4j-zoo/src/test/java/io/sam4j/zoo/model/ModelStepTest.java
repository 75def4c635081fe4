package io.sam4j.zoo.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.tracker.Tracker;
import io.sam4j.core.loss.SmoothedCrossEntropy;
import io.sam4j.core.optim.Optimizers;
import io.sam4j.core.sam.SharpnessAwareStep;
import io.sam4j.core.train.ArrayBatch;
import io.sam4j.core.train.GradientPass;
import io.sam4j.core.train.ModelParameters;
import io.sam4j.core.train.StepResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Output shape in both modes and one SAM step of every family of the zoo (graphs aside: {@code
 * GcnTest}), at the inputs the README and the presets use and at the smallest the family takes: the
 * step must give a finite loss and gradient and move every trainable parameter. A native crash here
 * (libtorch's SIGFPE, see {@link OneDnnSafeConv2d}) ends the forked JVM, and Surefire then names
 * this test; a miscomputing kernel shows as a NaN loss.
 */
class ModelStepTest {

    private static final Shape TINY = new Shape(3, 16, 16);
    private static final ModelCatalog CATALOG = ModelCatalog.standard();

    static Stream<Arguments> models() {
        PyramidNetFamily pyramid = new PyramidNetFamily();
        Shape cifar = new Shape(3, 32, 32);
        Shape fashion = new Shape(1, 28, 28);
        return Stream.of(
                // the README's and the presets' models at their inputs (demo, train, bench, presets)
                Arguments.of(CATALOG.resolve("mlp"), fashion),
                Arguments.of(CATALOG.resolve("cnn"), fashion),
                Arguments.of(CATALOG.resolve("resnet-20"), cifar),
                Arguments.of(CATALOG.resolve("resnet-32"), cifar),
                Arguments.of(CATALOG.resolve("wrn-16-4"), cifar),
                Arguments.of(CATALOG.resolve("wrn-28-10"), cifar),
                Arguments.of(CATALOG.resolve("wrn-28-10"), fashion),
                Arguments.of(CATALOG.resolve("shake-shake-26-2x96d"), cifar),
                Arguments.of(CATALOG.resolve("pyramidnet-110-48"), cifar),
                Arguments.of(CATALOG.resolve("resnet-18"), cifar),
                Arguments.of(CATALOG.resolve("resnet-34"), cifar),
                Arguments.of(CATALOG.resolve("resnet-50"), cifar),
                Arguments.of(CATALOG.resolve("resnet-101"), cifar),
                Arguments.of(CATALOG.resolve("resnet-152"), cifar),
                Arguments.of(CATALOG.resolve("efficientnet-b0"), new Shape(3, 224, 224)),
                Arguments.of(CATALOG.resolve("transformer-ts"), new Shape(1, 187)),
                // each family at its smallest input, and the deep CIFAR models at a smaller depth
                // and width of the same block code
                Arguments.of(CATALOG.resolve("cnn"), new Shape(1, 4, 4)),
                Arguments.of(CATALOG.resolve("wrn-16-4"), new Shape(3, 4, 4)),
                Arguments.of(CATALOG.resolve("resnet-50"), new Shape(3, 1, 1)),
                Arguments.of(CATALOG.resolve("efficientnet-b0"), new Shape(3, 1, 1)),
                Arguments.of(CATALOG.resolve("shake-shake-8-2x16d"), TINY),
                Arguments.of(CATALOG.resolve("shake-shake-14-2x8d"), TINY),
                Arguments.of(CATALOG.resolve("pyramidnet-20-12"), TINY),
                Arguments.of(CATALOG.resolve("pyramidnet-20-12-shakedrop"), TINY),
                Arguments.of(pyramid.of(11, 12, true, false), TINY),
                Arguments.of(pyramid.of(20, 12, true, true), TINY));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("models")
    void oneSamStepMovesEveryWeight(ModelSpec spec, Shape input) {
        int classes = 3;
        Block block = CATALOG.build(spec, input, classes, ModelOptions.DEFAULTS);
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(3);
            block.initialize(manager, DataType.FLOAT32, InputShapes.batchOf(2, input));
            NDArray images = manager.randomNormal(InputShapes.batchOf(2, input));
            for (boolean training : new boolean[] {true, false}) {
                assertThat(Networks.forward(block, manager, images, training).getShape())
                        .isEqualTo(new Shape(2, classes));
            }
            ModelParameters parameters = ModelParameters.of(block);
            List<float[]> before = new ArrayList<>();
            parameters.trainable().forEach(p -> before.add(p.getArray().toFloatArray()));
            GradientPass pass = new GradientPass(block, parameters, new SmoothedCrossEntropy(0), manager);
            SharpnessAwareStep step = SharpnessAwareStep.builder()
                    .setPass(pass)
                    .setManager(manager)
                    .setOptimizer(Optimizers.sgd()
                            .setLearningRate(Tracker.fixed(0.1f))
                            .build())
                    .build();
            StepResult result = step.step(batch(input, 4, classes), 11L);
            assertThat(result.loss()).isFinite().isPositive();
            assertThat(result.gradientNorm()).isFinite().isPositive();
            List<Parameter> trainable = parameters.trainable();
            for (int i = 0; i < trainable.size(); i++) {
                assertThat(trainable.get(i).getArray().toFloatArray())
                        .as(parameters.trainableNames().get(i))
                        .isNotEqualTo(before.get(i));
            }
        }
    }

    private static ArrayBatch batch(Shape input, int n, int classes) {
        Random random = new Random(5);
        float[] data = new float[Math.toIntExact(n * input.size())];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) random.nextGaussian();
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % classes;
        }
        return new ArrayBatch(data, InputShapes.batchOf(n, input).getShape(), labels);
    }
}
