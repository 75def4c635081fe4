package io.sam4j.zoo.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The small models learn: plain SGD memorises a fixed batch of random images and labels. */
class LearningCheckTest {

    private static final int EXAMPLES = 16;
    private static final int STEPS = 30;

    @ParameterizedTest
    @ValueSource(strings = {"cnn", "mlp"})
    void sgdFitsAHandfulOfRandomExamples(String name) {
        Engine.getInstance().setRandomSeed(7);
        List<Float> losses = new ArrayList<>();
        try (Model model = Model.newInstance(name)) {
            model.setBlock(Networks.build(name, Networks.FASHION_MNIST, 10));
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(Optimizer.sgd()
                            .setLearningRateTracker(Tracker.fixed(0.05f))
                            .build());
            try (Trainer trainer = model.newTrainer(config)) {
                Shape batchShape = InputShapes.batchOf(EXAMPLES, Networks.FASHION_MNIST);
                trainer.initialize(batchShape);
                NDManager manager = trainer.getManager();
                NDArray images = manager.randomNormal(batchShape);
                NDArray labels = manager.arange(EXAMPLES).mod(10).toType(DataType.FLOAT32, false);
                for (int step = 0; step < STEPS; step++) {
                    try (GradientCollector collector = trainer.newGradientCollector()) {
                        NDArray logits = trainer.forward(new NDList(images)).singletonOrThrow();
                        NDArray loss = trainer.getLoss().evaluate(new NDList(labels), new NDList(logits));
                        losses.add(loss.getFloat());
                        collector.backward(loss);
                    }
                    trainer.step();
                }
            }
        }
        float first = losses.get(0);
        float last = losses.get(losses.size() - 1);
        assertThat(first).as("chance level is ln 10 = 2.3").isBetween(1.5f, 4f);
        assertThat(last).as("losses " + losses).isLessThan(first / 4);
    }
}
