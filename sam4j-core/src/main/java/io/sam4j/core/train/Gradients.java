package io.sam4j.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.sam4j.core.train.pytorch.PyTorchGradients;
import java.util.List;

/** Operations on gradients taken as one vector over all trainable parameters. */
public final class Gradients {

    private Gradients() {}

    /**
     * Moves the accumulated gradients of {@code parameters} into fresh arrays of {@code manager}
     * and zeroes the parameters' own gradients.
     *
     * <p>PyTorch accumulates into {@code .grad} in place and {@code getGradient()} shares that
     * storage, so the values must be cloned before the next backward pass.
     */
    public static NDList take(List<Parameter> parameters, NDManager manager) {
        NDList grads = new NDList(parameters.size());
        for (Parameter p : parameters) {
            NDArray weight = p.getArray();
            try (NDArray shared = weight.getGradient()) {
                NDArray copy = shared.duplicate();
                copy.attach(manager);
                grads.add(copy);
                zero(weight, shared);
            }
        }
        return grads;
    }

    /**
     * Zeroes the accumulated gradients of {@code parameters} in place (PyTorch's {@code
     * optimizer.zero_grad()}), for code that backpropagates into the parameters' own gradient arrays.
     */
    public static void zero(List<Parameter> parameters) {
        for (Parameter p : parameters) {
            NDArray weight = p.getArray();
            try (NDArray shared = weight.getGradient()) {
                zero(weight, shared);
            }
        }
    }

    /**
     * Replaces the gradient of {@code weight} with {@code gradient}, for an optimizer that reads it
     * from there later (DJL's {@code Trainer.step()}).
     */
    public static void replace(NDArray weight, NDArray gradient) {
        try (NDArray shared = weight.getGradient()) {
            zero(weight, shared);
            shared.addi(gradient);
        }
    }

    private static void zero(NDArray weight, NDArray shared) {
        if (PyTorchGradients.owns(weight)) {
            PyTorchGradients.zero(weight);
        } else {
            shared.subi(shared);
        }
    }

    /** Returns the squared global L2 norm ∑ᵢ‖gᵢ‖², accumulated in double. */
    public static double squaredNorm(NDList arrays) {
        double sum = 0;
        for (NDArray a : arrays) {
            try (NDArray square = a.square();
                    NDArray s = square.sum()) {
                sum += s.getFloat();
            }
        }
        return sum;
    }

    /** Returns the inner product ∑ᵢ⟨aᵢ, bᵢ⟩ over all arrays, accumulated in double. */
    public static double dot(NDList a, NDList b) {
        double sum = 0;
        for (int i = 0; i < a.size(); i++) {
            try (NDArray product = a.get(i).mul(b.get(i));
                    NDArray s = product.sum()) {
                sum += s.getFloat();
            }
        }
        return sum;
    }

    /** Returns copies of {@code arrays} in {@code manager}. */
    public static NDList copy(NDList arrays, NDManager manager) {
        NDList copies = new NDList(arrays.size());
        for (NDArray a : arrays) {
            NDArray c = a.duplicate();
            c.attach(manager);
            copies.add(c);
        }
        return copies;
    }

    /** Returns the global L2 norm. */
    public static double norm(NDList arrays) {
        return Math.sqrt(squaredNorm(arrays));
    }

    /** Multiplies every array by {@code factor}, in place. */
    public static void scaleInPlace(NDList arrays, float factor) {
        for (NDArray a : arrays) {
            a.muli(factor);
        }
    }

    /** Adds {@code other} to {@code target} element-wise, in place. */
    public static void addInPlace(NDList target, NDList other) {
        for (int i = 0; i < target.size(); i++) {
            target.get(i).addi(other.get(i));
        }
    }

    /**
     * Rescales gradients so that their global norm is at most {@code maxNorm} (the rule of
     * {@code torch.nn.utils.clip_grad_norm_}: factor {@code maxNorm / (norm + 1e-6)} when smaller
     * than 1).
     *
     * @return the norm before clipping
     */
    public static double clipByGlobalNorm(NDList grads, double maxNorm) {
        double norm = norm(grads);
        double factor = maxNorm / (norm + 1e-6);
        if (factor < 1) {
            scaleInPlace(grads, (float) factor);
        }
        return norm;
    }
}
