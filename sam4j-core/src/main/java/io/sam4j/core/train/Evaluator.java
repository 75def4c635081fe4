package io.sam4j.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import io.sam4j.core.random.Seeds;

/**
 * Evaluates a block in inference mode (BatchNorm on running statistics, no dropout, no gradients),
 * one sub-manager per batch.
 */
public final class Evaluator {

    private final Block block;
    private final Loss loss;
    private final NDManager manager;
    private final ParameterStore parameterStore;

    /**
     * Creates an evaluator.
     *
     * @param block an initialized block
     * @param loss the loss to report, averaged over each batch
     * @param manager the parent of the per-batch managers
     */
    public Evaluator(Block block, Loss loss, NDManager manager) {
        this.block = block;
        this.loss = loss;
        this.manager = manager;
        this.parameterStore = new ParameterStore(manager, false);
    }

    /** Told after each evaluated batch, e.g. to move a progress bar. */
    @FunctionalInterface
    public interface Progress {
        /** A progress that ignores every batch. */
        Progress NONE = (batch, examples) -> {};

        /**
         * @param batch the 1-based index of the batch just evaluated
         * @param examples the examples in it
         */
        void batchDone(int batch, int examples);
    }

    /** Evaluates on every batch of epoch 0 of {@code data}. */
    public EvalResult evaluate(BatchSource data, Seeds seeds) {
        return evaluate(data, seeds, Progress.NONE);
    }

    /** Evaluates on every batch of epoch 0 of {@code data}, telling {@code progress} after each batch. */
    public EvalResult evaluate(BatchSource data, Seeds seeds, Progress progress) {
        double lossSum = 0;
        long correct = 0;
        int examples = 0;
        int batches = 0;
        try (BatchSource.Stream stream = data.open(0, seeds)) {
            while (stream.hasNext()) {
                Batch batch = stream.next();
                try (NDManager scope = manager.newSubManager()) {
                    NDArray labels = batch.labels(scope);
                    NDList predictions = block.forward(parameterStore, batch.inputs(scope), false);
                    lossSum += (double) loss.evaluate(new NDList(labels), predictions)
                                    .getFloat()
                            * batch.size();
                    correct += GradientPass.countCorrect(predictions.head(), labels);
                    examples += batch.size();
                }
                progress.batchDone(++batches, batch.size());
            }
        }
        if (examples == 0) {
            throw new IllegalArgumentException("cannot evaluate on an empty dataset");
        }
        return new EvalResult(lossSum / examples, (double) correct / examples, examples);
    }
}
