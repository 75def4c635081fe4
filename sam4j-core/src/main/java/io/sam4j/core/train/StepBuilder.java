package io.sam4j.core.train;

import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;
import io.sam4j.core.util.Checks;

/**
 * What every {@link TrainingStep} builder takes: {@code setX} for required values, {@code optX} for
 * optional ones, in DJL's builder style.
 *
 * @param <B> the concrete builder
 */
public abstract class StepBuilder<B extends StepBuilder<B>> {

    private GradientPass pass;
    private Optimizer optimizer;
    private NDManager manager;
    private WeightDecay weightDecay = WeightDecay.none();
    private double clipNorm;
    private int microBatches = 1;

    protected StepBuilder() {}

    /** Returns this builder, typed. */
    protected abstract B self();

    /** Sets the block, its parameters and the loss. */
    public B setPass(GradientPass pass) {
        this.pass = pass;
        return self();
    }

    /** Sets the base optimizer that applies the descent gradient. */
    public B setOptimizer(Optimizer optimizer) {
        this.optimizer = optimizer;
        return self();
    }

    /** Sets the manager under which per-step arrays are created. */
    public B setManager(NDManager manager) {
        this.manager = manager;
        return self();
    }

    /** Sets an L2 penalty inside the loss (default none). */
    public B optWeightDecay(WeightDecay weightDecay) {
        this.weightDecay = weightDecay;
        return self();
    }

    /** Sets the maximum global norm of the descent gradient (default 0: no clipping). */
    public B optClipNorm(double clipNorm) {
        Checks.checkNonNegative("clipNorm", clipNorm);
        this.clipNorm = clipNorm;
        return self();
    }

    /**
     * Accumulates each step's gradients over {@code count} micro-batches of the step's batch (default 1:
     * the whole batch in one pass), so that memory holds one micro-batch's activations at a time; the
     * update equals the one from the whole batch (up to float rounding, and to BatchNorm, whose
     * batch statistics are per micro-batch).
     */
    public B optMicroBatches(int count) {
        Checks.checkPositive("micro-batches", count);
        this.microBatches = count;
        return self();
    }

    /** Checks that the required values are set. */
    protected void validate() {
        Checks.checkArgument(pass != null, "setPass is required");
        Checks.checkArgument(optimizer != null, "setOptimizer is required");
        Checks.checkArgument(manager != null, "setManager is required");
    }

    /**
     * Copies this builder's common settings (pass, optimizer, manager, weight decay, clipping) into
     * another step's builder, so that a step made of other steps gives them all the same settings.
     */
    public <T extends StepBuilder<T>> T applyTo(T other) {
        return other.setPass(pass)
                .setOptimizer(optimizer)
                .setManager(manager)
                .optWeightDecay(weightDecay)
                .optClipNorm(clipNorm)
                .optMicroBatches(microBatches);
    }

    /** Returns the pass runner. */
    public GradientPass pass() {
        return pass;
    }

    /** Returns the manager for per-step arrays. */
    public NDManager manager() {
        return manager;
    }

    /** Returns the number of micro-batches per step. */
    public int microBatches() {
        return microBatches;
    }

    /** Returns the in-loss weight decay. */
    public WeightDecay weightDecay() {
        return weightDecay;
    }

    /** Returns the parameter update (clipping, then the base optimizer). */
    public Updates updates() {
        return new Updates(optimizer, clipNorm);
    }
}
