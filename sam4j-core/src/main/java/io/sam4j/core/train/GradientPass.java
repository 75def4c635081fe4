package io.sam4j.core.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;

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
    private long passes;

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
     * Returns the number of forward-backward passes run so far, which measures what a step costs
     * ({@code sam4j bench --methods} divides time by it).
     */
    public long passes() {
        return passes;
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
        passes++;
        Engine.getInstance().setRandomSeed(Long.hashCode(engineSeed));
        try (NDManager pass = out.newSubManager()) {
            NDList inputs = batch.inputs(pass);
            NDArray labels = batch.labels(pass);
            float lossValue;
            int correct;
            NDList predictions;
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
            NDList gradients = Gradients.take(parameters.trainable(), out);
            return new PassResult(lossValue, correct, batch.size(), gradients);
        }
    }

    /** Returns how many rows of {@code logits} have their arg-max at the label. */
    public static int countCorrect(NDArray logits, NDArray labels) {
        NDArray predicted = logits.argMax(-1);
        NDArray hits = predicted.eq(labels.toType(predicted.getDataType(), false));
        return Math.toIntExact(hits.toType(DataType.INT64, false).sum().getLong());
    }
}
