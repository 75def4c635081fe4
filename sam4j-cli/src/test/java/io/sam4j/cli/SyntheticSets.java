package io.sam4j.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/** Writes small, learnable data sets in the official file formats. */
final class SyntheticSets {

    private SyntheticSets() {}

    /**
     * Writes {@code root/mitbih/mitbih_train.csv} and {@code mitbih_test.csv}: beats of 187 samples in
     * [0, 1] whose class c in 0..4 sets a sine of 3(c + 1) cycles (random phase, amplitude and noise).
     */
    static void writeHeartbeats(Path root, int trainRows, int testRows, long seed) throws IOException {
        Path dir = Files.createDirectories(root.resolve("mitbih"));
        SplittableRandom random = new SplittableRandom(seed);
        writeBeats(dir.resolve("mitbih_train.csv"), trainRows, random);
        writeBeats(dir.resolve("mitbih_test.csv"), testRows, random);
    }

    private static void writeBeats(Path file, int rows, SplittableRandom random) throws IOException {
        try (Writer out = Files.newBufferedWriter(file)) {
            for (int r = 0; r < rows; r++) {
                int cls = r % 5;
                double phase = random.nextDouble() * 2 * Math.PI;
                double amplitude = 0.25 + 0.2 * random.nextDouble();
                StringBuilder line = new StringBuilder();
                for (int k = 0; k < 187; k++) {
                    double v = 0.5
                            + amplitude * Math.sin(2 * Math.PI * 3 * (cls + 1) * k / 187.0 + phase)
                            + 0.05 * (random.nextDouble() - 0.5);
                    line.append(String.format(Locale.ROOT, "%.18e,", Math.min(1, Math.max(0, v))));
                }
                out.write(line.append(String.format(Locale.ROOT, "%.18e", (double) cls))
                        .append('\n')
                        .toString());
            }
        }
    }

    /**
     * Writes TU dataset {@code root/NAME/}: random trees of 5 to 12 nodes with node labels 0, 1, 2;
     * graphs of class "1" draw label 2 with probability 0.6, graphs of class "-1" with 0.1.
     */
    static void writeGraphs(Path root, String name, int graphs, long seed) throws IOException {
        Path dir = Files.createDirectories(root.resolve(name));
        SplittableRandom random = new SplittableRandom(seed);
        List<String> edges = new ArrayList<>();
        List<String> indicator = new ArrayList<>();
        List<String> nodeLabels = new ArrayList<>();
        List<String> graphLabels = new ArrayList<>();
        int offset = 0;
        for (int g = 1; g <= graphs; g++) {
            boolean positive = g % 2 == 0;
            int n = 5 + random.nextInt(8);
            for (int i = 0; i < n; i++) {
                indicator.add(Integer.toString(g));
                nodeLabels.add(
                        random.nextDouble() < (positive ? 0.6 : 0.1) ? "2" : Integer.toString(random.nextInt(2)));
                if (i > 0) {
                    int parent = offset + 1 + random.nextInt(i);
                    edges.add((offset + 1 + i) + ", " + parent);
                    edges.add(parent + ", " + (offset + 1 + i));
                }
            }
            graphLabels.add(positive ? "1" : "-1");
            offset += n;
        }
        Files.write(dir.resolve(name + "_A.txt"), edges);
        Files.write(dir.resolve(name + "_graph_indicator.txt"), indicator);
        Files.write(dir.resolve(name + "_node_labels.txt"), nodeLabels);
        Files.write(dir.resolve(name + "_graph_labels.txt"), graphLabels);
    }
}
