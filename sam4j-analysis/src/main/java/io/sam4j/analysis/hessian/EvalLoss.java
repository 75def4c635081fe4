package io.sam4j.analysis.hessian;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.loss.Loss;
import io.sam4j.analysis.hessian.pytorch.DoubleBackward;
import io.sam4j.core.train.Batch;
import io.sam4j.core.train.ModelParameters;
import io.sam4j.core.util.Checks;
import io.sam4j.core.util.ProcessMemory;
import java.util.List;

/**
 * The loss of a block in evaluation mode (BatchNorm on its running statistics, no dropout), averaged
 * over a fixed list of batches, as a function of the trainable weights: its value, its gradient
 * and its Hessian-vector products.
 *
 * <p>The average weights each batch by its size, so it is the mean loss over all the examples. The
 * batches are the same for every call, so {@link #hessianVectorProduct} is one fixed symmetric map.
 *
 * <p><b>Hessian-vector products by double backward</b> (Pearlmutter, 1994): with g = ∇L(w) computed
 * with its graph kept, Hv = ∇(g·v), one more backward pass through the graph of g; exact up to
 * float rounding. The two backward passes run through {@code torch.autograd.grad} (see {@link
 * DoubleBackward}). g and its graph do not depend on v: {@link #openHessian()} keeps them between
 * products, so that each product after the first costs only the second backward pass (about 1.3
 * gradients on {@code cnn} and 2.4 on {@code wrn-16-4}, against 3 and 5.5 from scratch; see {@code
 * BENCHMARKS.md}).
 *
 * <p>Each batch runs in its own sub-manager and differentiates by per-pass leaves (a {@link
 * LeafParameterStore}), so the model's parameters and their {@code .grad} are never touched:
 * analysis between training epochs does not disturb training. Needs the PyTorch engine; holds
 * DJL's single gradient collector while a batch runs.
 */
public final class EvalLoss {

    private final Block block;
    private final ModelParameters parameters;
    private final List<Parameter> trainable;
    private final Loss loss;
    private final List<Batch> batches;
    private final NDManager manager;
    private final ParameterSpace space;
    private final long examples;
    private final long graphMemory;
    private DoubleBackward doubleBackward;

    private EvalLoss(Builder builder) {
        this.block = builder.block;
        this.parameters = builder.parameters;
        this.trainable = builder.parameters.trainable();
        this.loss = builder.loss;
        this.batches = List.copyOf(builder.batches);
        this.manager = builder.manager;
        this.graphMemory = builder.graphMemory;
        this.space = ParameterSpace.of(trainable);
        long n = 0;
        for (Batch b : batches) {
            n += b.size();
        }
        this.examples = n;
    }

    /** Returns a builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the parameter space the vectors live in. */
    public ParameterSpace space() {
        return space;
    }

    /** Returns the number of trainable scalars. */
    public int dimension() {
        return space.dimension();
    }

    /** Returns the number of examples the loss averages over. */
    public long examples() {
        return examples;
    }

    /** Returns the mean loss over the batches. */
    public double value() {
        double sum = 0;
        for (Batch batch : batches) {
            try (NDManager pass = manager.newSubManager()) {
                NDList predictions = block.forward(new LeafParameterStore(List.of(), pass), batch.inputs(pass), false);
                sum += loss.evaluate(new NDList(batch.labels(pass)), predictions)
                                .getFloat()
                        * batch.size();
            }
        }
        return sum / examples;
    }

