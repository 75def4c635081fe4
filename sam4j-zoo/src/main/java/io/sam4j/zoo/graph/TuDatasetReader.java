package io.sam4j.zoo.graph;

import io.sam4j.zoo.data.DatasetException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads a graph collection in the TU Dortmund text format (Morris et al. 2020, "TUDataset: A
 * collection of benchmark datasets for learning with graphs"), the format of Mutagenicity, MUTAG,
 * PROTEINS, NCI1 and the rest of that collection.
 *
 * <p>A folder {@code NAME/} holds, one value (or comma-separated row) per line:
 * <ul>
 *   <li>{@code NAME_A.txt}: one directed edge {@code i, j} per line, over global 1-based node ids;</li>
 *   <li>{@code NAME_graph_indicator.txt}: the 1-based graph of node {@code i} on line {@code i};</li>
 *   <li>{@code NAME_graph_labels.txt}: the class of graph {@code g} on line {@code g};</li>
 *   <li>optional {@code NAME_node_labels.txt} (one integer per node), {@code NAME_node_attributes.txt}
 *       (comma-separated reals per node) and {@code NAME_edge_labels.txt} (one per edge, checked, not
 *       used).</li>
 * </ul>
 * Node features are the one-hot node label (over the sorted distinct labels) followed by the node
 * attributes; a set with neither gets the constant feature 1. Graph labels map to classes in sorted
 * order ({@code -1, 1} becomes classes 0, 1). Nodes keep their order within each graph.
 */
public final class TuDatasetReader {

    private TuDatasetReader() {}

    /** Returns the files a TU dataset must have. */
    public static List<String> requiredFiles(String name) {
        return List.of(name + "_A.txt", name + "_graph_indicator.txt", name + "_graph_labels.txt");
    }

    /** Returns the optional files read when present. */
    public static List<String> optionalFiles(String name) {
        return List.of(name + "_node_labels.txt", name + "_node_attributes.txt", name + "_edge_labels.txt");
    }

    /**
     * Reads {@code dir/NAME_*.txt}.
     *
     * @param dir the folder holding the files
     * @param name the dataset's name, the files' prefix
     * @throws DatasetException naming the file, the line and what is wrong
     */
    public static GraphDataset read(Path dir, String name) {
        Path indicatorFile = dir.resolve(name + "_graph_indicator.txt");
        Path labelsFile = dir.resolve(name + "_graph_labels.txt");
        Path edgesFile = dir.resolve(name + "_A.txt");
        List<String> graphLabelLines = lines(labelsFile);
        int graphCount = graphLabelLines.size();
        long[] rawGraphLabels = new long[graphCount];
        for (int g = 0; g < graphCount; g++) {
            rawGraphLabels[g] = parseInteger(labelsFile, g, graphLabelLines.get(g));
        }
        List<String> indicatorLines = lines(indicatorFile);
        int nodeCount = indicatorLines.size();
        int[] graphOf = new int[nodeCount];
        int[] localIndex = new int[nodeCount];
        int[] sizes = new int[graphCount];
        for (int i = 0; i < nodeCount; i++) {
            long g = parseInteger(indicatorFile, i, indicatorLines.get(i));
            if (g < 1 || g > graphCount) {
                throw new DatasetException(where(indicatorFile, i) + "graph " + g + " does not exist ("
                        + labelsFile.getFileName() + " lists " + graphCount + " graphs)");
            }
            graphOf[i] = (int) g - 1;
            localIndex[i] = sizes[graphOf[i]]++;
        }
        for (int g = 0; g < graphCount; g++) {
            if (sizes[g] == 0) {
                throw new DatasetException(indicatorFile + ": graph " + (g + 1) + " has no nodes");
            }
        }
        float[][] nodeFeatures = nodeFeatures(dir, name, nodeCount, indicatorFile);
        int featureCount = nodeFeatures[0].length;

        List<String> edgeLines = lines(edgesFile);
        Path edgeLabelsFile = dir.resolve(name + "_edge_labels.txt");
        if (Files.isRegularFile(edgeLabelsFile)) {
            requireSameCount(edgeLabelsFile, lines(edgeLabelsFile).size(), edgesFile, edgeLines.size(), "edge");
        }
        int[] edgeCounts = new int[graphCount];
        int[][] edges = new int[edgeLines.size()][];
        for (int e = 0; e < edgeLines.size(); e++) {
            String[] parts = edgeLines.get(e).split(",");
            if (parts.length != 2) {
                throw new DatasetException(where(edgesFile, e) + "expected two node ids 'i, j' but found '"
                        + edgeLines.get(e).trim() + "'");
            }
            int[] ends = new int[2];
            for (int k = 0; k < 2; k++) {
                long node = parseInteger(edgesFile, e, parts[k]);
                if (node < 1 || node > nodeCount) {
                    throw new DatasetException(where(edgesFile, e) + "node " + node + " does not exist ("
                            + indicatorFile.getFileName() + " lists " + nodeCount + " nodes)");
                }
                ends[k] = (int) node - 1;
            }
            if (graphOf[ends[0]] != graphOf[ends[1]]) {
                throw new DatasetException(where(edgesFile, e) + "edge " + (ends[0] + 1) + ", " + (ends[1] + 1)
                        + " joins graph " + (graphOf[ends[0]] + 1) + " and graph " + (graphOf[ends[1]] + 1));
            }
            edges[e] = ends;
            edgeCounts[graphOf[ends[0]]]++;
        }
        return assemble(
                name, rawGraphLabels, graphOf, localIndex, sizes, nodeFeatures, featureCount, edges, edgeCounts);
    }

    private static GraphDataset assemble(
            String name,
            long[] rawGraphLabels,
            int[] graphOf,
            int[] localIndex,
            int[] sizes,
            float[][] nodeFeatures,
            int featureCount,
            int[][] edges,
            int[] edgeCounts) {
        int graphCount = sizes.length;
        TreeSet<Long> distinct = new TreeSet<>();
        for (long l : rawGraphLabels) {
            distinct.add(l);
        }
        List<Long> classes = new ArrayList<>(distinct);
        float[][] features = new float[graphCount][];
        int[][] sources = new int[graphCount][];
        int[][] targets = new int[graphCount][];
        for (int g = 0; g < graphCount; g++) {
            features[g] = new float[sizes[g] * featureCount];
            sources[g] = new int[edgeCounts[g]];
            targets[g] = new int[edgeCounts[g]];
        }
        for (int i = 0; i < graphOf.length; i++) {
            System.arraycopy(nodeFeatures[i], 0, features[graphOf[i]], localIndex[i] * featureCount, featureCount);
        }
        int[] filled = new int[graphCount];
        for (int[] edge : edges) {
            int g = graphOf[edge[0]];
            sources[g][filled[g]] = localIndex[edge[0]];
            targets[g][filled[g]] = localIndex[edge[1]];
            filled[g]++;
        }
        List<Graph> graphs = new ArrayList<>(graphCount);
        for (int g = 0; g < graphCount; g++) {
            graphs.add(Graph.of(
                    sizes[g], featureCount, features[g], sources[g], targets[g], classes.indexOf(rawGraphLabels[g])));
        }
        return new GraphDataset(
                name,
                graphs,
                featureCount,
                classes.stream().map(String::valueOf).toList());
    }

    /** One-hot node labels, then node attributes; the constant 1 when the set has neither. */
    private static float[][] nodeFeatures(Path dir, String name, int nodeCount, Path indicatorFile) {
        Path labelsFile = dir.resolve(name + "_node_labels.txt");
        Path attributesFile = dir.resolve(name + "_node_attributes.txt");
        int[] oneHot = null;
        int labelCount = 0;
        if (Files.isRegularFile(labelsFile)) {
            List<String> lines = lines(labelsFile);
            requireSameCount(labelsFile, lines.size(), indicatorFile, nodeCount, "node");
            long[] raw = new long[nodeCount];
            TreeMap<Long, Integer> index = new TreeMap<>();
            for (int i = 0; i < nodeCount; i++) {
                // Some sets give several labels per node; the first is the chemical element or type.
                raw[i] = parseInteger(labelsFile, i, lines.get(i).split(",")[0]);
                index.put(raw[i], 0);
            }
            int k = 0;
            for (Long key : index.keySet()) {
                index.put(key, k++);
            }
            labelCount = k;
            oneHot = new int[nodeCount];
            for (int i = 0; i < nodeCount; i++) {
                oneHot[i] = index.get(raw[i]);
            }
        }
        float[][] attributes = null;
        int attributeCount = 0;
        if (Files.isRegularFile(attributesFile)) {
            List<String> lines = lines(attributesFile);
            requireSameCount(attributesFile, lines.size(), indicatorFile, nodeCount, "node");
            attributes = new float[nodeCount][];
            for (int i = 0; i < nodeCount; i++) {
                String[] parts = lines.get(i).split(",");
                if (i > 0 && parts.length != attributeCount) {
                    throw new DatasetException(where(attributesFile, i) + "expected " + attributeCount
                            + " attributes as on line 1 but found " + parts.length);
                }
                attributeCount = parts.length;
                attributes[i] = new float[parts.length];
                for (int k = 0; k < parts.length; k++) {
                    attributes[i][k] = parseReal(attributesFile, i, parts[k]);
                }
            }
        }
        int width = Math.max(1, labelCount + attributeCount);
        float[][] features = new float[nodeCount][width];
        for (int i = 0; i < nodeCount; i++) {
            if (oneHot != null) {
                features[i][oneHot[i]] = 1f;
            }
            if (attributes != null) {
                System.arraycopy(attributes[i], 0, features[i], labelCount, attributeCount);
            }
            if (oneHot == null && attributes == null) {
                features[i][0] = 1f;
            }
        }
        return features;
    }

    private static void requireSameCount(Path file, int count, Path reference, int expected, String what) {
        if (count != expected) {
            throw new DatasetException(file + " has " + count + " lines but " + reference.getFileName() + " has "
                    + expected + " (one per " + what + ")");
        }
    }

    /** Reads the lines, dropping trailing blank lines; a blank line inside the file is an error. */
    private static List<String> lines(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new DatasetException(file + ": file missing", e);
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        int end = lines.size();
        while (end > 0 && lines.get(end - 1).isBlank()) {
            end--;
        }
        lines = lines.subList(0, end);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                throw new DatasetException(where(file, i) + "empty line");
            }
        }
        if (lines.isEmpty()) {
            throw new DatasetException(file + ": file is empty");
        }
        return lines;
    }

    private static long parseInteger(Path file, int line, String text) {
        String t = text.trim();
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            try {
                double d = Double.parseDouble(t);
                if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                    return (long) d;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new DatasetException(where(file, line) + "expected an integer but found '" + t + "'");
        }
    }

    private static float parseReal(Path file, int line, String text) {
        String t = text.trim();
        try {
            float v = Float.parseFloat(t);
            if (!Float.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new DatasetException(where(file, line) + "expected a finite number but found '" + t + "'");
        }
    }

    private static String where(Path file, int zeroBasedLine) {
        return file + ":" + (zeroBasedLine + 1) + ": ";
    }
}
