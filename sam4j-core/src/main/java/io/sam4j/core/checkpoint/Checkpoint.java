package io.sam4j.core.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.sam4j.core.optim.StatefulOptimizer;
import io.sam4j.core.train.ModelParameters;
import java.util.ArrayList;
import java.util.List;

/**
 * The state of a run at an epoch boundary.
 *
 * @param epoch the number of completed epochs
 * @param globalStep the number of optimizer steps taken
 * @param model the trainable parameters then the model state, named by block path
 * @param optimizer the optimizer's exported state (empty for an optimizer without exportable state)
 * @param metadata free-form text the caller stores with the checkpoint (e.g. JSON)
 */
public record Checkpoint(int epoch, long globalStep, NDList model, NDList optimizer, String metadata) {

    /**
     * Captures a model and optimizer.
     *
     * @param manager the manager for the copies
     */
    public static Checkpoint capture(
            int epoch,
            long globalStep,
            ModelParameters parameters,
            Object optimizer,
            String metadata,
            NDManager manager) {
        NDList model = new NDList();
        add(model, parameters.trainableNames(), parameters.copyTrainable(manager));
        add(model, parameters.stateNames(), parameters.snapshotState(manager));
        NDList optimizerState =
                optimizer instanceof StatefulOptimizer s ? s.exportState(ids(parameters), manager) : new NDList();
        return new Checkpoint(epoch, globalStep, model, optimizerState, metadata);
    }

    /**
     * Writes this checkpoint's weights, state and optimizer state into a model and optimizer.
     *
     * @throws CheckpointException if a name or shape differs from the model's
     */
    public void restore(ModelParameters parameters, Object optimizer) {
        List<String> names = new ArrayList<>(parameters.trainableNames());
        names.addAll(parameters.stateNames());
        if (model.size() != names.size()) {
            throw new CheckpointException("checkpoint holds " + model.size() + " model arrays but the model has "
                    + names.size() + " parameters");
        }
        List<ai.djl.nn.Parameter> all = new ArrayList<>(parameters.trainable());
        all.addAll(parameters.state());
        for (int i = 0; i < names.size(); i++) {
            NDArray saved = model.get(i);
            if (!names.get(i).equals(saved.getName())) {
                throw new CheckpointException("checkpoint parameter " + i + " is '" + saved.getName()
                        + "' but the model's is '" + names.get(i) + "'");
            }
            if (!saved.getShape().equals(all.get(i).getArray().getShape())) {
                throw new CheckpointException("checkpoint parameter '" + saved.getName() + "' has shape "
                        + saved.getShape() + " but the model's has "
                        + all.get(i).getArray().getShape());
            }
        }
        int t = parameters.trainable().size();
        parameters.restoreTrainable(new NDList(model.subList(0, t)));
        parameters.restoreState(new NDList(model.subList(t, model.size())));
        if (optimizer instanceof StatefulOptimizer s) {
            try {
                s.importState(ids(parameters), optimizer());
            } catch (IllegalArgumentException e) {
                throw new CheckpointException("checkpoint optimizer state does not fit: " + e.getMessage(), e);
            }
        }
    }

    private static void add(NDList out, List<String> names, NDList arrays) {
        for (int i = 0; i < arrays.size(); i++) {
            arrays.get(i).setName(names.get(i));
            out.add(arrays.get(i));
        }
    }

    private static List<String> ids(ModelParameters parameters) {
        List<String> ids = new ArrayList<>();
        parameters.trainable().forEach(p -> ids.add(p.getId()));
        return ids;
    }
}
