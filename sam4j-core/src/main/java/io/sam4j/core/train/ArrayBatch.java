package io.sam4j.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.sam4j.core.util.Checks;
import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * A dense batch: one float tensor of shape {@code (N, ...)} and N integer labels.
 *
 * <p>Images ({@code N×C×H×W}) and fixed-length signals ({@code N×L}) are both dense batches.
 */
public final class ArrayBatch implements Batch {

    private final float[] data;
    private final long[] shape;
    private final int[] labels;

    /**
     * Creates a batch.
     *
     * @param data the features, row-major, {@code shape[0]} examples
     * @param shape the full shape, first dimension the batch size
     * @param labels one class index per example
     */
    public ArrayBatch(float[] data, long[] shape, int[] labels) {
        Checks.checkArgument(shape.length >= 1, "shape must have a batch dimension but was %s", Arrays.toString(shape));
        Checks.checkArgument(
                shape[0] == labels.length, "batch dimension %s does not match %s labels", shape[0], labels.length);
        Checks.checkArgument(
                new Shape(shape).size() == data.length,
                "shape %s needs %s values but data has %s",
                Arrays.toString(shape),
                new Shape(shape).size(),
                data.length);
        this.data = data;
        this.shape = shape.clone();
        this.labels = labels;
    }

    @Override
    public int size() {
        return labels.length;
    }

    /** Returns the shape, batch dimension first. */
    public long[] shape() {
        return shape.clone();
    }

    /** Returns the feature values (not copied). */
    public float[] data() {
        return data;
    }

    /** Returns the labels (not copied). */
    public int[] labelArray() {
        return labels;
    }

    @Override
    public NDList inputs(NDManager manager) {
        return new NDList(manager.create(FloatBuffer.wrap(data), new Shape(shape)));
    }

    @Override
    public NDArray labels(NDManager manager) {
        return manager.create(labels);
    }

    @Override
    public Batch subset(int[] indices) {
        int perExample = data.length / size();
        float[] subData = new float[indices.length * perExample];
        int[] subLabels = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            Checks.checkArgument(i >= 0 && i < size(), "index %s is outside the batch of %s", i, size());
            System.arraycopy(data, i * perExample, subData, k * perExample, perExample);
            subLabels[k] = labels[i];
        }
        long[] subShape = shape.clone();
        subShape[0] = indices.length;
        return new ArrayBatch(subData, subShape, subLabels);
    }
}
