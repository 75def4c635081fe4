package io.sam4j.core.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An optimizer that keeps its per-parameter state (slots such as a momentum buffer, and the update
 * count) where it can be saved and restored, keyed by position in a parameter list rather than by
 * DJL's random parameter ids.
 */
public abstract class StatefulOptimizer extends Optimizer {

    private final ParameterTracker learningRate;
    private final Map<String, Integer> updateCounts = new HashMap<>();
    private final Map<String, NDArray[]> slots = new LinkedHashMap<>();
    private volatile float lastLearningRate = Float.NaN;

    protected StatefulOptimizer(Builder<?> builder) {
        super(builder);
        io.sam4j.core.util.Checks.checkArgument(builder.learningRate != null, "setLearningRate is required");
        this.learningRate = builder.learningRate;
        this.weightDecay = builder.weightDecay;
    }

    private final float weightDecay;

    /** Returns the weight decay λ of this optimizer's own decay rule. */
    protected float weightDecay() {
        return weightDecay;
    }

    /**
     * What every stateful optimizer's builder takes.
     *
     * @param <B> the concrete builder
     */
    public abstract static class Builder<B extends Builder<B>> extends OptimizerBuilder<B> {
        private ParameterTracker learningRate;
        private float weightDecay;

        protected Builder(float defaultWeightDecay) {
            this.weightDecay = defaultWeightDecay;
        }

        /** Sets the learning rate or schedule (required). */
        public B setLearningRate(ParameterTracker learningRate) {
            this.learningRate = learningRate;
            return self();
        }

        /** Sets the weight decay λ ≥ 0 applied by the optimizer's own rule. */
        public B optWeightDecay(float weightDecay) {
            io.sam4j.core.util.Checks.checkArgument(
                    weightDecay >= 0 && Float.isFinite(weightDecay),
                    "weight decay must be >= 0 but was %s",
                    weightDecay);
            this.weightDecay = weightDecay;
            return self();
        }
    }

    /** Returns the names of the per-parameter state arrays, e.g. {@code ["momentum"]}. */
    protected abstract List<String> slotNames();

    /**
     * Applies one update.
     *
     * @param weight the weight, updated in place
     * @param grad the gradient
     * @param slots this parameter's state arrays, in {@link #slotNames()} order, updated in place
     * @param learningRate the learning rate of this update
     * @param count the 1-based number of this parameter's update
     */
    protected abstract void apply(NDArray weight, NDArray grad, NDArray[] slots, float learningRate, int count);

    @Override
    public final void update(String parameterId, NDArray weight, NDArray grad) {
        int count = updateCounts.merge(parameterId, 1, Integer::sum);
        float lr = learningRate.getNewValue(parameterId, count);
        lastLearningRate = lr;
        NDArray[] state = slots.computeIfAbsent(parameterId, id -> newSlots(weight));
        apply(weight, grad, state, lr, count);
    }

    private NDArray[] newSlots(NDArray weight) {
        NDArray[] state = new NDArray[slotNames().size()];
        for (int i = 0; i < state.length; i++) {
            state[i] = weight.zerosLike();
            // Detached so that no sub-manager of a step can close it; it lives as long as the optimizer.
            state[i].detach();
            ai.djl.ndarray.NDScope.unregister(state[i]);
        }
        return state;
    }

    /** Returns the learning rate of the most recent update (NaN before the first). */
    public float lastLearningRate() {
        return lastLearningRate;
    }

    /**
     * Exports the state of the given parameters, in order, as named arrays {@code "<index>.<slot>"}
     * and {@code "<index>.count"}.
     *
     * @param parameterIds the ids of the parameters, in a stable order
     * @param manager the manager for the copies
     * @return the state; parameters not yet updated are left out
     */
    public NDList exportState(List<String> parameterIds, NDManager manager) {
        NDList out = new NDList();
        for (int i = 0; i < parameterIds.size(); i++) {
            String id = parameterIds.get(i);
            NDArray[] state = slots.get(id);
            if (state == null) {
                continue;
            }
            NDArray count = manager.create(new int[] {updateCounts.get(id)});
            count.setName(i + ".count");
            out.add(count);
            for (int s = 0; s < state.length; s++) {
                NDArray copy = state[s].duplicate();
                copy.attach(manager);
                copy.setName(i + "." + slotNames().get(s));
                out.add(copy);
            }
        }
        return out;
    }

    /**
     * Replaces the state with one exported by {@link #exportState}.
     *
     * @param parameterIds the ids of the parameters, in the order used at export
     * @param state the exported arrays
     * @throws IllegalArgumentException if the state does not fit this optimizer
     */
    public void importState(List<String> parameterIds, NDList state) {
        Map<String, NDArray> byName = new HashMap<>();
        for (NDArray a : state) {
            byName.put(a.getName(), a);
        }
        slots.clear();
        updateCounts.clear();
        for (int i = 0; i < parameterIds.size(); i++) {
            NDArray count = byName.get(i + ".count");
            if (count == null) {
                continue;
            }
            NDArray[] restored = new NDArray[slotNames().size()];
            for (int s = 0; s < restored.length; s++) {
                NDArray saved = byName.get(i + "." + slotNames().get(s));
                if (saved == null) {
                    throw new IllegalArgumentException(
                            "optimizer state lacks slot " + slotNames().get(s) + " of parameter " + i);
                }
                restored[s] = saved.duplicate();
                restored[s].detach();
            }
            updateCounts.put(
                    parameterIds.get(i), count.toType(DataType.INT32, false).getInt());
            slots.put(parameterIds.get(i), restored);
        }
    }
}
