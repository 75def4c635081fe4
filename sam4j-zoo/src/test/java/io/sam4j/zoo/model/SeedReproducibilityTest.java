package io.sam4j.zoo.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Seeding the engine before initialisation is all it takes to reproduce initial weights. */
class SeedReproducibilityTest {

    @ParameterizedTest
    @ValueSource(strings = {"mlp", "cnn", "resnet-20", "wrn-10-2"})
    void sameSeedGivesIdenticalWeightsAndAnotherSeedDoesNot(String name) {
        Map<String, float[]> first = initialWeights(name, 42);
        Map<String, float[]> again = initialWeights(name, 42);
        Map<String, float[]> other = initialWeights(name, 43);

        assertThat(again.keySet()).containsExactlyElementsOf(first.keySet());
        first.forEach((param, values) -> assertThat(again.get(param)).as(param).isEqualTo(values));
        assertThat(other.entrySet())
                .as("some randomly initialised weight differs under another seed")
                .anyMatch(e -> !Arrays.equals(e.getValue(), first.get(e.getKey())));
    }

    private static Map<String, float[]> initialWeights(String name, int seed) {
        Shape input = Networks.CIFAR;
        Block block = Networks.build(name, input, 10);
        Map<String, float[]> weights = new LinkedHashMap<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(seed);
            Networks.initialized(block, manager, input);
            for (Pair<String, Parameter> p : block.getParameters()) {
                weights.put(p.getKey(), p.getValue().getArray().toFloatArray());
            }
        }
        return weights;
    }
}
