package io.sam4j.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import io.sam4j.core.util.Checks;
import java.util.List;

/**
 * An L2 penalty {@code (λ/2)·∑‖W‖²} inside the loss, applied to its gradient as {@code g += λ·w}.
 *
 * <p>This is where the official SAM (JAX/Flax) code puts it ({@code flax_training.py},
 * {@code train_step}): the penalty is part of the loss, so SAM's ascent gradient includes it and the
 * descent gradient is taken at the perturbed weights {@code w + ε}. It penalizes tensors of rank ≥ 2
 * only (convolution and linear weights), not biases nor BatchNorm parameters: that is the official
 * code's {@code --no_weight_decay_on_bn} flag, not its default, which penalizes every parameter. The
 * other convention, weight decay inside the base optimizer as in the PyTorch SAM wrappers, is
 * configured on the optimizer instead.
 */
public final class WeightDecay {

    private final float coefficient;

    /**
     * Creates the penalty.
     *
     * @param coefficient λ ≥ 0
     */
    public WeightDecay(float coefficient) {
        Checks.checkArgument(
                coefficient >= 0 && Float.isFinite(coefficient), "weight decay must be >= 0 but was %s", coefficient);
        this.coefficient = coefficient;
    }

    /** Returns the penalty that does nothing. */
    public static WeightDecay none() {
        return new WeightDecay(0);
    }

    /** Returns λ. */
    public float coefficient() {
        return coefficient;
    }

    /** Returns whether {@code p} is penalized (rank ≥ 2). */
    public static boolean appliesTo(Parameter p) {
        return p.getArray().getShape().dimension() >= 2;
    }

    /** Adds λ·w, at the parameters' current values, to their gradients in place. */
    public void addGradient(List<Parameter> parameters, NDList gradients) {
        if (coefficient == 0) {
            return;
        }
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            if (appliesTo(p)) {
                try (NDArray decay = p.getArray().mul(coefficient)) {
                    gradients.get(i).addi(decay);
                }
            }
        }
    }
}
