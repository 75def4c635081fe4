package io.sam4j.zoo.model;

import java.util.List;

/**
 * A resolved model name: which family builds it, and the integer hyper-parameters read from the
 * name (e.g. {@code [28, 10]} for {@code wrn-28-10}, {@code []} for {@code cnn}).
 *
 * @param name canonical (lower-case) name, e.g. {@code wrn-28-10}
 * @param family the family that parsed the name and builds the network
 * @param arguments hyper-parameters in the order they appear in the name
 */
public record ModelSpec(String name, ModelFamily family, List<Integer> arguments) {

    /** Validates and defensively copies the arguments. */
    public ModelSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("model name must not be blank, got '" + name + "'");
        }
        if (family == null) {
            throw new IllegalArgumentException("model family must not be null for '" + name + "'");
        }
        arguments = List.copyOf(arguments);
    }

    /**
     * Returns the hyper-parameter at {@code index}.
     *
     * @param index position in the name, 0-based
     * @return the value
     */
    public int argument(int index) {
        if (index < 0 || index >= arguments.size()) {
            throw new IllegalArgumentException(
                    "model '" + name + "' has no argument " + index + "; arguments: " + arguments);
        }
        return arguments.get(index);
    }

    @Override
    public String toString() {
        return name;
    }
}
