package io.sam4j.zoo.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The residual blocks close intermediate handles during the forward pass to save memory. This checks
 * that backward still sees every value it needs: the gradient along a random direction v equals the
 * central difference (L(w + hv) − L(w − hv)) / 2h.
 */
class ReleasedIntermediatesGradientTest {

    @ParameterizedTest
    @CsvSource({"wrn-10-2, 0", "wrn-10-2, 0.3", "resnet-8, 0"})
    void gradientMatchesCentralDifference(String name, float dropout) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = ModelCatalog.standard()
                    .build(name, new Shape(3, 8, 8), 5, ModelOptions.DEFAULTS.withDropout(dropout));
            Engine.getInstance().setRandomSeed(3);
            block.initialize(manager, DataType.FLOAT32, new Shape(4, 3, 8, 8));
            NDArray x = manager.randomNormal(new Shape(4, 3, 8, 8));
            NDArray y = manager.create(new float[] {0, 1, 2, 3});
            ParameterStore store = new ParameterStore(manager, false);

            List<Parameter> trainable = new ArrayList<>();
            block.getParameters().values().forEach(p -> {
                if (p.requiresGradient()) {
                    trainable.add(p);
                }
            });
            Engine.getInstance().setRandomSeed(11);
            double directional = 0;
            List<NDArray> direction = new ArrayList<>();
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                collector.backward(loss(block, store, x, y));
            }
            double norm = 0;
            for (Parameter p : trainable) {
                NDArray v = manager.randomNormal(p.getArray().getShape());
                direction.add(v);
                norm += v.square().sum().getFloat();
            }
            for (int i = 0; i < trainable.size(); i++) {
                direction.get(i).divi((float) Math.sqrt(norm));
                directional += trainable
                        .get(i)
                        .getArray()
                        .getGradient()
                        .mul(direction.get(i))
                        .sum()
                        .getFloat();
            }

            float h = 1e-2f;
            double plus = shiftedLoss(block, store, x, y, trainable, direction, h);
            double minus = shiftedLoss(block, store, x, y, trainable, direction, -2 * h);
            double finiteDifference = (plus - minus) / (2 * h);
            assertThat(Math.abs(directional)).isGreaterThan(1e-3);
            assertThat(finiteDifference).isCloseTo(directional, Assertions.within(0.02 * Math.abs(directional) + 1e-3));
        }
    }

    private static NDArray loss(Block block, ParameterStore store, NDArray x, NDArray y) {
        Engine.getInstance().setRandomSeed(11);
        NDList out = block.forward(store, new NDList(x), true);
        return Loss.softmaxCrossEntropyLoss().evaluate(new NDList(y), out);
    }

    /** Moves the weights by {@code step·v} and returns the loss there. */
    private static double shiftedLoss(
            Block block,
            ParameterStore store,
            NDArray x,
            NDArray y,
            List<Parameter> trainable,
            List<NDArray> direction,
            float step) {
        for (int i = 0; i < trainable.size(); i++) {
            trainable.get(i).getArray().addi(direction.get(i).mul(step));
        }
        return loss(block, store, x, y).getFloat();
    }
}
