package io.sam4j.analysis.landscape;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;

/**
 * Random directions in weight space with filter normalization (Li et al. 2018, "Visualizing the Loss
 * Landscape of Neural Nets", Section 4): a direction d drawn from N(0, I) with the shape of the weights θ
 * is rescaled filter by filter,
 *
 * <pre>d_{i,j} ← d_{i,j} / (‖d_{i,j}‖ + 1e-10) · ‖θ_{i,j}‖</pre>
 *
 * where (i, j) is filter j of layer i and ‖·‖ the Frobenius norm. A filter is a slice along the first
 * axis of a weight tensor: an output channel of a convolution, a row (output unit) of a linear layer.
 * This removes the scale invariance of ReLU networks with BatchNorm, so that landscapes of different
 * models can be compared. One-dimensional parameters (biases, BatchNorm γ and β) have no filters and are
 * handled by {@link IgnoreMode}.
 */
public final class Directions {

    private static final NDIndex ALL = new NDIndex(":");
    private static final double EPSILON = 1e-10;

    private Directions() {}

    /**
     * Draws a filter-normalized Gaussian direction for the given weights.
     *
     * @param weights the weights θ, one array per trainable parameter (not changed)
     * @param seed selects the direction; the draw does not depend on the engine's random state
     * @param ignore what to do with one-dimensional parameters
     * @param manager receives the direction's arrays
     * @return the direction, one array per weight, same shapes
     */
    public static NDList randomFilterNormalized(NDList weights, long seed, IgnoreMode ignore, NDManager manager) {
        NDList direction = gaussian(weights, seed, manager);
        filterNormalize(direction, weights, ignore);
        return direction;
    }

    /**
     * Draws N(0, 1) entries with the shapes of {@code like}, from a {@link SplittableRandom} of {@code seed}
     * (reproducible across engines and thread counts).
     */
    public static NDList gaussian(NDList like, long seed, NDManager manager) {
        SplittableRandom random = new SplittableRandom(seed);
        NDList out = new NDList(like.size());
        for (NDArray w : like) {
            Shape shape = w.getShape();
            float[] values = new float[Math.toIntExact(shape.size())];
            for (int k = 0; k < values.length; k++) {
                values[k] = (float) random.nextGaussian();
            }
            out.add(manager.create(values, shape));
        }
        return out;
    }

    /**
     * Rescales {@code direction} in place so that each of its filters has the norm of the same filter of
     * {@code weights}; one-dimensional entries are zeroed ({@link IgnoreMode#BIASBN}) or set to the weight
     * ({@link IgnoreMode#NONE}).
     */
    public static void filterNormalize(NDList direction, NDList weights, IgnoreMode ignore) {
        if (direction.size() != weights.size()) {
            throw new IllegalArgumentException(
                    "direction has " + direction.size() + " arrays but the weights have " + weights.size());
        }
        for (int i = 0; i < direction.size(); i++) {
            NDArray d = direction.get(i);
            NDArray w = weights.get(i);
            if (!d.getShape().equals(w.getShape())) {
                throw new IllegalArgumentException(
                        "direction entry " + i + " has shape " + d.getShape() + " but the weight has " + w.getShape());
            }
            if (w.getShape().dimension() <= 1) {
                if (ignore == IgnoreMode.BIASBN) {
                    d.set(ALL, 0f);
                } else {
                    d.set(ALL, w);
                }
                continue;
            }
            int[] filterAxes = new int[w.getShape().dimension() - 1];
            for (int a = 0; a < filterAxes.length; a++) {
                filterAxes[a] = a + 1;
            }
            try (NDArray wNorm = filterNorms(w, filterAxes);
                    NDArray dNorm = filterNorms(d, filterAxes);
                    NDArray denominator = dNorm.add(EPSILON);
                    NDArray factor = wNorm.div(denominator)) {
                d.muli(factor);
            }
        }
    }

    /** Returns the Frobenius norm of every filter, shape (filters, 1, ..., 1), accumulated in float64. */
    static NDArray filterNorms(NDArray array, int[] filterAxes) {
        try (NDArray wide = array.toType(DataType.FLOAT64, true);
                NDArray square = wide.square();
                NDArray sum = square.sum(filterAxes, true);
                NDArray norm = sum.sqrt()) {
            return norm.toType(array.getDataType(), true);
        }
    }
}
