package io.sam4j.analysis.hessian;

import ai.djl.ndarray.NDManager;
import io.sam4j.analysis.hessian.pytorch.DoubleBackward;
import io.sam4j.core.util.Checks;
import io.sam4j.core.util.ProcessMemory;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * The Hessian of an {@link EvalLoss} at the weights it was opened at, as an operator that keeps
 * the batches' gradient graphs between products.
 *
 * <p>A product by double backward is Hv = ∇(g·v) with g = ∇L computed with its graph. g does not
 * depend on v, so once a batch's g and graph are built (one forward and one backward pass), every
 * later product on that batch costs only the backward pass through them. Power iteration, Lanczos
 * and Hutchinson's probes all take their products at one point, so all but the first product on
 * each batch are that cheaper kind (measured in {@code BENCHMARKS.md}, {@code sam4j bench hvp}).
 *
 * <p>A graph holds the batch's activations and the first backward pass's intermediates, so graphs
 * are retained only while they fit a memory budget. The first graph's size is estimated as the
 * larger of the growth of the process's resident memory while it is built and twice the arrays its
 * forward pass holds, and as many graphs as fit the budget at that size are kept; the products on
 * the other batches are computed from scratch every time.
 *
 * <p>The weights must not change while the operator is open (PyTorch would refuse the stale
 * graphs); close it, with try-with-resources, to free the graphs.
 */
public final class HessianOperator implements SymmetricOperator, AutoCloseable {

    private final EvalLoss loss;
    private final long budget;
    private final NDManager manager;
    private final Supplier<OptionalLong> residentBytes;
    private final List<GradientGraph> retained = new ArrayList<>();
    private int limit;
    private long graphBytes = -1;
    private boolean closed;

    HessianOperator(EvalLoss loss, long budget) {
        this(loss, budget, ProcessMemory::residentBytes);
    }

    /** Takes the measure of resident memory as an argument so that tests can fix it. */
    HessianOperator(EvalLoss loss, long budget, Supplier<OptionalLong> residentBytes) {
        this.loss = loss;
        this.residentBytes = residentBytes;
        this.budget = budget;
        this.manager = loss.manager().newSubManager();
        this.limit = budget > 0 ? loss.batchCount() : 0;
    }

    @Override
    public int dimension() {
        return loss.dimension();
    }

    @Override
    public float[] apply(float[] v) {
        Checks.checkState(!closed, "the Hessian operator is closed");
        ParameterSpace space = loss.space();
        space.checkLength(v);
        DoubleBackward modules = loss.doubleBackward();
        float[] out = new float[space.dimension()];
        for (int i = 0; i < loss.batchCount(); i++) {
            if (i < retained.size()) {
                retained.get(i).addProduct(modules, space, v, true, out);
                continue;
            }
            GradientGraph graph = i < limit ? measuredGraph(i) : loss.gradientGraph(i, manager, false);
            boolean keep = i < limit;
            boolean kept = false;
            try {
                graph.addProduct(modules, space, v, keep, out);
                if (keep) {
                    retained.add(graph);
                    kept = true;
                }
            } finally {
                if (!kept) {
                    graph.close();
                }
            }
        }
        return out;
    }

    /** Returns how many batches' graphs are retained so far. */
    public int retainedGraphs() {
        return retained.size();
    }

    /** Returns the memory one graph took, as measured on the first, once measured. */
    public OptionalLong graphBytes() {
        return graphBytes >= 0 ? OptionalLong.of(graphBytes) : OptionalLong.empty();
    }

    /** Returns the budget for retained graphs, in bytes. */
    public long budget() {
        return budget;
    }

    /** Builds batch {@code index}'s graph; the first one is measured, which sets how many fit. */
    private GradientGraph measuredGraph(int index) {
        if (!retained.isEmpty()) {
            return loss.gradientGraph(index, manager, true);
        }
        OptionalLong before = residentBytes.get();
        GradientGraph graph = loss.gradientGraph(index, manager, true);
        OptionalLong after = residentBytes.get();
        long growth = before.isPresent() && after.isPresent() ? after.getAsLong() - before.getAsLong() : 0;
        // Freed memory the allocator kept makes growth an underestimate; the first backward pass's
        // saved tensors are about as large as the forward pass's arrays, hence the factor 2.
        graphBytes = Math.max(1, Math.max(growth, 2 * graph.heldBytes()));
        limit = (int) Math.min(loss.batchCount(), budget / graphBytes);
        return graph;
    }

    /** Frees the retained graphs. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            retained.forEach(GradientGraph::close);
            retained.clear();
            manager.close();
        }
    }
}
