package io.sam4j.core.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import io.sam4j.core.train.Batch;
import io.sam4j.core.util.Checks;

/**
 * A DJL batch seen as a sam4j {@link Batch}, so that the core steps train on it where it already is
 * (on the trainer's device, without a copy).
 *
 * <p>{@link #inputs} and {@link #labels} return the DJL batch's own arrays, which stay its owner's:
 * a pass's manager does not close them. Subsets (m-sharpness groups, micro-batches) are gathered on
 * the same device into {@code subsets}, a manager that lives as long as the step.
 */
final class DjlBatch implements Batch {

    private final NDList data;
    private final NDArray labels;
    private final NDManager subsets;

    DjlBatch(NDList data, NDArray labels, NDManager subsets) {
        Checks.checkArgument(!data.isEmpty(), "the batch has no data arrays");
        long size = labels.getShape().get(0);
        for (NDArray array : data) {
            Checks.checkArgument(
                    array.getShape().get(0) == size,
                    "a data array of shape %s does not match %s labels",
                    array.getShape(),
                    size);
        }
        this.data = data;
        this.labels = labels;
        this.subsets = subsets;
    }

    @Override
    public int size() {
        return Math.toIntExact(labels.getShape().get(0));
    }

    @Override
    public NDList inputs(NDManager manager) {
        return data;
    }

    @Override
    public NDArray labels(NDManager manager) {
        return labels;
    }

    @Override
    public Batch subset(int[] indices) {
        for (int i : indices) {
            Checks.checkArgument(i >= 0 && i < size(), "index %s is outside the batch of %s", i, size());
        }
        NDArray index = subsets.create(indices).toDevice(labels.getDevice(), false);
        NDList subData = new NDList(data.size());
        for (NDArray array : data) {
            subData.add(gather(array, index));
        }
        return new DjlBatch(subData, gather(labels, index), subsets);
    }

    private NDArray gather(NDArray array, NDArray index) {
        NDArray rows = array.get(new NDIndex("{}", index));
        rows.attach(subsets);
        return rows;
    }
}
