package io.sam4j.zoo.graph;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.sam4j.core.random.Seeds;
import io.sam4j.core.train.Batch;
import io.sam4j.core.train.BatchSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Packing graphs into one block-diagonal graph, re-packing subsets, and epochs of batches. */
class GraphBatchTest {

    @Test
    void packsFeaturesEdgesAndMembershipWithNodeOffsets(@TempDir Path dir) throws Exception {
        TuDatasetReaderTest.writeTiny(dir);
        GraphDataset data = TuDatasetReader.read(dir, "T");
        GraphBatch batch =
                GraphBatch.of(List.of(data.graphs().get(1), data.graphs().get(0)));
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList in = batch.inputs(manager);
            assertThat(in.get(0).getShape()).isEqualTo(new Shape(5, 3));
            // The edge graph comes first (nodes 0, 1), so the triangle's nodes are shifted by 2.
            assertThat(in.get(1).toLongArray()).containsExactly(0, 1, 2, 3, 3, 4, 2, 4, 1, 0, 3, 2, 4, 3, 4, 2);
            assertThat(in.get(2).toLongArray()).containsExactly(0, 0, 1, 1, 1);
            assertThat(in.get(3).toFloatArray()).containsExactly(2, 3);
            assertThat(batch.labels(manager).toIntArray()).containsExactly(0, 1);
        }
        Batch reversed = batch.subset(new int[] {1, 0});
        assertThat(((GraphBatch) reversed).graphs())
                .containsExactly(data.graphs().get(0), data.graphs().get(1));
    }

    @Test
    void epochsCoverEveryGraphOnceInASeededOrder(@TempDir Path dir) throws Exception {
        TuDatasetReaderTest.writeTiny(dir);
        GraphDataset two = TuDatasetReader.read(dir, "T");
        List<Graph> many = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            many.addAll(two.graphs());
        }
        GraphDataset data = new GraphDataset("T", many, two.featureCount(), two.classNames());
        BatchSource source = new GraphBatches(data, 4, true);
        assertThat(source.batchesPerEpoch()).isEqualTo(3);
        List<Integer> sizes = new ArrayList<>();
        List<Graph> seen = new ArrayList<>();
        try (BatchSource.Stream s = source.open(1, new Seeds(3))) {
            s.forEachRemaining(b -> {
                sizes.add(b.size());
                seen.addAll(((GraphBatch) b).graphs());
            });
        }
        assertThat(sizes).containsExactly(4, 4, 2);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(many);
        List<Graph> again = new ArrayList<>();
        try (BatchSource.Stream s = source.open(1, new Seeds(3))) {
            s.forEachRemaining(b -> again.addAll(((GraphBatch) b).graphs()));
        }
        assertThat(again).containsExactlyElementsOf(seen);
    }
}
