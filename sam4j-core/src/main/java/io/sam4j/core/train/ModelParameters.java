package io.sam4j.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The parameters of an initialized block, split into the trainable ones and the model state
 * (parameters without gradient, such as BatchNorm running statistics).
 *
 * <p>Both lists keep the block's own, deterministic parameter order. Copies and restores are
 * in-place and bitwise: a restored weight is the saved value, not {@code w + ε − ε}.
 */
public final class ModelParameters {

    private static final NDIndex ALL = new NDIndex(":");

    private final List<String> trainableNames = new ArrayList<>();
    private final List<Parameter> trainable = new ArrayList<>();
    private final List<String> stateNames = new ArrayList<>();
    private final List<Parameter> state = new ArrayList<>();

    private ModelParameters(Block block) {
        for (Pair<String, Parameter> p : block.getParameters()) {
            Parameter parameter = p.getValue();
            if (!parameter.isInitialized()) {
                throw new IllegalStateException(
                        "parameter " + p.getKey() + " is not initialized: initialize the block first");
            }
            if (parameter.requiresGradient()) {
                trainableNames.add(p.getKey());
                trainable.add(parameter);
            } else {
                stateNames.add(p.getKey());
                state.add(parameter);
            }
        }
    }

    /** Collects the parameters of an initialized block. */
    public static ModelParameters of(Block block) {
        return new ModelParameters(block);
    }

    /** Returns the trainable parameters, in block order. */
    public List<Parameter> trainable() {
        return Collections.unmodifiableList(trainable);
    }

    /** Returns the full names (block path) of the trainable parameters. */
    public List<String> trainableNames() {
        return Collections.unmodifiableList(trainableNames);
    }

    /** Returns the state parameters (no gradient), in block order. */
    public List<Parameter> state() {
        return Collections.unmodifiableList(state);
    }

    /** Returns the full names of the state parameters. */
    public List<String> stateNames() {
        return Collections.unmodifiableList(stateNames);
    }

    /** Returns the number of trainable scalars. */
    public long trainableSize() {
        long n = 0;
        for (Parameter p : trainable) {
            n += p.getArray().size();
        }
        return n;
    }

    /** Copies the trainable weights into {@code manager}. */
    public NDList copyTrainable(NDManager manager) {
        return copy(trainable, manager);
    }

    /** Writes saved trainable weights back, bitwise. */
    public void restoreTrainable(NDList saved) {
        restore(trainable, saved);
    }

    /** Copies the model state (e.g. BatchNorm statistics) into {@code manager}. */
    public NDList snapshotState(NDManager manager) {
        return copy(state, manager);
    }

    /** Writes a saved model state back, bitwise. */
    public void restoreState(NDList saved) {
        restore(state, saved);
    }

    private static NDList copy(List<Parameter> parameters, NDManager manager) {
        NDList copies = new NDList(parameters.size());
        for (Parameter p : parameters) {
            NDArray c = p.getArray().duplicate();
            c.attach(manager);
            copies.add(c);
        }
        return copies;
    }

    private static void restore(List<Parameter> parameters, NDList saved) {
        if (saved.size() != parameters.size()) {
            throw new IllegalArgumentException("expected " + parameters.size() + " arrays but got " + saved.size());
        }
        for (int i = 0; i < parameters.size(); i++) {
            parameters.get(i).getArray().set(ALL, saved.get(i));
        }
    }
}
