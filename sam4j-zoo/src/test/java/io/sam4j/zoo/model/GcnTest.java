package io.sam4j.zoo.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.sam4j.zoo.graph.Graph;
import io.sam4j.zoo.graph.GraphBatch;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The GCN: one layer against a hand computation, invariances, batching and the study's size. */
class GcnTest {

    /** A path 0 - 1 - 2, each edge in both directions, features x0 = (1, 0), x1 = (0, 1), x2 = (1, 1). */
    private static Graph path() {
        return Graph.of(3, 2, new float[] {1, 0, 0, 1, 1, 1}, new int[] {0, 1, 1, 2}, new int[] {1, 0, 2, 1}, 0);
    }

    @Test
    void oneLayerMatchesAHandComputation() {
        try (NDManager manager = NDManager.newBaseManager()) {
            GcnLayer layer = new GcnLayer(1);
            layer.initialize(manager, DataType.FLOAT32, new Shape(3, 2), new Shape(3, 3));
            layer.getParameters().get("weight").getArray().set(new float[] {2, -1});
            layer.getParameters().get("bias").getArray().set(new float[] {0.5f});
            NDList inputs = GraphBatch.of(List.of(path())).inputs(manager);
            NDArray adjacency = GraphOps.normalizedAdjacency(inputs.get(1), 3);
            float[] out = layer.forward(new ParameterStore(manager, false), new NDList(inputs.get(0), adjacency), false)
                    .head()
                    .toFloatArray();
            // With self-loops the degrees are 2, 3, 2; h = x W = (2, -1, 1);
            // out_i = sum over j in N(i) ∪ {i} of h_j / sqrt(d_i d_j) + 0.5.
            double s6 = Math.sqrt(6);
            double[] expected = {2 / 2.0 - 1 / s6 + 0.5, 2 / s6 - 1 / 3.0 + 1 / s6 + 0.5, -1 / s6 + 1 / 2.0 + 0.5};
            for (int i = 0; i < 3; i++) {
                assertThat((double) out[i]).as("node " + i).isCloseTo(expected[i], within(1e-6));
            }
        }
    }

    private static Graph randomGraph(SplittableRandom random, int features, int label) {
        int n = 3 + random.nextInt(8);
        float[] x = new float[n * features];
        for (int i = 0; i < n; i++) {
            x[i * features + random.nextInt(features)] = 1;
        }
        List<int[]> edges = new ArrayList<>();
        for (int i = 1; i < n; i++) {
            int j = random.nextInt(i);
            edges.add(new int[] {i, j});
            edges.add(new int[] {j, i});
        }
        int[] src = edges.stream().mapToInt(e -> e[0]).toArray();
        int[] dst = edges.stream().mapToInt(e -> e[1]).toArray();
        return Graph.of(n, features, x, src, dst, label);
    }

    private static Block initialized(String name, int features, NDManager manager) {
        ModelCatalog catalog = ModelCatalog.standard();
        ModelSpec spec = catalog.resolve(name);
        Block block = catalog.build(spec, new Shape(features), 2, ModelOptions.DEFAULTS);
        Engine.getInstance().setRandomSeed(3);
        block.initialize(manager, DataType.FLOAT32, spec.family().initializationShapes(new Shape(features)));
        return block;
    }

    private static float[] logits(Block block, NDManager manager, List<Graph> graphs) {
        try (NDManager scope = manager.newSubManager()) {
            return block.forward(
                            new ParameterStore(scope, false),
                            GraphBatch.of(graphs).inputs(scope),
                            false)
                    .head()
                    .toFloatArray();
        }
    }

    @Test
    void outputsDoNotChangeWhenNodesArePermuted() {
        SplittableRandom random = new SplittableRandom(11);
        try (NDManager manager = NDManager.newBaseManager()) {
            for (String name : List.of("gcn-base", "gcn-small-sum")) {
                Block block = initialized(name, 5, manager);
                Graph g = randomGraph(random, 5, 1);
                List<Integer> order = new ArrayList<>();
                for (int i = 0; i < g.numNodes(); i++) {
                    order.add(i);
                }
                Collections.shuffle(order, new Random(5));
                int[] permutation = order.stream().mapToInt(Integer::intValue).toArray();
                float[] original = logits(block, manager, List.of(g));
                float[] permuted = logits(block, manager, List.of(g.permuteNodes(permutation)));
                assertThat(permuted).as(name).containsExactly(original, Offset.offset(1e-5f));
                assertThat(original[0]).isNotEqualTo(original[1]);
            }
        }
    }

    @Test
    void aBatchGivesTheOutputsOfItsGraphsOneByOne() {
        SplittableRandom random = new SplittableRandom(12);
        List<Graph> graphs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            graphs.add(randomGraph(random, 4, i % 2));
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = initialized("gcn-base", 4, manager);
            float[] batched = logits(block, manager, graphs);
            assertThat(batched).hasSize(12);
            for (int i = 0; i < graphs.size(); i++) {
                float[] alone = logits(block, manager, List.of(graphs.get(i)));
                assertThat(new float[] {batched[2 * i], batched[2 * i + 1]})
                        .as("graph " + i)
                        .containsExactly(alone, Offset.offset(1e-5f));
            }
        }
    }

    @Test
    void studySizeIsAbout125kParametersOnMutagenicity() {
        ModelCatalog catalog = ModelCatalog.standard();
        ModelInfo info = catalog.info(catalog.resolve("gcn"), new Shape(14), 2);
        // 3 layers of 200: (14·200 + 200) + 2·(200·200 + 200); head: 200·200 + 200 and 200·2 + 2.
        assertThat(info.parameterCount()).isEqualTo(3_000 + 80_400 + 40_200 + 402);
        assertThat(info.name()).isEqualTo("gcn-study");
    }
}
