package io.sam4j.core.train.pytorch;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/** Gradient operations that DJL's API has no call for, done through the PyTorch engine directly. */
public final class PyTorchGradients {

    /** The engine name DJL gives PyTorch ({@code PtEngine.ENGINE_NAME}), compared without loading it. */
    private static final String ENGINE_NAME = "PyTorch";

    private PyTorchGradients() {}

    /**
     * Returns whether {@code array} belongs to the PyTorch engine. Asks the engine by name, so calling it
     * loads no PyTorch class: callers use it to guard the other methods when another engine, or none of
     * PyTorch's classes, is on the class path.
     */
    public static boolean owns(NDArray array) {
        return ENGINE_NAME.equals(array.getManager().getEngine().getEngineName());
    }

    /**
     * Zeroes the gradient of {@code weight} in place, as {@code tensor.grad.zero_()} does: one native
     * call, and exact even where the gradient holds NaN or infinity (which {@code g - g} is not).
     *
     * @param weight an array of the PyTorch engine ({@link #owns}) that requires a gradient
     */
    public static void zero(NDArray weight) {
        JniUtils.zeroGrad((PtNDArray) weight);
    }
}
