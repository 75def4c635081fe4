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

    /** Evaluates on every batch of epoch 0 of {@code data}. */
    public EvalResult evaluate(BatchSource data, Seeds seeds) {
        double lossSum = 0;
        long correct = 0;
        int examples = 0;
        try (BatchSource.Stream batches = data.open(0, seeds)) {
            while (batches.hasNext()) {
                Batch batch = batches.next();
                try (NDManager scope = manager.newSubManager()) {
                    NDArray labels = batch.labels(scope);
                    NDList predictions = block.forward(parameterStore, batch.inputs(scope), false);
                    lossSum += (double) loss.evaluate(new NDList(labels), predictions)
                                    .getFloat()
                            * batch.size();
                    correct += GradientPass.countCorrect(predictions.head(), labels);
                    examples += batch.size();
                }
            }
        }
        if (examples == 0) {
            throw new IllegalArgumentException("cannot evaluate on an empty dataset");
        }
        return new EvalResult(lossSum / examples, (double) correct / examples, examples);
    }
}
