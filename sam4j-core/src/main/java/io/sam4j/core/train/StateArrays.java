package io.sam4j.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.HashMap;
import java.util.Map;

/**
 * Named arrays for a step's exported state ({@link TrainingStep#exportState}): counters as one-element
 * int64 arrays, per-parameter arrays as {@code "<prefix>.<index>"}. Names carry a step-specific prefix,
 * so that a checkpoint of one step kind is not mistaken for another's.
 */
public final class StateArrays {

    private final Map<String, NDArray> byName = new HashMap<>();

    private StateArrays(NDList state) {
        for (NDArray a : state) {
            byName.put(a.getName(), a);
        }
    }

    /** Indexes an exported state by name. */
    public static StateArrays of(NDList state) {
        return new StateArrays(state);
    }

    /** Adds a counter named {@code name} to {@code out}. */
    public static void putCounter(NDList out, String name, long value, NDManager manager) {
        NDArray a = manager.create(new long[] {value});
        a.setName(name);
        out.add(a);
    }

    /** Adds copies of {@code arrays}, named {@code "<prefix>.<index>"}, to {@code out}. */
    public static void putArrays(NDList out, String prefix, NDList arrays, NDManager manager) {
        for (int i = 0; i < arrays.size(); i++) {
            NDArray copy = arrays.get(i).duplicate();
            copy.attach(manager);
            copy.setName(prefix + "." + i);
            out.add(copy);
        }
    }

    /**
     * Returns the counter {@code name}.
     *
     * @throws IllegalArgumentException if the state lacks it
     */
    public long counter(String name) {
        NDArray a = byName.get(name);
        if (a == null) {
            throw new IllegalArgumentException("the step state lacks " + name + " (" + names() + ")");
        }
        return a.toType(DataType.INT64, false).getLong();
    }

    /** Returns whether arrays named {@code "<prefix>.<index>"} are present. */
    public boolean hasArrays(String prefix) {
        return byName.containsKey(prefix + ".0");
    }

    /**
     * Returns copies of the {@code count} arrays {@code "<prefix>.<index>"} in {@code manager}.
     *
     * @throws IllegalArgumentException if one is missing
     */
    public NDList arrays(String prefix, int count, NDManager manager) {
        NDList out = new NDList(count);
        for (int i = 0; i < count; i++) {
            NDArray a = byName.get(prefix + "." + i);
            if (a == null) {
                throw new IllegalArgumentException("the step state lacks " + prefix + "." + i + " (" + names() + ")");
            }
            NDArray copy = a.duplicate();
            copy.attach(manager);
            out.add(copy);
        }
        return out;
    }

    /** Returns the number of arrays. */
    public int size() {
        return byName.size();
    }

    private String names() {
        return byName.isEmpty()
                ? "it is empty"
                : "it holds "
                        + String.join(", ", byName.keySet().stream().sorted().toList());
    }
}
