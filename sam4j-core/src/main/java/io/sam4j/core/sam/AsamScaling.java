package io.sam4j.core.sam;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import java.util.List;

/**
 * ASAM's normalization operator T (Kwon et al., "ASAM: Adaptive Sharpness-Aware Minimization for
 * Scale-Invariant Learning of Deep Neural Networks", ICML 2021, Definition 3, element-wise form):
 *
 * <pre>T = |w| + η on weight tensors (convolution and linear weights, BatchNorm's γ), T = 1 elsewhere</pre>
 *
 * <p>As in the official ASAM code, biases and BatchNorm's shift β are not scaled. The ASAM step and
 * the adaptive ball of sam4j-analysis's sharpness use this one definition.
 */
public final class AsamScaling {

    private AsamScaling() {}

    /** Returns whether T scales {@code p} (weights and BatchNorm's γ, which PyTorch calls "weight"). */
    public static boolean isScaled(Parameter p) {
        return p.getType() == Parameter.Type.WEIGHT || p.getType() == Parameter.Type.GAMMA;
    }

    /**
     * Returns T of each parameter at its current value: |w| + η for scaled ones, null (T = 1) for the
     * others. The caller closes the arrays ({@link #close}).
     */
    public static NDArray[] scales(List<Parameter> parameters, float eta) {
        NDArray[] scales = new NDArray[parameters.size()];
        for (int i = 0; i < parameters.size(); i++) {
            if (isScaled(parameters.get(i))) {
                NDArray t = parameters.get(i).getArray().abs();
                t.addi(eta);
                scales[i] = t;
            }
        }
        return scales;
    }

    /** Multiplies every array by its T, in place (arrays with T = 1 are left as they are). */
    public static void multiply(NDList arrays, NDArray[] scales) {
        for (int i = 0; i < scales.length; i++) {
            if (scales[i] != null) {
                arrays.get(i).muli(scales[i]);
            }
        }
    }

    /** Closes the arrays of {@link #scales}. */
    public static void close(NDArray[] scales) {
        for (NDArray t : scales) {
            if (t != null) {
                t.close();
            }
        }
    }
}
