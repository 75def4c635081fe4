package io.sam4j.cli.command;

import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sam4j.cli.UserError;
import io.sam4j.zoo.model.ModelSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sam4j bench steps}: a SAM step against a plain SGD step. Both share one model and one batch and
 * are timed interleaved in one process, alternating which goes first, so that machine noise hits both
 * alike; the ratio of their medians is SAM's overhead.
 */
@Command(
        name = "steps",
        footerHeading = "%nExamples:%n",
        footer = {"  sam4j bench steps", "  sam4j bench steps --models cnn,wrn-16-4 --batch-size 64 --json bench.json"},
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Time SAM steps against SGD steps on a synthetic batch, interleaved.",
            "Default: mlp, cnn and wrn-16-4 at batch 128 on 3x32x32 inputs (CIFAR's shape), 2 threads."
        })
public final class BenchStepsCommand implements Callable<Integer> {

    /** The default models: the small ones and the SAM paper's smallest CIFAR WideResNet. */
    static final List<String> DEFAULT_MODELS = List.of("mlp", "cnn", "wrn-16-4");

    @Option(
            names = "--models",
            split = ",",
            paramLabel = "NAME",
            description = "Models to time, comma-separated (default: mlp,cnn,wrn-16-4).")
    List<String> models = new ArrayList<>(DEFAULT_MODELS);

    @Option(names = "--rho", description = "SAM's rho (default: 0.05).")
    double rho = 0.05;

    @Mixin
    BenchOptions bench = new BenchOptions(3, 10);

    @Override
    public Integer call() throws IOException {
        Shape shape = bench.validate();
        BenchModel.checkRho(rho);
        if (models.isEmpty()) {
            throw new UserError("--models needs at least one name");
        }
        List<ModelSpec> specs = models.stream().map(BenchModel::resolve).toList();
        System.out.printf(
                Locale.ROOT,
                "bench steps: batch %d, input %s, %d threads, %d warm-up + %d timed steps each, "
                        + "SGD (momentum %.1f, lr %.1f, L2 %.0e) vs SAM (rho %s), interleaved%n",
                bench.batchSize,
                bench.input,
                bench.engine.threads(),
                bench.warmup,
                bench.steps,
                BenchModel.MOMENTUM,
                BenchModel.LR,
                BenchModel.WEIGHT_DECAY,
                rho);
        System.out.printf(
                Locale.ROOT,
                "%-10s %12s %10s %10s %8s %9s %9s%n",
                "model",
                "params",
                "SGD ms",
                "SAM ms",
                "SAM/SGD",
                "SGD img/s",
                "SAM img/s");
        ObjectNode root = bench.header(shape);
        root.put("rho", rho);
        ArrayNode results = root.putArray("results");
        for (ModelSpec spec : specs) {
            try (BenchModel model = new BenchModel(bench, spec, shape, rho)) {
                double[] sgdMs = new double[bench.steps];
                double[] samMs = new double[bench.steps];
                long stepSeed = bench.seed();
                for (int i = 0; i < bench.warmup + bench.steps; i++) {
                    // Alternate which goes first, so that neither always follows the other.
                    boolean sgdFirst = i % 2 == 0;
                    double a = BenchModel.time(sgdFirst ? model.sgd : model.sam, model.batch, ++stepSeed);
                    double b = BenchModel.time(sgdFirst ? model.sam : model.sgd, model.batch, ++stepSeed);
                    if (i >= bench.warmup) {
                        sgdMs[i - bench.warmup] = sgdFirst ? a : b;
                        samMs[i - bench.warmup] = sgdFirst ? b : a;
                    }
                }
                double sgdMedian = BenchOptions.median(sgdMs);
                double samMedian = BenchOptions.median(samMs);
                double ratio = samMedian / sgdMedian;
                System.out.printf(
                        Locale.ROOT,
                        "%-10s %,12d %10.1f %10.1f %8.3f %9.1f %9.1f%n",
                        spec.name(),
                        model.parameterCount,
                        sgdMedian,
                        samMedian,
                        ratio,
                        bench.imagesPerSecond(sgdMedian),
                        bench.imagesPerSecond(samMedian));
                ObjectNode r = results.addObject();
                r.put("model", spec.name());
                r.put("params", model.parameterCount);
                r.put("sgd_ms_median", BenchOptions.round(sgdMedian));
                r.put("sam_ms_median", BenchOptions.round(samMedian));
                r.put("sam_sgd_ratio", Math.round(ratio * 1000) / 1000.0);
                r.put("sgd_images_per_s", BenchOptions.round(bench.imagesPerSecond(sgdMedian)));
                r.put("sam_images_per_s", BenchOptions.round(bench.imagesPerSecond(samMedian)));
                r.set("sgd_ms", BenchOptions.array(sgdMs));
                r.set("sam_ms", BenchOptions.array(samMs));
            }
        }
        bench.writeJson(root);
        return 0;
    }
}
