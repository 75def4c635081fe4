package io.sam4j.cli.command;

import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sam4j.cli.UserError;
import io.sam4j.cli.run.MethodTiming;
import io.sam4j.core.sam.SamMethod;
import io.sam4j.core.sam.SamMethods;
import io.sam4j.core.train.WeightDecay;
import io.sam4j.core.util.Suggestions;
import io.sam4j.zoo.model.ModelSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sam4j bench methods}: the training-step methods side by side, one step of each per round in
 * rotating order ({@link MethodTiming}), with each one's mean time, its ratio to the base step and that
 * ratio over the forward-backward passes it ran.
 */
@Command(
        name = "methods",
        footerHeading = "%nExamples:%n",
        footer = {
            "  sam4j bench methods all --models cnn --steps 60",
            "  sam4j bench methods sam looksam --models wrn-16-4 --batch-size 64"
        },
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Time training-step methods side by side against the base step on a synthetic batch.",
            "The base step 'none' is always included; see 'sam4j methods list'."
        })
public final class BenchMethodsCommand implements Callable<Integer> {

    @Parameters(
            paramLabel = "METHOD",
            arity = "1..*",
            description = "Methods to time, or 'all' (comma- or space-separated).",
            split = ",")
    List<String> methods = new ArrayList<>();

    @Option(
            names = "--models",
            split = ",",
            paramLabel = "NAME",
            description = "Models to time, comma-separated (default: mlp,cnn,wrn-16-4).")
    List<String> models = new ArrayList<>(BenchStepsCommand.DEFAULT_MODELS);

    @Option(names = "--rho", description = "rho of every method that has one (default: 0.05).")
    double rho = 0.05;

    @Mixin
    BenchOptions bench = new BenchOptions(3, 10);

    @Override
    public Integer call() throws IOException {
        Shape shape = bench.validate();
        BenchModel.checkRho(rho);
        List<SamMethod> chosen = chosenMethods();
        List<ModelSpec> specs = models.stream().map(BenchModel::resolve).toList();
        System.out.printf(
                Locale.ROOT,
                "bench methods: batch %d, input %s, %d threads, %d warm-up + %d timed rounds, one step of each"
                        + " method per round in rotating order, SGD (momentum %.1f, lr %.1f, L2 %.0e), rho %s%n",
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
                "%-10s %-10s %10s %10s %9s %8s %8s %9s%n",
                "model",
                "method",
                "mean ms",
                "median ms",
                "x base",
                "theory",
                "passes",
                "x passes");
        ObjectNode root = bench.header(shape);
        root.put("rho", rho);
        ArrayNode results = root.putArray("methods");
        for (ModelSpec spec : specs) {
            try (BenchModel model = new BenchModel(bench, spec, shape, rho)) {
                List<MethodTiming.Result> timed = MethodTiming.run(
                        chosen,
                        Map.of("rho", rho),
                        model.pass,
                        model::optimizer,
                        new WeightDecay(BenchModel.WEIGHT_DECAY),
                        model.manager,
                        model.batch,
                        bench.warmup,
                        bench.steps,
                        bench.seed(),
                        (method, why) -> System.out.printf(
                                Locale.ROOT, "%-10s %-10s left out: %s%n", spec.name(), method.name(), why));
                double base = timed.get(0).mean();
                for (MethodTiming.Result r : timed) {
                    double ratio = r.mean() / base;
                    // Measured cost over the cost of the passes the timed steps ran (the base step runs
                    // one per step): 1 is the theory, whatever the stochastic methods' draws gave.
                    double ofPasses = ratio / r.passes();
                    double median = BenchOptions.median(r.ms());
                    System.out.printf(
                            Locale.ROOT,
                            "%-10s %-10s %10.1f %10.1f %9.3f %8.2f %8.2f %9.3f%n",
                            spec.name(),
                            r.method().name(),
                            r.mean(),
                            median,
                            ratio,
                            r.passesTheory(),
                            r.passes(),
                            ofPasses);
                    ObjectNode row = results.addObject();
                    row.put("model", spec.name());
                    row.put("method", r.method().name());
                    row.put("ms_mean", BenchOptions.round(r.mean()));
                    row.put("ms_median", BenchOptions.round(median));
                    row.put("ratio_to_base", Math.round(ratio * 1000) / 1000.0);
                    row.put("passes_theory", r.passesTheory());
                    row.put("passes", r.passes());
                    row.put("ratio_to_passes", Math.round(ofPasses * 1000) / 1000.0);
                    row.set("ms", BenchOptions.array(r.ms()));
                }
            }
        }
        bench.writeJson(root);
        return 0;
    }

    private List<SamMethod> chosenMethods() {
        List<SamMethod> chosen = new ArrayList<>(List.of(SamMethods.named("none")));
        List<String> names =
                methods.size() == 1 && methods.get(0).trim().equalsIgnoreCase("all") ? SamMethods.names() : methods;
        for (String name : names) {
            String key = name.trim().toLowerCase(Locale.ROOT);
            if (!SamMethods.names().contains(key)) {
                throw new UserError("unknown method '" + name + "'" + Suggestions.didYouMean(name, SamMethods.names())
                        + "; see 'sam4j methods list'");
            }
            SamMethod method = SamMethods.named(key);
            if (!chosen.contains(method)) {
                chosen.add(method);
            }
        }
        return chosen;
    }
}
