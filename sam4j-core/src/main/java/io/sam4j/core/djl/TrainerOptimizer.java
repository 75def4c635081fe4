package io.sam4j.core.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.training.optimizer.Optimizer;
import io.sam4j.core.optim.DelegatingOptimizer;
import io.sam4j.core.train.Gradients;

/**
 * The base optimizer the core steps see inside {@link SamTrain}: instead of updating a weight, it
 * leaves the (clipped) descent gradient in the weight's gradient, where DJL's {@code Trainer.step()}
 * hands it to the trainer's own optimizer. So every step of the catalog updates through the trainer,
 * and the SAM maths stays in the core steps.
 */
final class TrainerOptimizer extends Optimizer implements DelegatingOptimizer {

    private final Optimizer trainers;

    /** @param trainers the trainer's optimizer, for steps that read its state; null if not known */
    TrainerOptimizer(Optimizer trainers) {
        super(new Builder());
        this.trainers = trainers;
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        Gradients.replace(weight, grad);
    }

    @Override
    public Optimizer delegate() {
        return trainers;
    }

    private static final class Builder extends OptimizerBuilder<Builder> {
        @Override
        protected Builder self() {
            return this;
        }
    }
}
