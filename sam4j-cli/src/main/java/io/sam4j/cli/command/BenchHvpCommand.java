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
import io.sam4j.core.loss.SmoothedCrossEntropy;
import io.sam4j.core.train.ModelParameters;
import io.sam4j.zoo.model.ModelCatalog;
import io.sam4j.zoo.model.ModelOptions;
import io.sam4j.zoo.model.ModelSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
public final class BenchHvpCommand implements Callable<Integer> {

    @Option(
            names = "--models",
            split = ",",
            paramLabel = "NAME",
            description = "Models to time (default: cnn,wrn-16-4).")
    List<String> models = new ArrayList<>(List.of("cnn", "wrn-16-4"));

    @Mixin
    BenchOptions bench = new BenchOptions(2, 7);

    @Override
    public Integer call() throws IOException {
        Shape shape = bench.validate();
        List<ModelSpec> specs = models.stream().map(BenchModel::resolve).toList();
        int batchSize = bench.batchSize;
        int warmup = bench.warmup;
        int steps = bench.steps;
        long seed = bench.seed();
        System.out.printf(
                Locale.ROOT,
                "bench hvp: batch %d, input %s, %d threads, %d warm-up + %d timed rounds, "
                        + "eval-mode gradient vs Hessian-vector products (double backward) from scratch and on kept graphs, interleaved%n",
                batchSize,
                bench.input,
                bench.engine.threads(),
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
        ObjectNode root = bench.header(shape);
        ArrayNode results = root.putArray("results");
        for (ModelSpec spec : specs) {
            try (NDManager manager = NDManager.newBaseManager(bench.engine.resolvedDevice())) {
                Block block = ModelCatalog.standard().build(spec, shape, bench.classes, ModelOptions.DEFAULTS);
                Engine.getInstance().setRandomSeed(Long.hashCode(seed));
                block.initialize(manager, DataType.FLOAT32, new Shape(1, shape.get(0), shape.get(1), shape.get(2)));
                EvalLoss loss = EvalLoss.builder()
                        .setBlock(block)
                        .setParameters(ModelParameters.of(block))
                        .setLoss(new SmoothedCrossEntropy(0))
                        .setBatches(List.of(bench.syntheticBatch(shape)))
                        .setManager(manager)
                        .build();
                float[] v = Vectors.gaussian(loss.dimension(), new SplittableRandom(seed));
                double[][] ms = new double[3][steps];
                try (HessianOperator retained = loss.openHessian()) {
                    List<DoubleSupplier> timed = List.of(
                            () -> BenchOptions.time(loss::gradient),
                            () -> BenchOptions.time(() -> loss.hessianVectorProduct(v)),
                            () -> BenchOptions.time(() -> retained.apply(v)));
                    for (int i = 0; i < warmup + steps; i++) {
                        for (int k = 0; k < 3; k++) {
                            int which = (i + k) % 3;
                            double elapsed = timed.get(which).getAsDouble();
                            if (i >= warmup) {
                                ms[which][i - warmup] = elapsed;
                            }
                        }
                    }
                    double grad = BenchOptions.median(ms[0]);
                    double scratch = BenchOptions.median(ms[1]);
                    double kept = BenchOptions.median(ms[2]);
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
        bench.writeJson(root);
        return 0;
    }
}
