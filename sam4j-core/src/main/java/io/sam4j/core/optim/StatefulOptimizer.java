package io.sam4j.core.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;
import io.sam4j.core.util.Checks;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An optimizer that keeps its per-parameter state (slots such as a momentum buffer, and the update
 * count) where it can be saved and restored, keyed by position in a parameter list rather than by
 * DJL's random parameter ids.
 *
 * <p>The settings every DJL {@link Optimizer.OptimizerBuilder} offers are honoured, in DJL's order:
 *
 * <pre>
 *   g ← rescale · g                        ({@code setRescaleGrad}, default 1)
 *   g ← clip(g, −c, c) element-wise         ({@code optClipGrad}, when c &gt; 0)
 *   then the optimizer's own rule with λ    ({@code optWeightDecays} is {@code optWeightDecay})
 * </pre>
 *
 * and the update count t of a parameter's first update is {@code optBeginNumUpdate + 1}, as in
 * DJL: the learning-rate schedule and Adam's bias correction see that count. With the defaults the
 * gradient is used as given, bitwise.
 */
public abstract class StatefulOptimizer extends Optimizer {

    private final ParameterTracker learningRate;
    private final Map<String, Integer> updateCounts = new HashMap<>();
    private final Map<String, NDArray[]> slots = new LinkedHashMap<>();
    private final float weightDecay;
    private final int beginNumUpdate;
    private volatile float lastLearningRate = Float.NaN;

    protected StatefulOptimizer(Builder<?> builder) {
        super(builder);
        Checks.checkArgument(builder.learningRate != null, "setLearningRate is required");
        Checks.checkArgument(
                rescaleGrad > 0 && Float.isFinite(rescaleGrad),
                "setRescaleGrad must be a finite number > 0 but was %s",
                rescaleGrad);
        Checks.checkArgument(
                Float.isFinite(clipGrad), "optClipGrad must be finite (<= 0: no clipping) but was %s", clipGrad);
        this.learningRate = builder.learningRate;
        this.weightDecay = builder.weightDecay;
        this.beginNumUpdate = builder.beginNumUpdate;
    }

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
        private int beginNumUpdate;

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
            Checks.checkArgument(
                    weightDecay >= 0 && Float.isFinite(weightDecay),
                    "weight decay must be >= 0 but was %s",
                    weightDecay);
            this.weightDecay = weightDecay;
            super.optWeightDecays(weightDecay);
            return self();
        }

        /** DJL's name for {@link #optWeightDecay}: the same λ of the optimizer's own decay rule. */
        @Override
        public B optWeightDecays(float weightDecays) {
            return optWeightDecay(weightDecays);
        }

        /**
         * Sets the number of updates taken before this optimizer starts (default 0): the first update
         * counts as {@code beginNumUpdate + 1}, as in DJL.
         */
        @Override
        public B optBeginNumUpdate(int beginNumUpdate) {
            Checks.checkNonNegative("beginNumUpdate", beginNumUpdate);
            this.beginNumUpdate = beginNumUpdate;
            return super.optBeginNumUpdate(beginNumUpdate);
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
        int count = updateCounts.merge(parameterId, beginNumUpdate + 1, (old, first) -> old + 1);
        float lr = learningRate.getNewValue(parameterId, count);
        lastLearningRate = lr;
        NDArray[] state = slots.computeIfAbsent(parameterId, id -> newSlots(weight));
        if (rescaleGrad == 1 && clipGrad <= 0) {
            apply(weight, grad, state, lr, count);
            return;
        }
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray g = rescaleGrad == 1 ? grad : grad.mul(rescaleGrad);
            if (clipGrad > 0) {
                g = g.clip(-clipGrad, clipGrad);
            }
            apply(weight, g, state, lr, count);
        }
    }

    private NDArray[] newSlots(NDArray weight) {
        NDArray[] state = new NDArray[slotNames().size()];
        for (int i = 0; i < state.length; i++) {
            state[i] = weight.zerosLike();
            // Detached so that no sub-manager of a step can close it; it lives as long as the optimizer.
            state[i].detach();
            NDScope.unregister(state[i]);
        }
        return state;
    }

    /**
     * Returns a parameter's state array, the optimizer's own (not a copy), or null before its first
     * update.
     *
     * @param parameterId the parameter's id
     * @param slot the index of the array in {@link #slotNames()}
     */
    protected NDArray slot(String parameterId, int slot) {
        NDArray[] state = slots.get(parameterId);
        return state == null ? null : state[slot];
    }

    /**
     * Returns the learning rate of update number {@code count} of parameter {@code parameterId}: the
     * schedule's value there (counts are 1-based, as DJL's, and start at {@link #firstUpdateCount}).
     */
    public float learningRate(String parameterId, int count) {
        return learningRate.getNewValue(parameterId, count);
    }

    /** Returns the count of a parameter's first update: {@code optBeginNumUpdate + 1}. */
    public int firstUpdateCount() {
        return beginNumUpdate + 1;
    }

    /** Returns the count the next update of {@code parameterId} will have (restored with the state). */
    public int nextUpdateCount(String parameterId) {
        Integer count = updateCounts.get(parameterId);
        return count == null ? firstUpdateCount() : count + 1;
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
