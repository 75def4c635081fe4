package io.sam4j.analysis.hessian;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.sam4j.core.train.TwiceDifferentiated;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parameter store that hands the block fresh autograd leaves in place of its trainable weights.
 *
 * <p>Each leaf is a detached view of a weight (no copy) that requires a gradient, owned by the pass's
 * manager. Gradients then live on the leaves and die with the pass: the model's own parameters and
 * their {@code .grad} (which training accumulates into) are never touched.
 */
sealed class LeafParameterStore extends ParameterStore permits LeafParameterStore.SecondOrder {

    private final Map<Parameter, NDArray> leaves = new IdentityHashMap<>();

    LeafParameterStore(List<Parameter> trainable, NDManager pass) {
        super(pass, false);
        for (Parameter p : trainable) {
            NDArray leaf = p.getArray().stopGradient();
            leaf.attach(pass);
            leaf.setRequiresGradient(true);
            leaves.put(p, leaf);
        }
    }

    /**
     * Returns a store for a forward pass that will be differentiated twice: blocks may then take
     * formulas with cheaper second derivatives (see {@link TwiceDifferentiated}).
     */
    static LeafParameterStore forSecondOrder(List<Parameter> trainable, NDManager pass) {
        return new SecondOrder(trainable, pass);
    }

    /** Returns the leaf standing for {@code parameter}. */
    NDArray leaf(Parameter parameter) {
        return leaves.get(parameter);
    }

    /** Returns the leaves of {@code parameters}, in that order. */
    List<NDArray> leaves(List<Parameter> parameters) {
        return parameters.stream().map(leaves::get).toList();
    }

    @Override
    public NDArray getValue(Parameter parameter, Device device, boolean training) {
        if (parameter == null) {
            return null;
        }
        NDArray leaf = leaves.get(parameter);
        return leaf != null ? leaf : parameter.getArray();
    }

    /** The second-order kind, told apart by its marker interface. */
    static final class SecondOrder extends LeafParameterStore implements TwiceDifferentiated {
        private SecondOrder(List<Parameter> trainable, NDManager pass) {
            super(trainable, pass);
        }
    }
}
