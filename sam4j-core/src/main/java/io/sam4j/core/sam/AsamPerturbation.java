package io.sam4j.core.sam;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import io.sam4j.core.train.Gradients;
import io.sam4j.core.util.Checks;
import java.util.List;

/**
 * Adaptive SAM (Kwon et al., "ASAM: Adaptive Sharpness-Aware Minimization for Scale-Invariant
 * Learning of Deep Neural Networks", ICML 2021):
 *
 * <pre>T = |w| + η (element-wise),  ε = ρ · T²g / ‖T g‖₂</pre>
 *
 * <p>T is {@link AsamScaling}'s: weight tensors and BatchNorm's γ are scaled, biases and β use T = 1,
 * that is plain SAM, but share the one global norm.
 */
final class AsamPerturbation implements Perturbation {

    private final float eta;

    AsamPerturbation(float eta) {
        Checks.checkArgument(eta >= 0 && Float.isFinite(eta), "eta must be >= 0 but was %s", eta);
        this.eta = eta;
    }

    @Override
    public Ascent ascend(List<Parameter> parameters, NDList gradients, float rho) {
        NDArray[] scales = AsamScaling.scales(parameters, eta);
        try {
            AsamScaling.multiply(gradients, scales);
            double tgNorm = Gradients.norm(gradients);
            double factor = rho / (tgNorm + SamPerturbation.NORM_EPSILON);
            for (int i = 0; i < parameters.size(); i++) {
                if (scales[i] != null) {
                    gradients.get(i).muli(scales[i]);
                }
                gradients.get(i).muli((float) factor);
            }
            return new Ascent(gradients, tgNorm, Gradients.norm(gradients));
        } finally {
            AsamScaling.close(scales);
        }
    }

    @Override
    public String name() {
        return "asam";
    }

    /** Returns η. */
    public float eta() {
        return eta;
    }
}
