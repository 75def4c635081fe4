package io.sam4j.zoo.model;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;

/**
 * A {@link SequentialBlock} whose children carry names chosen by the model, e.g. {@code
 * 01conv1_weight} rather than {@code 01Conv2d_weight}, so parameter names say where they sit.
 */
public class NamedSequentialBlock extends SequentialBlock {

    /**
     * Appends a child; DJL prefixes its name with the child's 1-based position.
     *
     * @param name readable name without position, e.g. {@code conv1}
     * @param block the child
     * @return this block
     */
    public NamedSequentialBlock add(String name, Block block) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("child name must not be blank, got '" + name + "'");
        }
        if (block == null) {
            throw new IllegalArgumentException("child block '" + name + "' must not be null");
        }
        addChildBlock(name, block);
        return this;
    }
}
