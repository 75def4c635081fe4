package io.sam4j.core.train;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import java.util.List;

/** The last part of every step: clip the descent gradient, then let the base optimizer apply it. */
public final class Updates {

    private final Optimizer optimizer;
    private final double clipNorm;

    /**
     * @param optimizer the base optimizer
     * @param clipNorm the maximum global norm, or 0 for no clipping
     */
    public Updates(Optimizer optimizer, double clipNorm) {
        this.optimizer = optimizer;
        this.clipNorm = clipNorm;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    public void apply(List<Parameter> parameters, NDList gradients) {
        if (clipNorm > 0) {
            Gradients.clipByGlobalNorm(gradients, clipNorm);
        }
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            optimizer.update(p.getId(), p.getArray(), gradients.get(i));
        }
    }

    public static void checkFinite(float loss) {
        if (!Float.isFinite(loss)) {
            throw new NonFiniteLossException(0, 0, loss);
        }
    }
}
