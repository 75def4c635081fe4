package io.sam4j.core.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import io.sam4j.core.optim.StatefulOptimizer;
import io.sam4j.core.train.ModelParameters;
import io.sam4j.core.train.TrainingStep;
import java.util.ArrayList;
import java.util.List;

/**
 * The state of a run at an epoch boundary.
 *
 * <p>Everything a step's next update depends on is in it: the weights and model state, the base
 * optimizer's state and the step strategy's own state (e.g. LookSAM's stored gradient component),
 * so a run resumed from it continues bitwise as the uninterrupted run. A base optimizer whose state
 * cannot be exported (DJL's own, which keep it private) is refused rather than silently restarted.
 *
 * @param epoch the number of completed epochs
 * @param globalStep the number of optimizer steps taken
 * @param model the trainable parameters then the model state, named by block path
 * @param optimizer the base optimizer's exported state
 * @param step the step strategy's exported state (empty for a stateless step)
 * @param metadata free-form text the caller stores with the checkpoint (e.g. JSON)
 */
public record Checkpoint(int epoch, long globalStep, NDList model, NDList optimizer, NDList step, String metadata) {

    /**
     * Captures a model, its step strategy and the step's base optimizer.
     *
     * @param step the step strategy whose optimizer and own state are saved
     * @param manager the manager for the copies
     * @throws IllegalArgumentException if the step's optimizer cannot be checkpointed
     */
    public static Checkpoint capture(
            int epoch,
            long globalStep,
            ModelParameters parameters,
            TrainingStep step,
            String metadata,
            NDManager manager) {
        StatefulOptimizer optimizer = checkpointable(step.optimizer());
        NDList model = new NDList();
        add(model, parameters.trainableNames(), parameters.copyTrainable(manager));
        add(model, parameters.stateNames(), parameters.snapshotState(manager));
        NDList optimizerState = optimizer.exportState(ids(parameters), manager);
        return new Checkpoint(epoch, globalStep, model, optimizerState, step.exportState(manager), metadata);
    }

    /**
     * Returns {@code optimizer} as the optimizer whose state a checkpoint can hold.
     *
     * @throws IllegalArgumentException naming the optimizer if it keeps its state where it cannot be
     *     saved (DJL's own optimizers)
     */
    public static StatefulOptimizer checkpointable(Optimizer optimizer) {
        if (optimizer instanceof StatefulOptimizer s) {
            return s;
        }
        throw new IllegalArgumentException("cannot checkpoint the optimizer "
                + optimizer.getClass().getSimpleName()
                + ": DJL keeps its state (momentum, moments, update counts) private, so a resumed run would"
                + " not continue exactly; use io.sam4j.core.optim.Optimizers (sgd, adam, adamW) instead");
    }

    /**
     * Writes this checkpoint's weights and model state into a model and, given a step, the state of
     * the step and of its base optimizer.
     *
     * @param step the step to restore, or null to restore the weights only (analyses of a run)
     * @throws CheckpointException if a name or shape differs from the model's, or the saved state does
     *     not fit the step
     * @throws IllegalArgumentException if the step's optimizer cannot be checkpointed
     */
    public void restore(ModelParameters parameters, TrainingStep step) {
        List<String> names = new ArrayList<>(parameters.trainableNames());
        names.addAll(parameters.stateNames());
        if (model.size() != names.size()) {
            throw new CheckpointException("checkpoint holds " + model.size() + " model arrays but the model has "
                    + names.size() + " parameters");
        }
        List<Parameter> all = new ArrayList<>(parameters.trainable());
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
        StatefulOptimizer stateful = step == null ? null : checkpointable(step.optimizer());
        int t = parameters.trainable().size();
        parameters.restoreTrainable(new NDList(model.subList(0, t)));
        parameters.restoreState(new NDList(model.subList(t, model.size())));
        if (step == null) {
            return;
        }
        try {
            stateful.importState(ids(parameters), optimizer());
        } catch (IllegalArgumentException e) {
            throw new CheckpointException("checkpoint optimizer state does not fit: " + e.getMessage(), e);
        }
        try {
            step.importState(step());
        } catch (IllegalArgumentException e) {
            throw new CheckpointException("checkpoint step state does not fit: " + e.getMessage(), e);
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
