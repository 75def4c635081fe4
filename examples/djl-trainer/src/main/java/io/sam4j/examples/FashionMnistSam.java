package io.sam4j.examples;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.sam4j.core.djl.SamTrain;
import io.sam4j.zoo.data.DatasetCatalog;
import io.sam4j.zoo.data.DatasetLocator;
import io.sam4j.zoo.data.DjlDatasets;
import java.nio.file.Path;
import java.util.stream.IntStream;

/** DJL's Trainer on Fashion-MNIST (/usr/share/datasets, $SAM4J_DATA, ~/.sam4j) with SAM. Args: [images] [epochs] */
public final class FashionMnistSam {
    public static void main(String[] args) throws Exception {
        int images = args.length > 0 ? Integer.parseInt(args[0]) : 60_000;
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        var data = DatasetCatalog.get("fashion-mnist").load(DatasetLocator.fromSystem().locate("fashion-mnist", null));
        var train = data.train().subset(IntStream.range(0, images).toArray());
        Engine.getInstance().setRandomSeed(1);
        try (Model model = Model.newInstance("fashion-cnn")) {
            model.setBlock(new SequentialBlock()
                    .add(Conv2d.builder().setFilters(16).setKernelShape(new Shape(3, 3)).build())
                    .add(BatchNorm.builder().build())
                    .add(Activation::relu)
                    .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                    .add(Blocks.batchFlattenBlock())
                    .add(Linear.builder().setUnits(10).build()));
            var sgd = Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.05f)).optMomentum(0.9f);
            var config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(sgd.build())
                    .addEvaluator(new Accuracy())
                    .addTrainingListeners(TrainingListener.Defaults.basic());
            try (var trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(1, 1, 28, 28));
                var trainSet = DjlDatasets.arrayDataset(train, trainer.getManager(), 128, true);
                var testSet = DjlDatasets.arrayDataset(data.test(), trainer.getManager(), 500, false);
                // EasyTrain.fit(trainer, epochs, trainSet, testSet); becomes:
                SamTrain.builder().optRho(0.05f).build().fit(trainer, epochs, trainSet, testSet);
                float accuracy = trainer.getTrainingResult().getValidateEvaluation("Accuracy");
                System.out.printf("test accuracy %.4f (SAM, %d epochs, %d images)%n", accuracy, epochs, images);
            }
            model.save(Path.of("target", "model"), "fashion-cnn");
        }
    }
}
