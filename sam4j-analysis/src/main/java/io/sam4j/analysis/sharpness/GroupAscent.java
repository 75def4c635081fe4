package io.sam4j.analysis.sharpness;

import java.util.List;

/**
 * The outcome of projected gradient ascent on one group of examples.
 *
 * @param loss L_S(w)
 * @param maxLoss the largest L_S(w + δ) among the iterates (δ = 0 included, so never below {@code loss})
 * @param perturbation the maximizing δ, one array per trainable parameter, or null when not kept
 * @param ballNorm ‖T⁻¹δ‖₂ of the maximizing δ (‖δ‖₂ for the plain ball), at most ρ
 */
public record GroupAscent(double loss, double maxLoss, List<float[]> perturbation, double ballNorm) {

    /** Returns max L_S(w + δ) − L_S(w). */
    public double sharpness() {
        return maxLoss - loss;
    }
}
