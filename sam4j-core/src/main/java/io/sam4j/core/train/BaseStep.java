package io.sam4j.core.train;

import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;
import io.sam4j.core.util.Checks;

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
        this.pass = builder.pass;
        this.update = new Updates(builder.optimizer, builder.clipNorm);
        this.weightDecay = builder.weightDecay;
        this.manager = builder.manager;
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

    /** Builds a {@link BaseStep}: {@code setX} for required values, {@code optX} for optional ones. */
    public static final class Builder {
        private GradientPass pass;
        private Optimizer optimizer;
        private NDManager manager;
        private WeightDecay weightDecay = WeightDecay.none();
        private double clipNorm;

        private Builder() {}

        /** Sets the block, its parameters and the loss. */
        public Builder setPass(GradientPass pass) {
            this.pass = pass;
            return this;
        }

        /** Sets the base optimizer. */
        public Builder setOptimizer(Optimizer optimizer) {
            this.optimizer = optimizer;
            return this;
        }

        /** Sets the manager under which per-step arrays are created. */
        public Builder setManager(NDManager manager) {
            this.manager = manager;
            return this;
        }

        /** Sets an L2 penalty inside the loss (default none). */
        public Builder optWeightDecay(WeightDecay weightDecay) {
            this.weightDecay = weightDecay;
            return this;
        }

        /** Sets the maximum global gradient norm (default 0: no clipping). */
        public Builder optClipNorm(double clipNorm) {
            Checks.checkNonNegative("clipNorm", clipNorm);
            this.clipNorm = clipNorm;
            return this;
        }

        /** Builds the step. */
        public BaseStep build() {
            Checks.checkArgument(pass != null, "setPass is required");
            Checks.checkArgument(optimizer != null, "setOptimizer is required");
            Checks.checkArgument(manager != null, "setManager is required");
            return new BaseStep(this);
        }
    }
}
