package io.sam4j.zoo.graph;

import io.sam4j.core.util.Checks;
import java.util.Arrays;

/**
 * One labelled graph: per-node feature vectors and directed edges between its nodes, numbered from 0.
 *
 * <p>An undirected graph lists each edge in both directions, as the TU format does. Arrays are kept
 * as given (not copied): graphs are immutable by convention once built.
 */
public final class Graph {

    private final int numNodes;
    private final int featureCount;
    private final float[] features;
    private final int[] sources;
    private final int[] targets;
    private final int label;

    private Graph(int numNodes, int featureCount, float[] features, int[] sources, int[] targets, int label) {
        this.numNodes = numNodes;
        this.featureCount = featureCount;
        this.features = features;
        this.sources = sources;
        this.targets = targets;
        this.label = label;
    }

    /**
     * Creates a graph.
     *
     * @param numNodes the number of nodes, at least 1
     * @param featureCount features per node, at least 1
     * @param features {@code numNodes × featureCount} values, row-major (node by node)
     * @param sources the source node of each edge
     * @param targets the target node of each edge
     * @param label the class
     * @throws IllegalArgumentException if sizes disagree or an edge names a node outside the graph
     */
    public static Graph of(int numNodes, int featureCount, float[] features, int[] sources, int[] targets, int label) {
        Checks.checkPositive("numNodes", numNodes);
        Checks.checkPositive("featureCount", featureCount);
        Checks.checkArgument(
                features.length == (long) numNodes * featureCount,
                "%s nodes of %s features need %s values but got %s",
                numNodes,
                featureCount,
                (long) numNodes * featureCount,
                features.length);
        Checks.checkArgument(
                sources.length == targets.length,
                "%s edge sources but %s edge targets",
                sources.length,
                targets.length);
        for (int e = 0; e < sources.length; e++) {
            Checks.checkArgument(
                    sources[e] >= 0 && sources[e] < numNodes && targets[e] >= 0 && targets[e] < numNodes,
                    "edge %s (%s -> %s) names a node outside [0, %s)",
                    e,
                    sources[e],
                    targets[e],
                    numNodes);
        }
        Checks.checkNonNegative("label", label);
        return new Graph(numNodes, featureCount, features, sources, targets, label);
    }

    public int numNodes() {
        return numNodes;
    }

    public int numEdges() {
        return sources.length;
    }

    public int featureCount() {
        return featureCount;
    }

    /** Returns the node features, row-major (not copied). */
    public float[] features() {
        return features;
    }

    /** Returns each edge's source node (not copied). */
    public int[] sources() {
        return sources;
    }

    /** Returns each edge's target node (not copied). */
    public int[] targets() {
        return targets;
    }

    public int label() {
        return label;
    }

    /**
     * Returns the same graph with its nodes renumbered: node {@code i} becomes {@code permutation[i]}.
     * A graph model's output must not change.
     */
    public Graph permuteNodes(int[] permutation) {
        Checks.checkArgument(
                permutation.length == numNodes, "permutation of %s entries for %s nodes", permutation.length, numNodes);
        int[] sorted = permutation.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < numNodes; i++) {
            Checks.checkArgument(
                    sorted[i] == i, "%s is not a permutation of 0..%s", Arrays.toString(permutation), numNodes - 1);
        }
        float[] moved = new float[features.length];
        for (int i = 0; i < numNodes; i++) {
            System.arraycopy(features, i * featureCount, moved, permutation[i] * featureCount, featureCount);
        }
        int[] newSources = new int[sources.length];
        int[] newTargets = new int[targets.length];
        for (int e = 0; e < sources.length; e++) {
            newSources[e] = permutation[sources[e]];
            newTargets[e] = permutation[targets[e]];
        }
        return new Graph(numNodes, featureCount, moved, newSources, newTargets, label);
    }
}
