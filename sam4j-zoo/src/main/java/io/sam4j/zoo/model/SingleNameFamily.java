package io.sam4j.zoo.model;

import java.util.List;
import java.util.Optional;

/** A family with exactly one member and no arguments in its name (e.g. {@code mlp}, {@code cnn}). */
abstract class SingleNameFamily implements ModelFamily {

    private final String name;

    SingleNameFamily(String name) {
        this.name = name;
    }

    @Override
    public List<String> displayNames() {
        return List.of(name);
    }

    @Override
    public List<String> exampleNames() {
        return List.of(name);
    }

    @Override
    public Optional<ModelSpec> parse(String candidate) {
        return name.equals(candidate) ? Optional.of(new ModelSpec(name, this, List.of())) : Optional.empty();
    }
}
