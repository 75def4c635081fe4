package io.sam4j.core.sam;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import io.sam4j.core.train.Gradients;
import java.util.List;

/**
 * SAM's first-order solution of the inner maximization (Foret et al., 2021, Eq. 2 with p = 2):
 *
 * <pre>ε = ρ · g / (‖g‖₂ + 1e-12)</pre>
 *
 * where the norm is taken over all trainable parameters together.
 */
final class SamPerturbation implements Perturbation {

    static final double NORM_EPSILON = 1e-12;

    @Override
    public Ascent ascend(List<Parameter> parameters, NDList gradients, float rho) {
        double norm = Gradients.norm(gradients);
        double scale = rho / (norm + NORM_EPSILON);
        Gradients.scaleInPlace(gradients, (float) scale);
        return new Ascent(gradients, norm, norm * scale);
    }

    @Override
    public String name() {
        return "sam";
    }
}