    /** Returns the gradient ∇L(w) of the mean loss. */
    public float[] gradient() {
        float[] out = new float[space.dimension()];
        for (Batch batch : batches) {
            try (NDManager pass = manager.newSubManager()) {
                LeafParameterStore store = new LeafParameterStore(trainable, pass);
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray value = batchLoss(store, batch, pass);
                    collector.backward(value);
                }
                space.accumulate(gradients(store), (double) batch.size() / examples, out);
            }
        }
        return out;
    }

    /**
     * Returns the Hessian-vector product H·v of the mean loss, by double backward from scratch: each
     * batch's forward pass, gradient and graph are computed for this product alone. For many
     * products at the same weights, {@link #openHessian()} is faster.
     *
     * @param v a vector of parameter space; not modified
     */
    public float[] hessianVectorProduct(float[] v) {
        space.checkLength(v);
        float[] out = new float[space.dimension()];
        for (int i = 0; i < batches.size(); i++) {
            try (GradientGraph graph = gradientGraph(i, manager, false)) {
                graph.addProduct(doubleBackward(), space, v, false, out);
            }
        }
        return out;
    }

    /**
     * Returns the Hessian at the current weights as an operator for the eigen-solvers, which keeps
     * the batches' gradient graphs between products as far as {@link Builder#optGraphMemory} allows.
     * The weights must not change until it is closed.
     */
    public HessianOperator openHessian() {
        long budget =
                graphMemory >= 0 ? graphMemory : ProcessMemory.availableBytes().orElse(0) / 2;
        return new HessianOperator(this, budget);
    }

    /** Returns the number of batches. */
    int batchCount() {
        return batches.size();
    }

    /** Returns the double-backward modules, loaded on first use. */
    DoubleBackward doubleBackward() {
        if (doubleBackward == null) {
            doubleBackward = DoubleBackward.load(manager);
        }
        return doubleBackward;
    }

    /**
     * Computes batch {@code index}'s gradient with its graph, in a new sub-manager of {@code parent}
     * that the returned graph owns. Every array of the forward pass stays open as long as the graph:
     * arrays made from Java buffers (the batch, and whatever a block builds from Java data) borrow
     * the buffer's memory, which the garbage collector would free under a graph that still reads it.
     *
     * @param reused whether the graph will serve many products: if so its forward pass goes through a
     *     {@link io.sam4j.core.train.TwiceDifferentiated} store, which trades a slower first backward
     *     pass for a faster second one (evaluation-mode BatchNorm as an affine map)
     */
    GradientGraph gradientGraph(int index, NDManager parent, boolean reused) {
        Batch batch = batches.get(index);
        DoubleBackward modules = doubleBackward();
        NDManager owned = parent.newSubManager();
        try {
            LeafParameterStore store = reused
                    ? LeafParameterStore.forSecondOrder(trainable, owned)
                    : new LeafParameterStore(trainable, owned);
            List<NDArray> leaves = store.leaves(trainable);
            NDList gradient;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                gradient = modules.gradient(batchLoss(store, batch, owned), leaves);
            }
            return new GradientGraph(owned, leaves, gradient, (double) batch.size() / examples);
        } catch (RuntimeException e) {
            owned.close();
            throw e;
        }
    }

    /** Returns the model's parameters. */
    ModelParameters parameters() {
        return parameters;
    }

    /** Returns the manager the passes open their sub-managers under. */
    NDManager manager() {
        return manager;
    }

    private NDArray batchLoss(LeafParameterStore store, Batch batch, NDManager pass) {
        NDList predictions = block.forward(store, batch.inputs(pass), false);
        return loss.evaluate(new NDList(batch.labels(pass)), predictions);
    }

    private NDList gradients(LeafParameterStore store) {
        NDList out = new NDList(trainable.size());
        for (Parameter p : trainable) {
            NDArray leaf = store.leaf(p);
            NDArray g = leaf.getGradient();
            g.attach(leaf.getManager());
            out.add(g);
        }
        return out;
    }

    /** Builds an {@link EvalLoss}: {@code setX} for required values. */
    public static final class Builder {
        private Block block;
        private ModelParameters parameters;
        private Loss loss;
        private List<Batch> batches;
        private NDManager manager;
        private long graphMemory = -1;

        private Builder() {}

        /** Sets the initialized block. */
        public Builder setBlock(Block block) {
            this.block = block;
            return this;
        }

        /** Sets the block's parameters (only the trainable ones are variables). */
        public Builder setParameters(ModelParameters parameters) {
            this.parameters = parameters;
            return this;
        }

        /** Sets the loss, averaged over a batch. */
        public Builder setLoss(Loss loss) {
            this.loss = loss;
            return this;
        }

        /** Sets the fixed batches the loss averages over. */
        public Builder setBatches(List<Batch> batches) {
            this.batches = batches;
            return this;
        }

        /** Sets the manager under which each pass opens its sub-manager. */
        public Builder setManager(NDManager manager) {
            this.manager = manager;
            return this;
        }

        /**
         * Sets the most memory, in bytes, that an {@link #openHessian()} operator may spend on
         * retained gradient graphs (0: retain none, every product from scratch). Default: half of the
         * memory available when the operator is opened.
         */
        public Builder optGraphMemory(long bytes) {
            this.graphMemory = Checks.checkNonNegative("graph memory", bytes);
            return this;
        }

        /** Builds the loss. */
        public EvalLoss build() {
            Checks.checkArgument(block != null, "setBlock is required");
            Checks.checkArgument(parameters != null, "setParameters is required");
            Checks.checkArgument(loss != null, "setLoss is required");
            Checks.checkArgument(manager != null, "setManager is required");
            Checks.checkArgument(batches != null && !batches.isEmpty(), "setBatches needs at least one batch");
            Checks.checkArgument(!parameters.trainable().isEmpty(), "the block has no trainable parameters");
            return new EvalLoss(this);
        }
    }
}
