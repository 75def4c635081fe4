package io.sam4j.core.sam;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import io.sam4j.core.train.Gradients;
import io.sam4j.core.train.StateArrays;
import io.sam4j.core.util.Checks;
import java.util.List;

/**
 * FriendlySAM (Li, Zhou, He, Cheng, Huang, "Friendly Sharpness-Aware Minimization", CVPR 2024): the
 * full-gradient component of the batch gradient, estimated by an exponential moving average m of past
 * batch gradients, is removed from the ascent direction, leaving mostly the batch-specific noise:
 *
 * <pre>
 *   first step:  d = g,                 m ← g
 *   later:       d = g − σ·m,           m ← λ·m + (1 − λ)·g
 *   ε = ρ·d / (‖d‖₂ + 1e-12)
 * </pre>
 *
 * As in the official code, d subtracts the average of the previous steps' gradients, and m then takes
 * in the current one. σ = 0 is SAM; λ = 0 subtracts σ times the previous step's gradient. The paper's
 * defaults are σ = 1, λ = 0.6 to 0.95 (CIFAR). One instance serves one step strategy (m is its state).
 */
final class FriendlyPerturbation implements Perturbation {

    private static final String STATE = "fsam.m";

    private final float sigma;
    private final float lambda;
    private NDList average;

    FriendlyPerturbation(float sigma, float lambda) {
        Checks.checkArgument(sigma >= 0 && Float.isFinite(sigma), "sigma must be >= 0 but was %s", sigma);
        Checks.checkArgument(lambda >= 0 && lambda < 1, "lambda must be in [0, 1) but was %s", lambda);
        this.sigma = sigma;
        this.lambda = lambda;
    }

    @Override
    public Ascent ascend(List<Parameter> parameters, NDList gradients, float rho) {
        if (average == null) {
            average = detachedCopy(gradients);
        } else {
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                for (int i = 0; i < gradients.size(); i++) {
                    NDArray g = gradients.get(i);
                    NDArray m = average.get(i);
                    NDArray previous = m.mul(sigma);
                    m.muli(lambda).addi(g.mul(1 - lambda));
                    g.subi(previous);
                }
            }
        }
        double norm = Gradients.norm(gradients);
        double scale = rho / (norm + SamPerturbation.NORM_EPSILON);
        Gradients.scaleInPlace(gradients, (float) scale);
        return new Ascent(gradients, norm, norm * scale);
    }

    private static NDList detachedCopy(NDList arrays) {
        NDList copy = new NDList(arrays.size());
        for (NDArray a : arrays) {
            NDArray c = a.duplicate();
            // Detached so that no step's sub-manager closes it: it lives as long as this perturbation.
            c.detach();
            NDScope.unregister(c);
            copy.add(c);
        }
        return copy;
    }

    @Override
    public String name() {
        return "fsam";
    }

    @Override
    public NDList exportState(NDManager manager) {
        NDList out = new NDList();
        if (average != null) {
            StateArrays.putArrays(out, STATE, average, manager);
        }
        return out;
    }

    @Override
    public void importState(NDList state) {
        StateArrays arrays = StateArrays.of(state);
        Checks.checkArgument(
                arrays.size() == 0 || arrays.hasArrays(STATE), "the state is not FriendlySAM's (no %s.0)", STATE);
        if (average != null) {
            average.close();
            average = null;
        }
        if (arrays.size() > 0) {
            try (NDManager scratch = state.get(0).getManager().newSubManager()) {
                average = detachedCopy(arrays.arrays(STATE, arrays.size(), scratch));
            }
        }
    }
}
