package io.sam4j.report.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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

    /** Every setting train records, at its default, as the demo's SGD run has them. */
    public static Map<String, Object> defaults() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("dataset", "fashion-mnist");
        c.put("train-limit", 2000);
        c.put("test-limit", 1000);
        c.put("label-noise", 0.4);
        c.put("batch-size", 128);
        c.put("model", "cnn");
        c.put("optimizer", "sgd");
        c.put("lr", 0.05);
        c.put("weight-decay", 5.0E-4);
        c.put("epochs", 15);
        c.put("sam", "none");
        c.put("rho", 0.05);
        c.put("m", 0);
        c.put("eta", 0.01);
        c.put("p", 0.5);
        c.put("k", 5);
        c.put("looksam-alpha", 0.7);
        c.put("sam-start", 0.9);
        c.put("ae-delta", 0.9);
        c.put("ae-lambda-start", -1.0);
        c.put("ae-lambda-end", 1.0);
        c.put("esam-beta", 0.6);
        c.put("esam-gamma", 0.5);
        c.put("gsam-alpha", 0.1);
        c.put("fsam-sigma", 1.0);
        c.put("fsam-lambda", 0.9);
        c.put("threads", 2);
        return c;
    }

    /**
     * Writes a run as train does: config.json with {@code settings} over the defaults and the data
     * provenance (train and test examples, label noise), and 15 epochs ending at {@code testAccuracy}.
     */
    public static Path writeTrainRun(Path dir, long seed, double testAccuracy, Object... settings) {
        Map<String, Object> c = defaults();
        for (int i = 0; i < settings.length; i += 2) {
            c.put((String) settings[i], settings[i + 1]);
        }
        c.put("seed", seed);
        String config = c.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\":"
                        + (e.getValue() instanceof String s
                                ? "\"" + s + "\""
                                : e.getValue().toString()))
                .collect(Collectors.joining(",", "{", "}"));
        String provenance = "{\"seed\":" + seed + ",\"data\":{\"train_examples\":" + c.get("train-limit")
                + ",\"test_examples\":" + c.get("test-limit") + ",\"label_noise_fraction\":" + c.get("label-noise")
                + "}}";
        try {
            Files.createDirectories(dir);
            Files.writeString(
                    dir.resolve("config.json"), "{\"config\":" + config + ",\"provenance\":" + provenance + "}");
            // 15 epochs as train logs them, the last ending at testAccuracy; SAM's ‖ε‖ is ρ on every step.
            double eps = "none".equals(c.get("sam")) ? 0 : ((Number) c.get("rho")).doubleValue();
            StringBuilder metrics = new StringBuilder();
            for (int e = 1; e <= 15; e++) {
                double accuracy = e == 15 ? testAccuracy : 0.5 + 0.01 * e;
                metrics.append(String.format(
                        java.util.Locale.ROOT,
                        "{\"epoch\":%d,\"train_loss\":%.4f,\"train_accuracy\":%.4f,\"test_loss\":%.4f,"
                                + "\"test_accuracy\":%s,\"lr\":%.5f,\"grad_norm\":%.4f,\"eps_norm\":%s,"
                                + "\"train_seconds\":%.3f,\"eval_seconds\":1.5}%n",
                        e,
                        2.0 / e,
                        Math.min(0.99, 0.4 + 0.04 * e),
                        1.0 + 0.01 * e,
                        accuracy,
                        0.05 * Math.cos(Math.PI * e / 30),
                        1.0 + 0.1 * e,
                        eps,
                        "none".equals(c.get("sam")) ? 10.0 + seed : 20.0 + seed));
            }
            Files.writeString(dir.resolve("metrics.jsonl"), metrics.toString());
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs shaped like sam4j demo's: SGD (which records the default ρ 0.05 it ignores) and SAM with ρ =
     * 0.1, seeds 1-3, 15 epochs each (the last at the given test accuracy) and a hessian.json with λmax.
     * Test errors: SGD 35.3, 32.5, 33.8% and SAM 27.5, 22.8, 27.1%; λmax: SGD 128, 110, 146 and SAM 77,
     * 60, 95.
     */
    public static Path writeDemoLikeRuns(Path dir) {
        double[] sgd = {0.647, 0.675, 0.662};
        double[] sam = {0.725, 0.772, 0.729};
        double[] sgdLambda = {128, 110, 146};
        double[] samLambda = {77, 60, 95};
        try {
            for (int s = 1; s <= 3; s++) {
                Path a = writeTrainRun(dir.resolve("sgd/seed-" + s), s, sgd[s - 1]);
                Files.writeString(a.resolve("hessian.json"), "{\"eigenvalues\":[" + sgdLambda[s - 1] + "]}");
                Path b = writeTrainRun(dir.resolve("sam/seed-" + s), s, sam[s - 1], "sam", "sam", "rho", 0.1);
                Files.writeString(b.resolve("hessian.json"), "{\"eigenvalues\":[" + samLambda[s - 1] + "]}");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }
}
