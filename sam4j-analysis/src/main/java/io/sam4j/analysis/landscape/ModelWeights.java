package io.sam4j.analysis.landscape;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.sam4j.core.train.ModelParameters;
import java.util.List;

/**
 * A copy of a model's trainable weights and state (BatchNorm running statistics), detached from the
 * model: what an interpolation needs of a second run once its own model is gone.
 *
 * @param trainable the trainable weights, in block order
 * @param state the state, in block order
 */
public record ModelWeights(NDList trainable, NDList state) {

    /** Copies the current weights and state of a model into {@code manager}. */
    public static ModelWeights copyOf(ModelParameters parameters, NDManager manager) {
        return new ModelWeights(parameters.copyTrainable(manager), parameters.snapshotState(manager));
    }

    /**
     * Checks that these weights fit a model with {@code parameters}.
     *
     * @throws IllegalArgumentException naming the first array that does not fit
     */
    public void checkFits(ModelParameters parameters) {
        check(
                trainable,
                parameters.trainable().stream().map(p -> p.getArray()).toList(),
                parameters.trainableNames(),
                "weights");
        check(state, parameters.state().stream().map(p -> p.getArray()).toList(), parameters.stateNames(), "state");
    }

    private static void check(NDList arrays, List<NDArray> model, List<String> names, String what) {
        if (arrays.size() != model.size()) {
            throw new IllegalArgumentException(
                    "the models differ: " + arrays.size() + " " + what + " arrays against " + model.size());
        }
        for (int i = 0; i < arrays.size(); i++) {
            if (!arrays.get(i).getShape().equals(model.get(i).getShape())) {
                throw new IllegalArgumentException("the models differ: " + names.get(i) + " has shape "
                        + arrays.get(i).getShape() + " against " + model.get(i).getShape());
            }
        }
    }
}
