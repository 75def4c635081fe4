package io.sam4j.core.train;

import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;

/**
 * A plain step: one gradient at the current weights, then the base optimizer.
 *
 * <pre>g = ∇L(w) (+ λ·w with an in-loss {@link WeightDecay}),  w ← Optimizer(w, clip(g))</pre>
 */
public final class BaseStep implements TrainingStep {

    private final GradientPass pass;
    private final Updates update;
    private final WeightDecay weightDecay;
    private final NDManager manager;

    private BaseStep(Builder builder) {
        this.pass = builder.pass();
        this.update = builder.updates();
        this.weightDecay = builder.weightDecay();
        this.manager = builder.manager();
    }

    /** Returns a builder. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public StepResult step(Batch batch, long seed) {
        StepSeeds seeds = new StepSeeds(seed);
        try (NDManager stepManager = manager.newSubManager()) {
            PassResult clean = pass.run(batch, seeds.engineSeed(0), stepManager);
            Updates.checkFinite(clean.loss());
            double gradientNorm = Gradients.norm(clean.gradients());
            weightDecay.addGradient(pass.parameters().trainable(), clean.gradients());
            update.apply(pass.parameters().trainable(), clean.gradients());
            return new StepResult(clean.loss(), clean.correct(), clean.size(), gradientNorm, 0);
        }
    }

    @Override
    public GradientPass pass() {
        return pass;
    }

    @Override
    public Optimizer optimizer() {
        return update.optimizer();
    }

    /** Builds a {@link BaseStep}. */
    public static final class Builder extends StepBuilder<Builder> {

        private Builder() {}

        @Override
        protected Builder self() {
            return this;
        }

        /** Builds the step. */
        public BaseStep build() {
            validate();
            return new BaseStep(this);
        }
    }
}
