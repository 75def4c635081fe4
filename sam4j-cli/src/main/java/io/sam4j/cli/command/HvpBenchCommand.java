package io.sam4j.cli.command;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sam4j.analysis.hessian.EvalLoss;
import io.sam4j.analysis.hessian.HessianOperator;
import io.sam4j.analysis.hessian.Vectors;
import io.sam4j.cli.UserError;
import io.sam4j.cli.spec.ConfigFiles;
import io.sam4j.core.loss.SmoothedCrossEntropy;
import io.sam4j.core.train.ArrayBatch;
import io.sam4j.core.train.ModelParameters;
import io.sam4j.zoo.model.ModelCatalog;
import io.sam4j.zoo.model.ModelOptions;
import io.sam4j.zoo.model.ModelSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.DoubleSupplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sam4j bench hvp}: the cost of one Hessian-vector product in gradients.
 *
 * <p>Times {@link EvalLoss#gradient()} against two kinds of Hessian-vector product on one model and
 * one synthetic batch: from scratch ({@link EvalLoss#hessianVectorProduct}: forward, gradient with
 * graph, second backward) and with the gradient's graph kept ({@link EvalLoss#openHessian()}: the
 * second backward only, what the eigen-solvers pay for all but their first product). The three are
 * interleaved, rotating which goes first so that machine noise hits all alike; the ratio of the
 * medians is a product's cost in gradient computations (all in evaluation mode, all including the
 * copies between Java vectors and tensors).
 */
@Command(
        name = "hvp",
        footerHeading = "%nExamples:%n",
        footer = {"  sam4j bench hvp", "  sam4j bench hvp --models cnn,wrn-16-4 --steps 7"},
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Time Hessian-vector products against gradients on a synthetic batch.",
            "Default: cnn and wrn-16-4 at batch 128 on 3x32x32 inputs, 2 threads."
        })
public final class HvpBenchCommand implements Callable<Integer> {

    @Mixin
    OutputOptions output;

    @Option(
            names = "--models",
            split = ",",
            paramLabel = "NAME",
            description = "Models to time (default: cnn,wrn-16-4).")
    List<String> models = new ArrayList<>(List.of("cnn", "wrn-16-4"));

    @Option(names = "--batch-size", paramLabel = "N", description = "Examples per batch (default: 128).")
    int batchSize = 128;

    @Option(names = "--input", paramLabel = "CxHxW", description = "Input shape (default: 3x32x32).")
    String input = "3x32x32";

    @Option(names = "--classes", paramLabel = "K", description = "Number of classes (default: 10).")
    int classes = 10;

    @Option(names = "--warmup", paramLabel = "N", description = "Untimed rounds first (default: 2).")
    int warmup = 2;

    @Option(
            names = "--steps",
            paramLabel = "N",
            description = "Timed rounds, one gradient and one product each (default: 7).")
    int steps = 7;

    @Option(names = "--threads", paramLabel = "N", description = "PyTorch intra-op threads (default: 2).")
    int threads = 2;

    @Option(names = "--seed", description = "Seed of the model, batch and direction (default: 0).")
    long seed;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON to FILE.")
    Path json;

