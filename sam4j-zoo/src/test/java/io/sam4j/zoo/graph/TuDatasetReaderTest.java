package io.sam4j.zoo.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sam4j.zoo.data.DatasetException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TU text format: a hand-made set read back, and one clear line for each kind of damage. */
class TuDatasetReaderTest {

    /**
     * Two graphs: a triangle (nodes 1-3, labels C C O) labelled 1 and an edge (nodes 4-5, labels N C)
     * labelled -1; node labels 0 (C), 3 (O), 7 (N) one-hot in sorted order.
     */
    static void writeTiny(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("T_A.txt"), "1, 2\n2, 1\n2, 3\n3, 2\n1, 3\n3, 1\n4, 5\n5, 4\n");
        Files.writeString(dir.resolve("T_graph_indicator.txt"), "1\n1\n1\n2\n2\n");
        Files.writeString(dir.resolve("T_graph_labels.txt"), "1\n-1\n");
        Files.writeString(dir.resolve("T_node_labels.txt"), "0\n0\n3\n7\n0\n");
        Files.writeString(dir.resolve("T_edge_labels.txt"), "1\n1\n2\n2\n1\n1\n1\n1\n");
    }

    @Test
    void readsGraphsWithOneHotNodeLabelsAndLocalNodeNumbers(@TempDir Path dir) throws IOException {
        writeTiny(dir);
        GraphDataset data = TuDatasetReader.read(dir, "T");
        assertThat(data.size()).isEqualTo(2);
        assertThat(data.featureCount()).isEqualTo(3);
        assertThat(data.classNames()).containsExactly("-1", "1");
        Graph triangle = data.graphs().get(0);
        assertThat(triangle.label()).isEqualTo(1);
        assertThat(triangle.numNodes()).isEqualTo(3);
        assertThat(triangle.features()).containsExactly(1, 0, 0, 1, 0, 0, 0, 1, 0);
        assertThat(triangle.sources()).containsExactly(0, 1, 1, 2, 0, 2);
        assertThat(triangle.targets()).containsExactly(1, 0, 2, 1, 2, 0);
        Graph edge = data.graphs().get(1);
        assertThat(edge.label()).isZero();
        assertThat(edge.features()).containsExactly(0, 0, 1, 1, 0, 0);
        assertThat(edge.sources()).containsExactly(0, 1);
        assertThat(edge.targets()).containsExactly(1, 0);
    }

    @Test
    void nodeAttributesFollowTheOneHotLabels(@TempDir Path dir) throws IOException {
        writeTiny(dir);
        Files.writeString(dir.resolve("T_node_attributes.txt"), "0.5, 1\n1.5, 2\n2.5, 3\n3.5, 4\n4.5, 5\n");
        Graph edge = TuDatasetReader.read(dir, "T").graphs().get(1);
        assertThat(edge.featureCount()).isEqualTo(5);
        assertThat(edge.features()).containsExactly(0, 0, 1, 3.5f, 4, 1, 0, 0, 4.5f, 5);
    }

    @Test
    void anEdgeNamingAMissingNodeIsOneLineNamingFileAndLine(@TempDir Path dir) throws IOException {
        writeTiny(dir);
        Files.writeString(dir.resolve("T_A.txt"), "1, 2\n2, 1\n4, 6\n");
        Files.writeString(dir.resolve("T_edge_labels.txt"), "1\n1\n1\n");
        assertThatThrownBy(() -> TuDatasetReader.read(dir, "T"))
                .isInstanceOf(DatasetException.class)
                .hasMessage(dir.resolve("T_A.txt") + ":3: node 6 does not exist (T_graph_indicator.txt lists 5 nodes)");
    }

    @Test
    void mismatchedLineCountsNameBothFiles(@TempDir Path dir) throws IOException {
        writeTiny(dir);
        Files.writeString(dir.resolve("T_node_labels.txt"), "0\n0\n3\n7\n");
        assertThatThrownBy(() -> TuDatasetReader.read(dir, "T"))
                .isInstanceOf(DatasetException.class)
                .hasMessage(dir.resolve("T_node_labels.txt")
                        + " has 4 lines but T_graph_indicator.txt has 5 (one per node)");
        writeTiny(dir);
        Files.writeString(dir.resolve("T_edge_labels.txt"), "1\n");
        assertThatThrownBy(() -> TuDatasetReader.read(dir, "T"))
                .hasMessage(dir.resolve("T_edge_labels.txt") + " has 1 lines but T_A.txt has 8 (one per edge)");
    }

    @Test
    void otherDamageIsOneLineToo(@TempDir Path dir) throws IOException {
        writeTiny(dir);
        Files.writeString(dir.resolve("T_graph_indicator.txt"), "1\n1\n1\n2\n3\n");
        assertThatThrownBy(() -> TuDatasetReader.read(dir, "T"))
                .hasMessage(dir.resolve("T_graph_indicator.txt")
                        + ":5: graph 3 does not exist (T_graph_labels.txt lists 2 graphs)");
        writeTiny(dir);
        Files.writeString(dir.resolve("T_A.txt"), "1, 2\n3, 4\n1, 3\n3, 1\n1, 2\n2, 1\n4, 5\n5, 4\n");
        assertThatThrownBy(() -> TuDatasetReader.read(dir, "T"))
                .hasMessage(dir.resolve("T_A.txt") + ":2: edge 3, 4 joins graph 1 and graph 2");
        writeTiny(dir);
        Files.writeString(dir.resolve("T_A.txt"), "1 2\n");
        Files.delete(dir.resolve("T_edge_labels.txt"));
        assertThatThrownBy(() -> TuDatasetReader.read(dir, "T"))
                .hasMessage(dir.resolve("T_A.txt") + ":1: expected two node ids 'i, j' but found '1 2'");
        Files.delete(dir.resolve("T_graph_labels.txt"));
        assertThatThrownBy(() -> TuDatasetReader.read(dir, "T"))
                .hasMessage(dir.resolve("T_graph_labels.txt") + ": file missing");
    }
}
