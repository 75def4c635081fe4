package io.sam4j.analysis.landscape;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import io.sam4j.core.train.Batch;
import io.sam4j.core.train.EvalResult;
import io.sam4j.core.train.GradientPass;
import java.util.ArrayList;
import java.util.List;

/**
 * Loss and accuracy of a block at its current weights on a fixed sample, in inference mode (BatchNorm on
 * running statistics, no dropout) and without gradients.
 *
 * <p>A landscape evaluates the same examples at hundreds of weights, so the inputs are created once and
 * kept; each evaluation runs its batches in a sub-manager that takes the inputs along temporarily, so
 * every intermediate array is freed when the batch ends.
 */
public final class SampleEvaluator implements AutoCloseable {

    private final Block block;
    private final Loss loss;
    private final NDManager manager;
    private final ParameterStore parameterStore;
    private final List<NDList> inputs = new ArrayList<>();
    private final List<NDArray> labels = new ArrayList<>();
    private final int[] sizes;
    private final int examples;

    /**
     * Materializes the sample.
     *
     * @param block an initialized block
     * @param loss the loss, averaged over a batch (weighted by batch size across batches)
     * @param batches the sample, not empty
     * @param parent the parent of this evaluator's manager
     */
    public SampleEvaluator(Block block, Loss loss, List<Batch> batches, NDManager parent) {
        if (batches.isEmpty()) {
            throw new IllegalArgumentException("cannot evaluate on an empty sample");
        }
        this.block = block;
        this.loss = loss;
        this.manager = parent.newSubManager();
        this.parameterStore = new ParameterStore(manager, false);
        this.sizes = new int[batches.size()];
        int total = 0;
        for (int b = 0; b < batches.size(); b++) {
            Batch batch = batches.get(b);
            inputs.add(batch.inputs(manager));
            labels.add(batch.labels(manager));
            sizes[b] = batch.size();
            total += batch.size();
        }
        this.examples = total;
    }

    /** Returns the number of examples in the sample. */
    public int examples() {
        return examples;
    }

    /** Evaluates the block at its current weights. */
    public EvalResult evaluate() {
        double lossSum = 0;
        long correct = 0;
        for (int b = 0; b < sizes.length; b++) {
            try (NDManager scope = manager.newSubManager()) {
                // Results of an operation belong to its operand's manager: moving the inputs into the
                // scope for the pass makes every activation die with the scope.
                NDList x = inputs.get(b);
                NDArray y = labels.get(b);
                x.tempAttach(scope);
                y.tempAttach(scope);
                NDList predictions = block.forward(parameterStore, x, false);
                try (NDArray value = loss.evaluate(new NDList(y), predictions)) {
                    lossSum += (double) value.getFloat() * sizes[b];
                }
                correct += GradientPass.countCorrect(predictions.head(), y);
            }
        }
        return new EvalResult(lossSum / examples, (double) correct / examples, examples);
    }

    @Override
    public void close() {
        manager.close();
    }
}