    @Override
    public Integer call() throws IOException {
        Shape shape = ModelsCommand.ListModels.parseShape(input);
        for (Object[] check : new Object[][] {
            {"--batch-size", batchSize, 1},
            {"--classes", classes, 1},
            {"--warmup", warmup, 0},
            {"--steps", steps, 1},
            {"--threads", threads, 1}
        }) {
            if ((int) check[1] < (int) check[2]) {
                throw new UserError(check[0] + " must be >= " + check[2] + " but was " + check[1]);
            }
        }
        ModelCatalog catalog = ModelCatalog.standard();
        List<ModelSpec> specs = new ArrayList<>();
        for (String name : models) {
            try {
                specs.add(catalog.resolve(name));
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
        }
        System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        System.out.printf(
                Locale.ROOT,
                "bench hvp: batch %d, input %s, %d threads, %d warm-up + %d timed rounds, "
                        + "eval-mode gradient vs Hessian-vector products (double backward) from scratch and on kept graphs, interleaved%n",
                batchSize,
                input,
                threads,
                warmup,
                steps);
        System.out.printf(
                Locale.ROOT,
                "%-10s %12s %10s %12s %10s %14s %10s%n",
                "model",
                "params",
                "grad ms",
                "Hv ms scratch",
                "/grad",
                "Hv ms retained",
                "/grad");
        ObjectNode root = ConfigFiles.JSON.createObjectNode();
        root.put("date", OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString());
        root.put("batch_size", batchSize);
        root.put("input", input);
        root.put("threads", threads);
        root.put("warmup", warmup);
        root.put("steps", steps);
        root.put("cpus", Runtime.getRuntime().availableProcessors());
        root.put("java", System.getProperty("java.version"));
        ArrayNode results = root.putArray("results");
        for (ModelSpec spec : specs) {
            try (NDManager manager = NDManager.newBaseManager()) {
                Block block = catalog.build(spec, shape, classes, ModelOptions.DEFAULTS);
                Engine.getInstance().setRandomSeed(Long.hashCode(seed));
                block.initialize(manager, DataType.FLOAT32, new Shape(1, shape.get(0), shape.get(1), shape.get(2)));
                EvalLoss loss = EvalLoss.builder()
                        .setBlock(block)
                        .setParameters(ModelParameters.of(block))
                        .setLoss(new SmoothedCrossEntropy(0))
                        .setBatches(List.of(batch(shape)))
                        .setManager(manager)
                        .build();
                float[] v = Vectors.gaussian(loss.dimension(), new SplittableRandom(seed));
                double[][] ms = new double[3][steps];
                try (HessianOperator retained = loss.openHessian()) {
                    List<DoubleSupplier> timed = List.of(
                            () -> time(loss::gradient),
                            () -> time(() -> loss.hessianVectorProduct(v)),
                            () -> time(() -> retained.apply(v)));
                    for (int i = 0; i < warmup + steps; i++) {
                        for (int k = 0; k < 3; k++) {
                            int which = (i + k) % 3;
                            double elapsed = timed.get(which).getAsDouble();
                            if (i >= warmup) {
                                ms[which][i - warmup] = elapsed;
                            }
                        }
                    }
                    double grad = BenchCommand.median(ms[0]);
                    double scratch = BenchCommand.median(ms[1]);
                    double kept = BenchCommand.median(ms[2]);
                    System.out.printf(
                            Locale.ROOT,
                            "%-10s %,12d %10.1f %12.1f %10.3f %14.1f %10.3f%n",
                            spec.name(),
                            loss.dimension(),
                            grad,
                            scratch,
                            scratch / grad,
                            kept,
                            kept / grad);
                    ObjectNode r = results.addObject();
                    r.put("model", spec.name());
                    r.put("params", loss.dimension());
                    r.put("grad_ms_median", grad);
                    r.put("hvp_ms_median", scratch);
                    r.put("hvp_grad_ratio", scratch / grad);
                    r.put("retained_hvp_ms_median", kept);
                    r.put("retained_hvp_grad_ratio", kept / grad);
                    r.put("retained_graphs", retained.retainedGraphs());
                    if (retained.graphBytes().isPresent()) {
                        r.put("graph_bytes", retained.graphBytes().getAsLong());
                    }
                    String[] keys = {"grad_ms", "hvp_ms", "retained_hvp_ms"};
                    for (int k = 0; k < 3; k++) {
                        ArrayNode a = r.putArray(keys[k]);
                        for (double x : ms[k]) {
                            a.add(x);
                        }
                    }
                }
            }
        }
        if (json != null) {
            Path parent = json.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(
                    json, ConfigFiles.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
        }
        return 0;
    }

    private ArrayBatch batch(Shape shape) {
        Random random = new Random(seed);
        float[] data = new float[Math.toIntExact(batchSize * shape.size())];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) random.nextGaussian();
        }
        int[] labels = new int[batchSize];
        for (int i = 0; i < batchSize; i++) {
            labels[i] = random.nextInt(classes);
        }
        return new ArrayBatch(data, new long[] {batchSize, shape.get(0), shape.get(1), shape.get(2)}, labels);
    }

    private static double time(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1e6;
    }
}
