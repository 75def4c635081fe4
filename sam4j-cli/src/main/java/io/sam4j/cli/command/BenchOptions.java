package io.sam4j.cli.command;

import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sam4j.cli.UserError;
import io.sam4j.cli.spec.ConfigFiles;
import io.sam4j.core.train.ArrayBatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Random;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What every {@code sam4j bench} subcommand shares: the synthetic batch's shape and size, warm-up and timed
 * rounds, the engine and seed, the JSON file; and the helpers that make its figures (the synthetic batch,
 * the median, the JSON header and file). A subcommand passes its own defaults for the rounds.
 */
final class BenchOptions {

    @Option(names = "--batch-size", paramLabel = "N", description = "Examples per batch (default: 128).")
    int batchSize = 128;

    @Option(names = "--input", paramLabel = "CxHxW", description = "Input shape (default: 3x32x32).")
    String input = "3x32x32";

    @Option(names = "--classes", paramLabel = "K", description = "Number of classes (default: 10).")
    int classes = 10;

    @Option(names = "--warmup", paramLabel = "N", description = "Untimed rounds first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--steps", paramLabel = "N", description = "Timed rounds (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON to FILE.")
    Path json;

    @Mixin
    OutputOptions output;

    @Mixin
    EngineOptions engine;

    @Mixin
    SeedOption seed;

    BenchOptions() {
        this(3, 10);
    }

    /** Options whose rounds default to {@code warmup} untimed and {@code steps} timed. */
    BenchOptions(int warmup, int steps) {
        this.warmup = warmup;
        this.steps = steps;
    }

    /**
     * Checks the shared values, makes PyTorch use the threads, and returns the input shape.
     *
     * @throws UserError naming the first flag out of range
     */
    Shape validate() {
        Shape shape = ModelsCommand.ListModels.parseShape(input);
        atLeast("--batch-size", batchSize, 1);
        atLeast("--classes", classes, 1);
        atLeast("--warmup", warmup, 0);
        atLeast("--steps", steps, 1);
        engine.apply();
        return shape;
    }

    /** Returns the seed of the model, batch and random draws (0 unless given). */
    long seed() {
        return seed.orElse(0);
    }

    /** Returns {@code batchSize} Gaussian examples of {@code shape} with uniform labels, from the seed. */
    ArrayBatch syntheticBatch(Shape shape) {
        Random random = new Random(seed());
        float[] data = new float[Math.toIntExact(batchSize * shape.size())];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) random.nextGaussian();
        }
        int[] labels = new int[batchSize];
        for (int i = 0; i < batchSize; i++) {
            labels[i] = random.nextInt(classes);
        }
        long[] dims = new long[shape.dimension() + 1];
        dims[0] = batchSize;
        System.arraycopy(shape.getShape(), 0, dims, 1, shape.dimension());
        return new ArrayBatch(data, dims, labels);
    }

    /** Returns the JSON document's header: date, settings and machine. */
    ObjectNode header(Shape shape) {
        ObjectNode root = ConfigFiles.JSON.createObjectNode();
        root.put("date", OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString());
        root.put("batch_size", batchSize);
        root.put("input", shape.get(0) + "x" + shape.get(1) + "x" + shape.get(2));
        root.put("classes", classes);
        root.put("threads", engine.threads());
        root.put("warmup", warmup);
        root.put("steps", steps);
        root.put("seed", seed());
        root.put("cpus", Runtime.getRuntime().availableProcessors());
        root.put("java", System.getProperty("java.version"));
        return root;
    }

    /** Writes {@code root} to the {@code --json} file, if one was given. */
    void writeJson(ObjectNode root) throws IOException {
        if (json == null) {
            return;
        }
        Path parent = json.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(
                json, ConfigFiles.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
    }

    /** Returns images per second at {@code msPerStep} for one batch. */
    double imagesPerSecond(double msPerStep) {
        return batchSize * 1000.0 / msPerStep;
    }

    /** Returns the median (the mean of the middle two for an even count). */
    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Rounds to one decimal, for the JSON. */
    static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    /** Returns the values, rounded to one decimal, as a JSON array. */
    static ArrayNode array(double[] values) {
        ArrayNode a = ConfigFiles.JSON.createArrayNode();
        for (double v : values) {
            a.add(round(v));
        }
        return a;
    }

    /** Returns the milliseconds {@code work} took. */
    static double time(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1e6;
    }

    static void atLeast(String flag, long value, long min) {
        if (value < min) {
            throw new UserError(flag + " must be >= " + min + " but was " + value);
        }
    }
}
