package io.sam4j.zoo.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

/** Test helpers to build, initialise and run catalog models without a Trainer. */
final class Networks {

    static final Shape FASHION_MNIST = new Shape(1, 28, 28);
    static final Shape CIFAR = new Shape(3, 32, 32);

    private Networks() {}

    static Block build(String name, Shape inputShape, int classes) {
        return ModelCatalog.standard().build(name, inputShape, classes, ModelOptions.DEFAULTS);
    }

    static Block initialized(Block block, NDManager manager, Shape inputShape) {
        block.initialize(manager, DataType.FLOAT32, InputShapes.batchOf(2, inputShape));
        return block;
    }

    static NDArray forward(Block block, NDManager manager, NDArray input, boolean training) {
        return block.forward(new ParameterStore(manager, false), new NDList(input), training)
                .singletonOrThrow();
    }
}
