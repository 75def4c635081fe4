package io.sam4j.zoo.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/**
 * The random mixing of Shake-Shake (Gastaldi 2017) and ShakeDrop (Yamada et al. 2018), with one
 * random coefficient in the forward pass and another in the backward pass.
 *
 * <p>DJL has no custom backward functions, so the two coefficients are combined with {@link
 * NDArray#stopGradient()}: for a forward coefficient α and a backward coefficient β,
 *
 * <pre>  y = β·x + stopGradient((α − β)·x)</pre>
 *
 * has the value α·x and the gradient β·dy. Coefficients are drawn per image, shape (N, 1, 1, 1),
 * from the engine's random generator, which the training step seeds before each pass; so SAM's
 * ascent and descent passes of one step draw the same coefficients, as they draw the same dropout
 * masks. The draws happen in a fixed order, which keeps them reproducible.
 */
final class Shake {

    private Shake() {}

    /**
     * Shake-Shake-Image: training gives α·a + (1 − α)·b forward and β, 1 − β backward, α and β
     * uniform in [0, 1) per image; inference gives the expectation 0.5·(a + b).
     */
    static NDArray shakeShake(NDArray a, NDArray b, boolean training) {
        if (!training) {
            return Scalars.times(a.add(b), 0.5f);
        }
        NDManager manager = a.getManager();
        Shape perImage = perImage(a);
        NDArray alpha = manager.randomUniform(0f, 1f, perImage, DataType.FLOAT32, a.getDevice());
        NDArray beta = manager.randomUniform(0f, 1f, perImage, DataType.FLOAT32, a.getDevice());
        NDArray difference = a.sub(b);
        // β·a + (1 − β)·b = b + β·(a − b): the value and gradient of the backward coefficient ...
        NDArray backward = b.add(difference.mul(beta));
        // ... plus the constant (α − β)·(a − b), which moves the value to α·a + (1 − α)·b.
        // Not in place: a detached array shares its storage with the original.
        NDArray correction = difference.stopGradient().mul(alpha.sub(beta));
        return backward.addi(correction);
    }

    /**
     * ShakeDrop: with probability {@code 1 − dropProbability} an image's branch passes unchanged
     * (b = 1), otherwise it is scaled by α ∈ [−1, 1] forward and β ∈ [0, 1] backward; forward
     * coefficient b + α(1 − b), backward b + β(1 − b). Inference multiplies by the expectation
     * {@code 1 − dropProbability} (E[α] = 0).
     */
    static NDArray shakeDrop(NDArray x, float dropProbability, boolean training) {
        if (!training) {
            return Scalars.times(x, 1f - dropProbability);
        }
        NDManager manager = x.getManager();
        Shape perImage = perImage(x);
        NDArray gate = manager.randomUniform(0f, 1f, perImage, DataType.FLOAT32, x.getDevice())
                .gte(dropProbability)
                .toType(DataType.FLOAT32, false);
        NDArray alpha = manager.randomUniform(-1f, 1f, perImage, DataType.FLOAT32, x.getDevice());
        NDArray beta = manager.randomUniform(0f, 1f, perImage, DataType.FLOAT32, x.getDevice());
        NDArray dropped = gate.neg().addi(1f);
        NDArray forward = gate.add(alpha.mul(dropped));
        NDArray backward = gate.add(beta.mul(dropped));
        NDArray correction = x.stopGradient().mul(forward.sub(backward));
        return x.mul(backward).addi(correction);
    }

    private static Shape perImage(NDArray x) {
        long[] shape = new long[x.getShape().dimension()];
        Arrays.fill(shape, 1);
        shape[0] = x.getShape().get(0);
        return new Shape(shape);
    }
}
