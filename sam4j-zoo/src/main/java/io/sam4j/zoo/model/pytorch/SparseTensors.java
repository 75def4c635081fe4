package io.sam4j.zoo.model.pytorch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/** Sparse COO tensors of the PyTorch engine, which DJL's API cannot build from arrays on the device. */
public final class SparseTensors {

    /** The engine name DJL gives PyTorch ({@code PtEngine.ENGINE_NAME}), compared without loading it. */
    private static final String ENGINE_NAME = "PyTorch";

    private SparseTensors() {}

    /**
     * Returns the sparse tensor of {@code shape} with {@code values} at {@code indices}
     * ({@code torch.sparse_coo_tensor}); PyTorch differentiates its products in the dense operand.
     *
     * @param indices {@code (ndim, nnz)} int64
     * @param values {@code (nnz)}
     * @throws UnsupportedOperationException when the arrays belong to another engine
     */
    public static NDArray coo(NDArray indices, NDArray values, Shape shape) {
        // Checked by name first, so that another engine gets a message instead of a NoClassDefFoundError.
        String engine = indices.getManager().getEngine().getEngineName();
        if (!ENGINE_NAME.equals(engine)) {
            throw new UnsupportedOperationException(
                    "graph models need the PyTorch engine's sparse tensors; the arrays belong to " + engine);
        }
        return JniUtils.createSparseCoo((PtNDArray) indices, (PtNDArray) values, shape);
    }
}
