package io.sam4j.report.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The checked-in run directories and helpers to copy and inspect them. */
public final class Fixtures {

    public static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {}

    /** Returns the folder of the six fixture runs (sgd-seed1..3, sam-seed1..3). */
    public static Path runs() {
        try {
            return Path.of(Fixtures.class.getResource("/fixtures/runs").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies a directory tree. */
    public static void copy(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns the last line of a run's metrics.jsonl. */
    public static JsonNode lastEpoch(Path run) {
        try {
            List<String> lines = new ArrayList<>(Files.readAllLines(run.resolve("metrics.jsonl")));
            lines.removeIf(String::isBlank);
            return JSON.readTree(lines.get(lines.size() - 1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns the final-epoch test error in percent of each named fixture run. */
    public static double[] testErrors(String... names) {
        double[] out = new double[names.length];
        for (int i = 0; i < names.length; i++) {
            out[i] = 100
                    * (1
                            - lastEpoch(runs().resolve(names[i]))
                                    .get("test_accuracy")
                                    .asDouble());
        }
        return out;
    }

    /** The mean, computed by hand. */
    public static double mean(double... v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    /** The sample standard deviation (n − 1), computed by hand. */
    public static double sd(double... v) {
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / (v.length - 1));
    }

    /** Writes a minimal run directory: config.json with {@code configJson} and the given metrics lines. */
    public static Path writeRun(Path dir, String configJson, String... metricsLines) {
        try {
            Files.createDirectories(dir);
            Files.writeString(
                    dir.resolve("config.json"), "{\"config\":" + configJson + ",\"provenance\":{\"seed\":1}}\n");
            if (metricsLines.length > 0) {
                Files.writeString(dir.resolve("metrics.jsonl"), String.join("\n", metricsLines) + "\n");
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
