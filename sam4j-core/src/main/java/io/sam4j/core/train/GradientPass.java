package io.sam4j.core.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import io.sam4j.core.loss.ExampleLoss;

/**
 * One forward and backward pass of a block in training mode.
 *
 * <p>Every intermediate array lives in a sub-manager that is closed when the pass ends, so memory
 * peaks at one pass's activations however many passes a step makes. The engine's random seed is
 * set first, so that two passes of one step (SAM's ascent and descent) draw the same dropout masks.
 */
public final class GradientPass {

    private final Block block;
    private final ModelParameters parameters;
    private final Loss loss;
    private final ParameterStore parameterStore;
    private final Observer observer;
    private long passExamples;
    private long forwardExamples;

    /** Where the weights of a pass are. */
    public enum At {
        /** At the weights w the step updates (a clean pass). */
        WEIGHTS,
        /** At perturbed weights w + ε, restored after the pass. */
        PERTURBED
    }

    /**
     * Sees each pass's predictions, for code that reports them elsewhere (DJL's evaluators and
     * listeners, through {@link io.sam4j.core.djl.SamTrain}).
     */
    @FunctionalInterface
    public interface Observer {
        /**
         * Called after each pass's backward, outside the gradient collector. The arrays are closed when
         * the pass ends: copy what is kept.
         *
         * @param at where the pass's weights were
         * @param labels the pass's labels
         * @param predictions the block's outputs
         */
        void observe(At at, NDArray labels, NDList predictions);
    }

    /**
     * Creates a pass runner.
     *
     * @param block an initialized block
     * @param parameters the block's parameters
     * @param loss the loss, averaged over the batch
     * @param manager the manager of the parameter store
     */
    public GradientPass(Block block, ModelParameters parameters, Loss loss, NDManager manager) {
        this(block, parameters, loss, manager, null);
    }

    /**
     * Creates a pass runner whose passes {@code observer} sees.
     *
     * @param observer sees every pass's labels and predictions, or null for none
     */
    public GradientPass(Block block, ModelParameters parameters, Loss loss, NDManager manager, Observer observer) {
        this.block = block;
        this.parameters = parameters;
        this.loss = loss;
        this.parameterStore = new ParameterStore(manager, false);
        this.observer = observer;
    }

    /**
     * Returns the examples that forward-backward passes have run so far, which measures what steps
     * cost: a pass on the whole batch counts the batch size, ESAM's pass on a subset the subset's
     * ({@code sam4j bench --methods} divides time by it).
     */
    public long passExamples() {
        return passExamples;
    }

    /** Returns the block. */
    public Block block() {
        return block;
    }

    /** Returns the block's parameters. */
    public ModelParameters parameters() {
        return parameters;
    }

    /**
     * Runs one pass at the weights w and takes the gradients out of the parameters.
     *
     * @param batch the examples
     * @param engineSeed the engine seed for this pass (dropout and other in-graph randomness)
     * @param out the manager that receives the gradient arrays
     * @return loss, correct count and gradients
     */
    public PassResult run(Batch batch, long engineSeed, NDManager out) {
        return run(batch, engineSeed, out, At.WEIGHTS);
    }

    /**
     * Runs one pass and takes the gradients out of the parameters.
     *
     * @param at where the parameters are: at w, or perturbed (what the {@link Observer} is told)
     * @see #run(Batch, long, NDManager)
     */
    public PassResult run(Batch batch, long engineSeed, NDManager out, At at) {
        return run(batch, engineSeed, out, at, false);
    }

    /**
     * Runs one pass, also giving each example's loss when {@code exampleLosses}.
     *
     * @see #run(Batch, long, NDManager, At)
     */
    public PassResult run(Batch batch, long engineSeed, NDManager out, At at, boolean exampleLosses) {
        passExamples += batch.size();
        Engine.getInstance().setRandomSeed(Long.hashCode(engineSeed));
        try (NDManager pass = out.newSubManager()) {
            NDList inputs = batch.inputs(pass);
            NDArray labels = batch.labels(pass);
            float lossValue;
            int correct;
            NDList predictions;
            float[] losses = null;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                predictions = block.forward(parameterStore, inputs, true);
                NDArray value = loss.evaluate(new NDList(labels), predictions);
                collector.backward(value);
                lossValue = value.getFloat();
                correct = countCorrect(predictions.head(), labels);
            }
            if (observer != null) {
                observer.observe(at, labels, predictions);
            }
            if (exampleLosses) {
                losses = perExample(labels, predictions);
            }
            NDList gradients = Gradients.take(parameters.trainable(), out);
            return new PassResult(lossValue, correct, batch.size(), gradients, losses);
        }
    }

    /**
     * Returns each example's loss at the current weights from a forward pass in training mode (the
     * same batch statistics and, under the same engine seed, the same dropout masks as a pass)
     * without gradients. The block's state (BatchNorm statistics) moves as in a pass: callers that
     * must not keep that restore it. It costs about a third of a pass and is not counted in {@link
     * #passExamples()}; {@link #forwardExamples()} counts it.
     */
    public float[] exampleLosses(Batch batch, long engineSeed, NDManager out) {
        forwardExamples += batch.size();
        Engine.getInstance().setRandomSeed(Long.hashCode(engineSeed));
        try (NDManager pass = out.newSubManager()) {
            NDList inputs = batch.inputs(pass);
            NDArray labels = batch.labels(pass);
            NDList predictions = block.forward(parameterStore, inputs, true);
            return perExample(labels, predictions);
        }
    }

    /**
     * Runs a forward pass in training mode without a loss or gradients, for what it does to the block's
     * state: BatchNorm's running statistics take this batch's statistics at the current weights, with
     * each layer's own momentum. Counted in {@link #forwardExamples()}.
     */
    public void forward(Batch batch, long engineSeed, NDManager out) {
        forwardExamples += batch.size();
        Engine.getInstance().setRandomSeed(Long.hashCode(engineSeed));
        try (NDManager pass = out.newSubManager()) {
            block.forward(parameterStore, batch.inputs(pass), true);
        }
    }

    /**
     * Returns the examples that gradient-free forward passes ({@link #exampleLosses}, {@link #forward})
     * have run so far.
     */
    public long forwardExamples() {
        return forwardExamples;
    }

    /**
     * Each example's loss: from an {@link ExampleLoss} in one go, otherwise by evaluating the loss
     * (a mean over its batch) on each example alone.
     */
    private float[] perExample(NDArray labels, NDList predictions) {
        if (loss instanceof ExampleLoss perExample) {
            return perExample.perExample(labels, predictions.head()).toFloatArray();
        }
        int n = Math.toIntExact(labels.getShape().get(0));
        float[] losses = new float[n];
        for (int i = 0; i < n; i++) {
            NDIndex row = new NDIndex("{}:{}", i, i + 1);
            NDList rowPredictions = new NDList(predictions.size());
            for (NDArray p : predictions) {
                rowPredictions.add(p.get(row));
            }
            losses[i] =
                    loss.evaluate(new NDList(labels.get(row)), rowPredictions).getFloat();
        }
        return losses;
    }

    /** Returns how many rows of {@code logits} have their arg-max at the label. */
    public static int countCorrect(NDArray logits, NDArray labels) {
        NDArray predicted = logits.argMax(-1);
        NDArray hits = predicted.eq(labels.toType(predicted.getDataType(), false));
        return Math.toIntExact(hits.toType(DataType.INT64, false).sum().getLong());
    }
}
