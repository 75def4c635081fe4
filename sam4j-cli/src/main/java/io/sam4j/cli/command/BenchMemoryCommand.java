package io.sam4j.cli.command;

import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sam4j.cli.UserError;
import io.sam4j.core.train.TrainingStep;
import io.sam4j.core.util.ProcessMemory;
import io.sam4j.zoo.model.ModelSpec;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sam4j bench memory MODEL}: one configuration's steps, then this process's peak resident set size
 * (VmHWM). Peak RSS is only meaningful per process, so each configuration runs in its own.
 */
@Command(
        name = "memory",
        footerHeading = "%nExamples:%n",
        footer = {"  sam4j bench memory wrn-16-4", "  sam4j bench memory wrn-16-4 --sam none --json rss-sgd.json"},
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Run one model's SAM (or SGD) steps on a synthetic batch, then print this process's peak RSS.",
            "Run it once per configuration: the peak belongs to the process."
        })
public final class BenchMemoryCommand implements Callable<Integer> {

    @Parameters(paramLabel = "MODEL", description = "The model to run.")
    String model;

    @Option(names = "--sam", paramLabel = "sam|none", description = "sam (SAM step) or none (SGD step) (default: sam).")
    String sam = "sam";

    @Option(names = "--rho", description = "SAM's rho (default: 0.05).")
    double rho = 0.05;

    @Mixin
    BenchOptions bench = new BenchOptions(3, 10);

    @Override
    public Integer call() throws IOException {
        Shape shape = bench.validate();
        BenchModel.checkRho(rho);
        String method = sam.trim().toLowerCase(Locale.ROOT);
        if (!method.equals("sam") && !method.equals("none")) {
            throw new UserError("--sam must be sam or none but was '" + sam + "'");
        }
        ModelSpec spec = BenchModel.resolve(model);
        double[] ms = new double[bench.steps];
        long parameters;
        OptionalLong setupRss;
        try (BenchModel setup = new BenchModel(bench, spec, shape, rho)) {
            parameters = setup.parameterCount;
            // What the engine, the JVM, the model and the batch hold before any step.
            setupRss = kib(ProcessMemory.residentBytes());
            TrainingStep step = method.equals("sam") ? setup.sam : setup.sgd;
            long stepSeed = bench.seed();
            for (int i = 0; i < bench.warmup + bench.steps; i++) {
                double t = BenchModel.time(step, setup.batch, ++stepSeed);
                if (i >= bench.warmup) {
                    ms[i - bench.warmup] = t;
                }
            }
        }
        OptionalLong hwm = kib(ProcessMemory.peakResidentBytes());
        double median = BenchOptions.median(ms);
        String rss = hwm.isPresent()
                ? String.format(Locale.ROOT, "%,d MiB (%.2f GB)", hwm.getAsLong() / 1024, hwm.getAsLong() * 1024 / 1e9)
                : "unknown (no /proc/self/status)";
        System.out.printf(
                Locale.ROOT,
                "bench memory %s --sam %s: batch %d, input %s, %d threads, %d steps: "
                        + "peak RSS %s (%s MiB before the first step), median %.1f ms/step, max heap %d MiB%n",
                spec.name(),
                method,
                bench.batchSize,
                bench.input,
                bench.engine.threads(),
                bench.warmup + bench.steps,
                rss,
                setupRss.isPresent() ? String.format(Locale.ROOT, "%,d", setupRss.getAsLong() / 1024) : "?",
                median,
                Runtime.getRuntime().maxMemory() >> 20);
        ObjectNode root = bench.header(shape);
        root.put("rho", rho);
        ObjectNode r = root.putObject("rss");
        r.put("model", spec.name());
        r.put("sam", method);
        r.put("params", parameters);
        r.put("steps", bench.warmup + bench.steps);
        if (hwm.isPresent()) {
            r.put("peak_rss_kib", hwm.getAsLong());
        }
        if (setupRss.isPresent()) {
            r.put("rss_before_steps_kib", setupRss.getAsLong());
        }
        r.set("ms", BenchOptions.array(ms));
        r.put("ms_median", BenchOptions.round(median));
        r.put("max_heap_mib", Runtime.getRuntime().maxMemory() >> 20);
        r.put(
                "java_options",
                String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        String arenas = System.getenv("MALLOC_ARENA_MAX");
        r.put("malloc_arena_max", arenas == null ? "" : arenas);
        bench.writeJson(root);
        return 0;
    }

    private static OptionalLong kib(OptionalLong bytes) {
        return bytes.isPresent() ? OptionalLong.of(bytes.getAsLong() / 1024) : OptionalLong.empty();
    }
}
