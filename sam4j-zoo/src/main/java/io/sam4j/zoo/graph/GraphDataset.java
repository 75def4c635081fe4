package io.sam4j.zoo.graph;

import io.sam4j.core.util.Checks;
import java.util.ArrayList;
import java.util.List;

/**
 * Labelled graphs with the same node-feature width, and the names of their classes.
 *
 * @param name the dataset's name, e.g. {@code Mutagenicity}
 * @param graphs the graphs, labels in [0, classNames.size())
 * @param featureCount features per node
 * @param classNames the original label of each class, e.g. {@code [-1, 1]}
 */
public record GraphDataset(String name, List<Graph> graphs, int featureCount, List<String> classNames) {

    /** Checks that every graph has the feature width and a known label. */
    public GraphDataset {
        graphs = List.copyOf(graphs);
        classNames = List.copyOf(classNames);
        Checks.checkArgument(!classNames.isEmpty(), "dataset %s has no classes", name);
        for (int i = 0; i < graphs.size(); i++) {
            Graph g = graphs.get(i);
            Checks.checkArgument(
                    g.featureCount() == featureCount,
                    "graph %s has %s features, dataset has %s",
                    i,
                    g.featureCount(),
                    featureCount);
            Checks.checkArgument(
                    g.label() < classNames.size(),
                    "graph %s has label %s but there are %s classes",
                    i,
                    g.label(),
                    classNames.size());
        }
    }

    public int size() {
        return graphs.size();
    }

    public int numClasses() {
        return classNames.size();
    }

    /** Returns every graph's label, in order. */
    public int[] labels() {
        return graphs.stream().mapToInt(Graph::label).toArray();
    }

    /** Returns the graphs at {@code indices}, in that order. */
    public GraphDataset subset(int[] indices) {
        List<Graph> picked = new ArrayList<>(indices.length);
        for (int i : indices) {
            picked.add(graphs.get(i));
        }
        return new GraphDataset(name, picked, featureCount, classNames);
    }

    /** Returns the total number of nodes. */
    public long nodes() {
        return graphs.stream().mapToLong(Graph::numNodes).sum();
    }

    /** Returns the total number of directed edges. */
    public long edges() {
        return graphs.stream().mapToLong(Graph::numEdges).sum();
    }
}
