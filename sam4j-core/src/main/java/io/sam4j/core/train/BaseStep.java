package io.sam4j.core.train;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;
import java.util.List;

/**
 * A plain step: one gradient at the current weights, then the base optimizer.
 *
 * <pre>g = ∇L(w) (+ λ·w with an in-loss {@link WeightDecay}),  w ← Optimizer(w, clip(g))</pre>
 *
 * <p>With {@link StepBuilder#optMicroBatches micro-batches}, g = Σⱼ (|Bⱼ|/|B|)·∇L_{Bⱼ}(w), one pass per
 * micro-batch Bⱼ, each with its own engine seed.
 */
public final class BaseStep implements TrainingStep {

    private final GradientPass pass;
    private final Updates update;
    private final WeightDecay weightDecay;
    private final NDManager manager;
    private final int microBatches;

    private BaseStep(Builder builder) {
        this.pass = builder.pass();
        this.update = builder.updates();
        this.weightDecay = builder.weightDecay();
        this.manager = builder.manager();
        this.microBatches = builder.microBatches();
    }

    /** Returns a builder. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public StepResult step(Batch batch, long seed) {
        if (microBatches > 1) {
            return accumulatedStep(batch, seed);
        }
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

    private StepResult accumulatedStep(Batch batch, long seed) {
        StepSeeds seeds = new StepSeeds(seed);
        List<Batch> parts = MicroBatches.split(batch, microBatches);
        try (NDManager stepManager = manager.newSubManager()) {
            NDList sum = null;
            double lossSum = 0;
            int correct = 0;
            for (int j = 0; j < parts.size(); j++) {
                Batch part = parts.get(j);
                PassResult clean = pass.run(part, seeds.engineSeed(j), stepManager);
                Updates.checkFinite(clean.loss());
                lossSum += (double) clean.loss() * part.size();
                correct += clean.correct();
                NDList g = clean.gradients();
                float share = (float) part.size() / batch.size();
                g.forEach(a -> a.muli(share));
                sum = sum == null ? g : add(sum, g);
            }
            double gradientNorm = Gradients.norm(sum);
            weightDecay.addGradient(pass.parameters().trainable(), sum);
            update.apply(pass.parameters().trainable(), sum);
            return new StepResult((float) (lossSum / batch.size()), correct, batch.size(), gradientNorm, 0);
        }
    }

    private static NDList add(NDList sum, NDList next) {
        Gradients.addInPlace(sum, next);
        next.close();
        return sum;
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
