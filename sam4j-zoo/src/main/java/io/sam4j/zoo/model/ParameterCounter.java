package io.sam4j.zoo.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;

/** Counts the trainable scalars of a block, as papers report model sizes. */
public final class ParameterCounter {

    private ParameterCounter() {}

    /**
     * Counts the scalars of all parameters with {@code requiresGradient()}; BatchNorm running
     * statistics are therefore excluded, as in the papers' tables.
     *
     * <p>An uninitialised block is initialised on a throwaway {@link NDManager} (parameter shapes
     * depend on the input shape) and cleared again afterwards, so it can still be initialised for
     * training; this consumes random numbers, so seed the engine after counting, not before. An
     * already initialised block is counted as it is.
     *
     * @param block the network
     * @param inputShape (C, H, W) of one example
     * @return number of trainable scalars
     */
    public static long countTrainable(Block block, Shape inputShape) {
        if (block == null) {
            throw new IllegalArgumentException("block must not be null");
        }
        InputShapes.requireChannelsHeightWidth(inputShape);
        if (block.isInitialized()) {
            return sumTrainable(block);
        }
        try (NDManager scratch = NDManager.newBaseManager()) {
            block.initialize(scratch, DataType.FLOAT32, InputShapes.batchOf(1, inputShape));
            long count = sumTrainable(block);
            // Closing the arrays (and nulling them) makes the block uninitialised again,
            // instead of leaving it holding arrays of a closed manager.
            block.clear();
            return count;
        }
    }

    /**
     * As {@link #countTrainable(Block, Shape)} for a network initialised with several inputs (batch
     * dimension included), e.g. a graph network's features, edges and membership.
     *
     * @param block the network
     * @param initializationShapes the shapes to initialise with
     * @return number of trainable scalars
     */
    public static long countTrainable(Block block, Shape[] initializationShapes) {
        if (block == null) {
            throw new IllegalArgumentException("block must not be null");
        }
        if (block.isInitialized()) {
            return sumTrainable(block);
        }
        try (NDManager scratch = NDManager.newBaseManager()) {
            block.initialize(scratch, DataType.FLOAT32, initializationShapes);
            long count = sumTrainable(block);
            block.clear();
            return count;
        }
    }

    private static long sumTrainable(Block block) {
        long total = 0;
        for (Parameter parameter : block.getParameters().values()) {
            if (parameter.requiresGradient()) {
                total += parameter.getShape().size();
            }
        }
        return total;
    }
}
