package io.sam4j.core.sam;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.List;

/**
 * Computes SAM's ascent step ε from the gradient at the current weights.
 *
 * <p>Implementations may overwrite the gradient arrays they are given: a step has no use for the
 * clean gradient once ε is known, and reusing its memory keeps the perturbation nearly free.
 */
public interface Perturbation {

    /**
     * The ascent step and the norms a training log reports.
     *
     * @param epsilon ε, one array per trainable parameter (may be the gradient arrays, reused)
     * @param gradientNorm ‖g‖₂ over all parameters together, of the gradient given
     * @param epsilonNorm ‖ε‖₂ over all parameters together
     */
    record Ascent(NDList epsilon, double gradientNorm, double epsilonNorm) {}

    /**
     * Turns a gradient into ε.
     *
     * @param parameters the trainable parameters, in the order of {@code gradients}
     * @param gradients the gradient at the current weights; consumed
     * @param rho the radius ρ ≥ 0 of the neighbourhood
     * @return ε and the norms
     */
    Ascent ascend(List<Parameter> parameters, NDList gradients, float rho);

    /** Returns a short name for logs and configs ("sam", "asam"). */
    String name();

    /**
     * Returns copies of the perturbation's own state (default: none), which the step that uses it
     * exports with its own.
     */
    default NDList exportState(NDManager manager) {
        return new NDList();
    }

    /**
     * Replaces the perturbation's state with an exported one.
     *
     * @throws IllegalArgumentException if the state does not fit
     */
    default void importState(NDList state) {
        if (!state.isEmpty()) {
            throw new IllegalArgumentException(
                    "the " + name() + " perturbation keeps no state but was given " + state.size() + " arrays");
        }
    }

    /** SAM's ε = ρ·g / (‖g‖₂ + 1e-12). */
    static Perturbation sam() {
        return new SamPerturbation();
    }

    /**
     * ASAM's ε = ρ·T²g / ‖T g‖₂ with T = |w| + η on weight tensors and T = 1 elsewhere.
     *
     * @param eta η ≥ 0, which keeps small weights perturbable
     */
    static Perturbation asam(float eta) {
        return new AsamPerturbation(eta);
    }

    /**
     * SAM-ON: {@code inner}'s ε on the normalization parameters (γ and β of BatchNorm and LayerNorm)
     * only, 0 elsewhere (Mueller et al., NeurIPS 2023; see {@link SamOnPerturbation}).
     */
    static Perturbation normalizationOnly(Perturbation inner) {
        return new SamOnPerturbation(inner);
    }

    /**
     * FriendlySAM's ε = ρ·d/‖d‖ with d = g − σ·m, m an exponential moving average of past gradients
     * (Li et al., CVPR 2024; see {@link FriendlyPerturbation}). A new instance per step: it has state.
     */
    static Perturbation friendly(float sigma, float lambda) {
        return new FriendlyPerturbation(sigma, lambda);
    }
}
