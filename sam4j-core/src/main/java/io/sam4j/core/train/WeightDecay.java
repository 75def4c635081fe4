package io.sam4j.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import io.sam4j.core.util.Checks;
import java.util.List;
import java.util.Objects;

/**
 * An L2 penalty {@code (λ/2)·∑‖W‖²} inside the loss, applied to its gradient as {@code g += λ·w}.
 *
 * <p>This is where the official SAM (JAX/Flax) code puts it ({@code sam_jax/training_utils/
 * flax_training.py}, {@code train_step}): the penalty is part of the loss, so SAM's ascent gradient
 * includes it and the descent gradient is taken at the perturbed weights {@code w + ε}. Which tensors it
 * penalizes is the {@link Scope}: that code's default ({@code no_weight_decay_on_bn=False}) penalizes
 * every parameter, biases and BatchNorm's scale and shift included ({@link Scope#ALL}); its flag
 * {@code --no_weight_decay_on_bn} penalizes tensors of rank ≥ 2 only ({@code x.ndim > 1}: convolution
 * and linear weights, {@link Scope#RANK2}). The other convention, weight decay inside the base optimizer
 * as in the PyTorch SAM wrappers, is configured on the optimizer instead.
 */
public final class WeightDecay {

    /** Which parameters the penalty covers. */
    public enum Scope {
        /** Every parameter: the official JAX code's default. */
        ALL,
        /** Tensors of rank ≥ 2 only: the official code's {@code --no_weight_decay_on_bn}. */
        RANK2
    }

    private final float coefficient;
    private final Scope scope;

    /**
     * Creates the penalty on tensors of rank ≥ 2 ({@link Scope#RANK2}).
     *
     * @param coefficient λ ≥ 0
     */
    public WeightDecay(float coefficient) {
        this(coefficient, Scope.RANK2);
    }

    /**
     * Creates the penalty.
     *
     * @param coefficient λ ≥ 0
     * @param scope the parameters it covers
     */
    public WeightDecay(float coefficient, Scope scope) {
        Checks.checkArgument(
                coefficient >= 0 && Float.isFinite(coefficient), "weight decay must be >= 0 but was %s", coefficient);
        this.coefficient = coefficient;
        this.scope = Objects.requireNonNull(scope, "scope");
    }

    /** Returns the penalty that does nothing. */
    public static WeightDecay none() {
        return new WeightDecay(0);
    }

    /** Returns λ. */
    public float coefficient() {
        return coefficient;
    }

    /** Returns the parameters the penalty covers. */
    public Scope scope() {
        return scope;
    }

    /** Returns whether {@code p} is penalized under this penalty's scope. */
    public boolean appliesTo(Parameter p) {
        return scope == Scope.ALL || p.getArray().getShape().dimension() >= 2;
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
