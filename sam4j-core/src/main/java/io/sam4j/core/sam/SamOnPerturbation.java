package io.sam4j.core.sam;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import io.sam4j.core.util.Checks;
import java.util.List;

/**
 * SAM-ON (Mueller, Vlaar, Rolnick, Hein, "Normalization Layers Are All That Sharpness-Aware
 * Minimization Needs", NeurIPS 2023): only the affine parameters of normalization layers are
 * perturbed.
 *
 * <pre>g_N = g on normalization parameters (γ, β), 0 elsewhere;   ε = inner(g_N)</pre>
 *
 * so with SAM as the inner perturbation ε = ρ·g_N/‖g_N‖₂, the norm taken over the normalization
 * parameters only. The descent gradient is still taken for every parameter; the cost is SAM's, two
 * passes per step.
 */
final class SamOnPerturbation implements Perturbation {

    private final Perturbation inner;

    SamOnPerturbation(Perturbation inner) {
        this.inner = inner;
    }

    /** Returns whether {@code p} is a normalization layer's scale γ or shift β. */
    static boolean isNormalization(Parameter p) {
        return p.getType() == Parameter.Type.GAMMA || p.getType() == Parameter.Type.BETA;
    }

    /**
     * Requires a normalization parameter among {@code parameters}.
     *
     * @throws IllegalArgumentException if there is none (SAM-ON would never perturb)
     */
    static void checkApplicable(List<Parameter> parameters) {
        Checks.checkArgument(
                parameters.stream().anyMatch(SamOnPerturbation::isNormalization),
                "sam-on perturbs normalization layers only, and the model has none (no BatchNorm or LayerNorm)");
    }

    @Override
    public Ascent ascend(List<Parameter> parameters, NDList gradients, float rho) {
        for (int i = 0; i < parameters.size(); i++) {
            if (!isNormalization(parameters.get(i))) {
                NDArray g = gradients.get(i);
                g.muli(0f);
            }
        }
        return inner.ascend(parameters, gradients, rho);
    }

    @Override
    public String name() {
        return inner.name() + "-on";
    }
}
