package io.sam4j.analysis.hessian;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.sam4j.core.util.Checks;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The trainable parameters of a block seen as one flat vector: parameter i occupies
 * {@code [offset(i), offset(i) + size(i))} in block order. Converts flat {@code float[]} vectors to
 * arrays of the parameters' shapes and back.
 */
public final class ParameterSpace {

    private final List<Shape> shapes = new ArrayList<>();
    private final int[] offsets;
    private final int dimension;

    private ParameterSpace(List<Parameter> parameters) {
        Checks.checkArgument(!parameters.isEmpty(), "a parameter space needs at least one parameter");
        offsets = new int[parameters.size() + 1];
        long total = 0;
        for (int i = 0; i < parameters.size(); i++) {
            Shape shape = parameters.get(i).getArray().getShape();
            shapes.add(shape);
            offsets[i] = (int) total;
            total += shape.size();
            Checks.checkArgument(
                    total <= Integer.MAX_VALUE - 8, "%s trainable parameters do not fit one Java array", total);
        }
        offsets[parameters.size()] = (int) total;
        dimension = (int) total;
    }

    /** Returns the space of {@code parameters}, which must be initialized. */
    public static ParameterSpace of(List<Parameter> parameters) {
        return new ParameterSpace(parameters);
    }

    /** Returns the number of scalars. */
    public int dimension() {
        return dimension;
    }

    /** Returns the number of parameter arrays. */
    public int arrays() {
        return shapes.size();
    }

    /** Creates one array per parameter from the flat vector {@code v}, in {@code manager}. */
    public NDList toArrays(float[] v, NDManager manager) {
        checkLength(v);
        NDList out = new NDList(shapes.size());
        for (int i = 0; i < shapes.size(); i++) {
            out.add(manager.create(
                    FloatBuffer.wrap(v, offsets[i], offsets[i + 1] - offsets[i]).slice(), shapes.get(i)));
        }
        return out;
    }

    /** Adds {@code weight · arrays} to the flat vector {@code target}. */
    public void accumulate(NDList arrays, double weight, float[] target) {
        checkLength(target);
        Checks.checkArgument(
                arrays.size() == shapes.size(), "expected %s arrays but got %s", shapes.size(), arrays.size());
        for (int i = 0; i < arrays.size(); i++) {
            float[] values = arrays.get(i).toFloatArray();
            int offset = offsets[i];
            for (int j = 0; j < values.length; j++) {
                target[offset + j] += (float) (weight * values[j]);
            }
        }
    }

    /** Returns the flat vector of {@code arrays}. */
    public float[] flatten(List<NDArray> arrays) {
        float[] out = new float[dimension];
        for (int i = 0; i < arrays.size(); i++) {
            float[] values = arrays.get(i).toFloatArray();
            System.arraycopy(values, 0, out, offsets[i], values.length);
        }
        return out;
    }

    /** Throws IllegalArgumentException unless {@code v} has {@link #dimension()} entries. */
    void checkLength(float[] v) {
        Checks.checkArgument(v.length == dimension, "vector has %s entries but the space has %s", v.length, dimension);
    }
}
