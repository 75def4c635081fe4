package io.sam4j.cli.command;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.optimizer.Optimizer;
import io.sam4j.cli.UserError;
import io.sam4j.core.loss.SmoothedCrossEntropy;
import io.sam4j.core.optim.Optimizers;
import io.sam4j.core.sam.SharpnessAwareStep;
import io.sam4j.core.schedule.LearningRateSchedule;
import io.sam4j.core.train.ArrayBatch;
import io.sam4j.core.train.BaseStep;
import io.sam4j.core.train.GradientPass;
import io.sam4j.core.train.ModelParameters;
import io.sam4j.core.train.TrainingStep;
import io.sam4j.core.train.WeightDecay;
import io.sam4j.zoo.model.ModelCatalog;
import io.sam4j.zoo.model.ModelOptions;
import io.sam4j.zoo.model.ModelSpec;

/**
 * One model of the zoo on a synthetic batch, with an SGD step and a SAM step over the same weights: what
 * {@code bench steps}, {@code methods}, {@code memory} and {@code loader} time. The optimizer is the SAM
 * paper's CIFAR setting (SGD, lr 0.1, momentum 0.9, L2 5e-4).
 */
final class BenchModel implements AutoCloseable {

    static final double LR = 0.1;
    static final float MOMENTUM = 0.9f;
    static final float WEIGHT_DECAY = 5e-4f;

    final NDManager manager;
    final ModelSpec spec;
    final long parameterCount;
    final ArrayBatch batch;
    final GradientPass pass;
    final TrainingStep sgd;
    final TrainingStep sam;

    BenchModel(BenchOptions options, ModelSpec spec, Shape shape, double rho) {
        this.manager = NDManager.newBaseManager(options.engine.resolvedDevice());
        this.spec = spec;
        try {
            ModelCatalog catalog = ModelCatalog.standard();
            Block block = catalog.build(spec, shape, options.classes, ModelOptions.DEFAULTS);
            Engine.getInstance().setRandomSeed(Long.hashCode(options.seed()));
            block.initialize(manager, DataType.FLOAT32, new Shape(1, shape.get(0), shape.get(1), shape.get(2)));
            ModelParameters parameters = ModelParameters.of(block);
            parameterCount = parameters.trainableSize();
            batch = options.syntheticBatch(shape);
            pass = new GradientPass(block, parameters, new SmoothedCrossEntropy(0), manager);
            WeightDecay decay = new WeightDecay(WEIGHT_DECAY);
            sgd = BaseStep.builder()
                    .setPass(pass)
                    .setOptimizer(optimizer())
                    .setManager(manager)
                    .optWeightDecay(decay)
                    .build();
            sam = SharpnessAwareStep.builder()
                    .setPass(pass)
                    .setOptimizer(optimizer())
                    .setManager(manager)
                    .optRho((float) rho)
                    .optWeightDecay(decay)
                    .build();
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** A fresh optimizer with the benchmark's settings. */
    Optimizer optimizer() {
        return Optimizers.sgd()
                .setLearningRate(LearningRateSchedule.constant(LR))
                .optMomentum(MOMENTUM)
                .build();
    }

    /** Returns the milliseconds one step took. */
    static double time(TrainingStep step, ArrayBatch batch, long stepSeed) {
        long start = System.nanoTime();
        step.step(batch, stepSeed);
        return (System.nanoTime() - start) / 1e6;
    }

    /** Returns the model of the zoo named {@code name}, or a usage error naming it. */
    static ModelSpec resolve(String name) {
        try {
            return ModelCatalog.standard().resolve(name);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }

    /** Checks rho, which every step benchmark passes to SAM. */
    static void checkRho(double rho) {
        if (!(rho >= 0) || Double.isInfinite(rho)) {
            throw new UserError("--rho must be >= 0 but was " + rho);
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
