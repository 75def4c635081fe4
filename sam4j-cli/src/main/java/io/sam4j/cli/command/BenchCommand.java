package io.sam4j.cli.command;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.optimizer.Optimizer;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sam4j.cli.UserError;
import io.sam4j.cli.run.MethodTiming;
import io.sam4j.cli.spec.ConfigFiles;
import io.sam4j.core.loss.SmoothedCrossEntropy;
import io.sam4j.core.optim.Optimizers;
import io.sam4j.core.sam.SamMethod;
import io.sam4j.core.sam.SamMethods;
import io.sam4j.core.sam.SharpnessAwareStep;
import io.sam4j.core.schedule.LearningRateSchedule;
import io.sam4j.core.train.ArrayBatch;
import io.sam4j.core.train.BaseStep;
import io.sam4j.core.train.GradientPass;
import io.sam4j.core.train.ModelParameters;
import io.sam4j.core.train.TrainingStep;
import io.sam4j.core.train.WeightDecay;
import io.sam4j.core.util.ProcessMemory;
import io.sam4j.core.util.Suggestions;
import io.sam4j.zoo.augment.AugmentationSpec;
import io.sam4j.zoo.data.Batch;
import io.sam4j.zoo.data.BatchIterator;
import io.sam4j.zoo.data.DataLoader;
import io.sam4j.zoo.data.ImageDataset;
import io.sam4j.zoo.model.ModelCatalog;
import io.sam4j.zoo.model.ModelOptions;
import io.sam4j.zoo.model.ModelSpec;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sam4j bench}: the cost of a SAM step against a plain SGD step on a synthetic batch.
 *
 * <p>Both steps share one model and one batch and are timed interleaved in one process, so that
 * machine noise hits both alike; the ratio of their medians is SAM's overhead. With {@code --rss}
 * it runs a single configuration and prints the process's peak resident set size instead, since
 * peak RSS is only meaningful per process.
 */
@Command(
        name = "bench",
        footerHeading = "%nExamples:%n",
        footer = {
            "  sam4j bench --models cnn,wrn-16-4 --batch-size 128",
            "  sam4j bench --methods all --models cnn --steps 20"
        },
        mixinStandardHelpOptions = true,
        sortOptions = false,
        subcommands = HvpBenchCommand.class,
        description = {
            "Time SAM steps against SGD steps on a synthetic batch, or measure peak RSS.",
            "Default: mlp, cnn and wrn-16-4 at batch 128 on 3x32x32 inputs (CIFAR's shape), 2 threads."
        })
public final class BenchCommand implements Callable<Integer> {

    /** The default models: the small ones and the SAM paper's smallest CIFAR WideResNet. */
    static final List<String> DEFAULT_MODELS = List.of("mlp", "cnn", "wrn-16-4");

    /** Optimizer settings shared by both steps (the SAM paper's CIFAR values). */
    static final double LR = 0.1;

    static final float MOMENTUM = 0.9f;
    static final float WEIGHT_DECAY = 5e-4f;

    @Mixin
    OutputOptions output;

    @Option(
            names = "--models",
            split = ",",
            paramLabel = "NAME",
            description = "Models to time, comma-separated (default: mlp,cnn,wrn-16-4).")
    List<String> models = new ArrayList<>(DEFAULT_MODELS);

    @Option(names = "--batch-size", paramLabel = "N", description = "Examples per step (default: 128).")
    int batchSize = 128;

    @Option(names = "--input", paramLabel = "CxHxW", description = "Input shape (default: 3x32x32).")
    String input = "3x32x32";

    @Option(names = "--classes", paramLabel = "K", description = "Number of classes (default: 10).")
    int classes = 10;

    @Option(names = "--warmup", paramLabel = "N", description = "Untimed steps of each kind first (default: 3).")
    int warmup = 3;

    @Option(names = "--steps", paramLabel = "N", description = "Timed steps of each kind (default: 10).")
    int steps = 10;

    @Option(names = "--threads", paramLabel = "N", description = "PyTorch intra-op threads (default: 2).")
    int threads = 2;

    @Option(names = "--rho", description = "SAM's rho (default: 0.05).")
    double rho = 0.05;

    @Option(names = "--seed", description = "Seed of the model and the synthetic batch (default: 0).")
    long seed;

    @Option(
            names = "--rss",
            paramLabel = "MODEL",
            description =
                    "Run only MODEL with the method of --sam for --warmup + --steps steps, then print this process's peak RSS (VmHWM).")
    String rssModel;

    @Option(
            names = "--sam",
            paramLabel = "sam|none",
            description = "With --rss: sam (SAM step) or none (SGD step); default sam.")
    String sam;

    @Option(
            names = "--methods",
            split = ",",
            paramLabel = "METHOD,...|all",
            description = "Time these training-step methods side by side instead (see 'sam4j methods list'; the base"
                    + " step 'none' is always included): mean ms per step and the ratio to the base step.")
    List<String> methods = new ArrayList<>();

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON to FILE.")
    Path json;

    // --- Loader mode (sam4j bench --loader AUGMENT) ---

    @Option(
            names = "--loader",
            paramLabel = "AUGMENT",
            description =
                    "Measure the data loader's images/s with this --augment list on synthetic --input images (1 and 2 workers), against the SAM step of --feed.")
    String loaderAugment;

    @Option(
            names = "--loader-images",
            paramLabel = "N",
            description = "With --loader: images per timed epoch (default: 5120).")
    int loaderImages = 5120;

    @Option(
            names = "--repeats",
            paramLabel = "N",
            description = "With --loader: timed epochs per worker count (default: 5).")
    int repeats = 5;

    @Option(
            names = "--feed",
            paramLabel = "MODEL|none",
            description =
                    "With --loader: the model whose SAM step the loader must feed (default: wrn-16-4; none to skip).")
    String feed = "wrn-16-4";

    @Override
    public Integer call() throws IOException {
        Shape shape = ModelsCommand.ListModels.parseShape(input);
        atLeast("--batch-size", batchSize, 1);
        atLeast("--classes", classes, 1);
        atLeast("--warmup", warmup, 0);
        atLeast("--steps", steps, 1);
        atLeast("--threads", threads, 1);
        if (!(rho >= 0) || Double.isInfinite(rho)) {
            throw new UserError("--rho must be >= 0 but was " + rho);
        }
        ModelCatalog catalog = ModelCatalog.standard();
        if (loaderAugment != null) {
            return loaderMode(catalog, shape);
        }
        if (rssModel == null) {
            if (sam != null) {
                throw new UserError("--sam only applies with --rss MODEL");
            }
            if (models.isEmpty()) {
                throw new UserError("--models needs at least one name");
            }
            List<ModelSpec> specs = new ArrayList<>();
            for (String name : models) {
                specs.add(resolve(catalog, name));
            }
            configureEngine();
            return methods.isEmpty() ? timeAll(catalog, specs, shape) : timeMethods(catalog, specs, shape);
        }
        String method = sam == null ? "sam" : sam.trim().toLowerCase(Locale.ROOT);
        if (!method.equals("sam") && !method.equals("none")) {
            throw new UserError("--sam must be sam or none but was '" + sam + "'");
        }
        ModelSpec spec = resolve(catalog, rssModel);
        configureEngine();
        return peakRss(catalog, spec, shape, method.equals("sam"));
    }

    /**
     * Loader mode: the loader's images/s alone (median of {@code --repeats} epochs, 1 and 2 workers), the SAM
     * step's images/s on a fixed batch, then SAM steps fed by the loader (1 worker) with the time each
     * {@code next()} waited, which is about 0 when the loader runs ahead of the step.
     */
    private int loaderMode(ModelCatalog catalog, Shape shape) throws IOException {
        AugmentationSpec augment;
        try {
            augment = AugmentationSpec.parse(loaderAugment);
        } catch (IllegalArgumentException e) {
            throw new UserError("--loader: " + e.getMessage());
        }
        atLeast("--loader-images", loaderImages, batchSize);
        atLeast("--repeats", repeats, 1);
        ModelSpec feedSpec = "none".equals(feed) ? null : resolve(catalog, feed);
        int c = (int) shape.get(0);
        int h = (int) shape.get(1);
        int w = (int) shape.get(2);
        ImageDataset data = LoaderThroughput.syntheticImages(loaderImages, c, h, w, seed);
        System.out.printf(
                Locale.ROOT,
                "bench --loader %s: %d synthetic %s images, batch %d, %d timed epochs "
                        + "after 1 warm-up, per worker count%n",
                augment,
                loaderImages,
                input,
                batchSize,
                repeats);
        ObjectNode root = header(shape);
        ObjectNode r = root.putObject("loader");
        r.put("augment", augment.toString());
        r.put("images", loaderImages);
        double oneWorker = 0;
        for (int workers : new int[] {1, 2}) {
            double[] rates = LoaderThroughput.epochs(
                    LoaderThroughput.loader(data, augment, batchSize, workers), repeats, seed + 1000L * workers);
            double median = median(rates);
            if (workers == 1) {
                oneWorker = median;
            }
            System.out.printf(
                    Locale.ROOT,
                    "loader, %d worker%s: median %.0f images/s (epochs: %s)%n",
                    workers,
                    workers == 1 ? "" : "s",
                    median,
                    Arrays.toString(Arrays.stream(rates).map(Math::round).toArray()));
            r.put("images_per_s_" + workers + "_worker" + (workers == 1 ? "" : "s"), round(median));
            r.set("epochs_images_per_s_" + workers + "_worker" + (workers == 1 ? "" : "s"), array(rates));
        }
        if (feedSpec != null) {
            configureEngine();
            feedSteps(catalog, feedSpec, shape, data, augment, oneWorker, r);
        }
        writeJson(root);
        return 0;
    }

    private void feedSteps(
            ModelCatalog catalog,
            ModelSpec spec,
            Shape shape,
            ImageDataset data,
            AugmentationSpec augment,
            double loaderRate,
            ObjectNode r) {
        try (Setup setup = new Setup(catalog, spec, shape)) {
            double[] alone = new double[steps];
            long stepSeed = seed;
            for (int i = 0; i < warmup + steps; i++) {
                double t = timeStep(setup.samStep, setup.batch, ++stepSeed);
                if (i >= warmup) {
                    alone[i - warmup] = t;
                }
            }
            double[] fedStep = new double[steps];
            double[] waited = new double[steps];
            DataLoader loader = LoaderThroughput.loader(data, augment, batchSize, 1);
            int i = 0;
            while (i < warmup + steps) {
                try (BatchIterator batches = loader.epoch(seed + i)) {
                    while (batches.hasNext() && i < warmup + steps) {
                        long t0 = System.nanoTime();
                        Batch b = batches.next();
                        double wait = (System.nanoTime() - t0) / 1e6;
                        double t = timeStep(setup.samStep, new ArrayBatch(b.data(), b.shape(), b.labels()), ++stepSeed);
                        if (i >= warmup) {
                            fedStep[i - warmup] = t;
                            waited[i - warmup] = wait;
                        }
                        i++;
                    }
                }
            }
            double aloneMs = median(alone);
            double samRate = imagesPerSecond(aloneMs);
            System.out.printf(
                    Locale.ROOT,
                    "%s SAM step, fixed batch: median %.1f ms = %.1f images/s; loader "
                            + "(1 worker) / SAM step = %.1fx%n",
                    spec.name(),
                    aloneMs,
                    samRate,
                    loaderRate / samRate);
            System.out.printf(
                    Locale.ROOT,
                    "%s SAM step fed by the loader (1 worker): median step %.1f ms, median "
                            + "wait for the next batch %.2f ms (max %.2f ms)%n",
                    spec.name(),
                    median(fedStep),
                    median(waited),
                    Arrays.stream(waited).max().orElse(0));
            r.put("feed_model", spec.name());
            r.put("sam_ms_median", round(aloneMs));
            r.put("sam_images_per_s", round(samRate));
            r.put("loader_over_sam", Math.round(loaderRate / samRate * 10) / 10.0);
            r.set("fed_sam_ms", array(fedStep));
            r.set("fed_wait_ms", array(waited));
        }
    }

    private static void atLeast(String flag, long value, long min) {
        if (value < min) {
            throw new UserError(flag + " must be >= " + min + " but was " + value);
        }
    }

    private static ModelSpec resolve(ModelCatalog catalog, String name) {
        try {
            return catalog.resolve(name);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }

    private void configureEngine() {
        // Read when the PyTorch engine loads; no effect if it already has (e.g. in tests).
        System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }

    /** One model, its synthetic batch and both steps over the same weights. */
    private final class Setup implements AutoCloseable {
        final NDManager manager = NDManager.newBaseManager();
        final long parameterCount;
        final ArrayBatch batch;
        final TrainingStep sgd;
        final TrainingStep samStep;
        final GradientPass pass;

        Setup(ModelCatalog catalog, ModelSpec spec, Shape shape) {
            try {
                Block block = catalog.build(spec, shape, classes, ModelOptions.DEFAULTS);
                Engine.getInstance().setRandomSeed(Long.hashCode(seed));
                block.initialize(manager, DataType.FLOAT32, new Shape(1, shape.get(0), shape.get(1), shape.get(2)));
                ModelParameters parameters = ModelParameters.of(block);
                parameterCount = parameters.trainableSize();
                batch = syntheticBatch(shape);
                pass = new GradientPass(block, parameters, new SmoothedCrossEntropy(0), manager);
                WeightDecay decay = new WeightDecay(WEIGHT_DECAY);
                sgd = BaseStep.builder()
                        .setPass(pass)
                        .setOptimizer(optimizer())
                        .setManager(manager)
                        .optWeightDecay(decay)
                        .build();
                samStep = SharpnessAwareStep.builder()
                        .setPass(pass)
                        .setOptimizer(optimizer())
                        .setManager(manager)
                        .optRho((float) rho)
                        .optWeightDecay(decay)
                        .build();
            } catch (RuntimeException e) {
                manager.close();
                throw e;
            }
        }

        private Optimizer optimizer() {
            return Optimizers.sgd()
                    .setLearningRate(LearningRateSchedule.constant(LR))
                    .optMomentum(MOMENTUM)
                    .build();
        }

        @Override
        public void close() {
            manager.close();
        }
    }

    private List<SamMethod> chosenMethods() {
        List<SamMethod> chosen = new ArrayList<>(List.of(SamMethods.named("none")));
        List<String> names =
                methods.size() == 1 && methods.get(0).trim().equalsIgnoreCase("all") ? SamMethods.names() : methods;
        for (String name : names) {
            String key = name.trim().toLowerCase(Locale.ROOT);
            if (!SamMethods.names().contains(key)) {
                throw new UserError("--methods: unknown method '" + name + "'"
                        + Suggestions.didYouMean(name, SamMethods.names()) + "; see 'sam4j methods list'");
            }
            SamMethod method = SamMethods.named(key);
            if (!chosen.contains(method)) {
                chosen.add(method);
            }
        }
        return chosen;
    }

    private int timeMethods(ModelCatalog catalog, List<ModelSpec> specs, Shape shape) throws IOException {
        List<SamMethod> chosen = chosenMethods();
        System.out.printf(
                Locale.ROOT,
                "bench --methods: batch %d, input %s, %d threads, %d warm-up + %d timed rounds, one step of each"
                        + " method per round in rotating order, SGD (momentum %.1f, lr %.1f, L2 %.0e), rho %s%n",
                batchSize,
                input,
                threads,
                warmup,
                steps,
                MOMENTUM,
                LR,
                WEIGHT_DECAY,
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
        ObjectNode root = header(shape);
        ArrayNode results = root.putArray("methods");
        for (ModelSpec spec : specs) {
            try (Setup setup = new Setup(catalog, spec, shape)) {
                List<MethodTiming.Result> timed = MethodTiming.run(
                        chosen,
                        Map.of("rho", rho),
                        setup.pass,
                        setup::optimizer,
                        new WeightDecay(WEIGHT_DECAY),
                        setup.manager,
                        setup.batch,
                        warmup,
                        steps,
                        seed,
                        (method, why) -> System.out.printf(
                                Locale.ROOT, "%-10s %-10s left out: %s%n", spec.name(), method.name(), why));
                double base = timed.get(0).mean();
                for (MethodTiming.Result r : timed) {
                    double ratio = r.mean() / base;
                    // Measured cost over the cost of the passes the timed steps ran (the base step runs
                    // one per step): 1 is the theory, whatever the stochastic methods' draws gave.
                    double ofPasses = ratio / r.passes();
                    System.out.printf(
                            Locale.ROOT,
                            "%-10s %-10s %10.1f %10.1f %9.3f %8.2f %8.2f %9.3f%n",
                            spec.name(),
                            r.method().name(),
                            r.mean(),
                            median(r.ms()),
                            ratio,
                            r.passesTheory(),
                            r.passes(),
                            ofPasses);
                    ObjectNode row = results.addObject();
                    row.put("model", spec.name());
                    row.put("method", r.method().name());
                    row.put("ms_mean", round(r.mean()));
                    row.put("ms_median", round(median(r.ms())));
                    row.put("ratio_to_base", Math.round(ratio * 1000) / 1000.0);
                    row.put("passes_theory", r.passesTheory());
                    row.put("passes", r.passes());
                    row.put("ratio_to_passes", Math.round(ofPasses * 1000) / 1000.0);
                    row.set("ms", array(r.ms()));
                }
            }
        }
        writeJson(root);
        return 0;
    }

    private ArrayBatch syntheticBatch(Shape shape) {
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

    private static double timeStep(TrainingStep step, ArrayBatch batch, long stepSeed) {
        long start = System.nanoTime();
        step.step(batch, stepSeed);
        return (System.nanoTime() - start) / 1e6;
    }

    private int timeAll(ModelCatalog catalog, List<ModelSpec> specs, Shape shape) throws IOException {
        System.out.printf(
                Locale.ROOT,
                "bench: batch %d, input %s, %d threads, %d warm-up + %d timed steps each, "
                        + "SGD (momentum %.1f, lr %.1f, L2 %.0e) vs SAM (rho %s), interleaved%n",
                batchSize,
                input,
                threads,
                warmup,
                steps,
                MOMENTUM,
                LR,
                WEIGHT_DECAY,
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
        ObjectNode root = header(shape);
        ArrayNode results = root.putArray("results");
        for (ModelSpec spec : specs) {
            try (Setup setup = new Setup(catalog, spec, shape)) {
                double[] sgdMs = new double[steps];
                double[] samMs = new double[steps];
                long stepSeed = seed;
                for (int i = 0; i < warmup + steps; i++) {
                    // Alternate which goes first, so that neither always follows the other.
                    boolean sgdFirst = i % 2 == 0;
                    double a = timeStep(sgdFirst ? setup.sgd : setup.samStep, setup.batch, ++stepSeed);
                    double b = timeStep(sgdFirst ? setup.samStep : setup.sgd, setup.batch, ++stepSeed);
                    if (i >= warmup) {
                        sgdMs[i - warmup] = sgdFirst ? a : b;
                        samMs[i - warmup] = sgdFirst ? b : a;
                    }
                }
                double sgdMedian = median(sgdMs);
                double samMedian = median(samMs);
                double ratio = samMedian / sgdMedian;
                System.out.printf(
                        Locale.ROOT,
                        "%-10s %,12d %10.1f %10.1f %8.3f %9.1f %9.1f%n",
                        spec.name(),
                        setup.parameterCount,
                        sgdMedian,
                        samMedian,
                        ratio,
                        imagesPerSecond(sgdMedian),
                        imagesPerSecond(samMedian));
                ObjectNode r = results.addObject();
                r.put("model", spec.name());
                r.put("params", setup.parameterCount);
                r.put("sgd_ms_median", round(sgdMedian));
                r.put("sam_ms_median", round(samMedian));
                r.put("sam_sgd_ratio", Math.round(ratio * 1000) / 1000.0);
                r.put("sgd_images_per_s", round(imagesPerSecond(sgdMedian)));
                r.put("sam_images_per_s", round(imagesPerSecond(samMedian)));
                r.set("sgd_ms", array(sgdMs));
                r.set("sam_ms", array(samMs));
            }
        }
        writeJson(root);
        return 0;
    }

    private int peakRss(ModelCatalog catalog, ModelSpec spec, Shape shape, boolean useSam) throws IOException {
        String method = useSam ? "sam" : "none";
        double[] ms = new double[steps];
        long parameters;
        OptionalLong setupRss;
        try (Setup setup = new Setup(catalog, spec, shape)) {
            parameters = setup.parameterCount;
            // What the engine, the JVM, the model and the batch hold before any step.
            setupRss = kib(ProcessMemory.residentBytes());
            TrainingStep step = useSam ? setup.samStep : setup.sgd;
            long stepSeed = seed;
            for (int i = 0; i < warmup + steps; i++) {
                double t = timeStep(step, setup.batch, ++stepSeed);
                if (i >= warmup) {
                    ms[i - warmup] = t;
                }
            }
        }
        OptionalLong hwm = kib(ProcessMemory.peakResidentBytes());
        double median = median(ms);
        String rss = hwm.isPresent()
                ? String.format(Locale.ROOT, "%,d MiB (%.2f GB)", hwm.getAsLong() / 1024, hwm.getAsLong() * 1024 / 1e9)
                : "unknown (no /proc/self/status)";
        System.out.printf(
                Locale.ROOT,
                "bench --rss %s --sam %s: batch %d, input %s, %d threads, %d steps: "
                        + "peak RSS %s (%s MiB before the first step), median %.1f ms/step, max heap %d MiB%n",
                spec.name(),
                method,
                batchSize,
                input,
                threads,
                warmup + steps,
                rss,
                setupRss.isPresent() ? String.format(Locale.ROOT, "%,d", setupRss.getAsLong() / 1024) : "?",
                median,
                Runtime.getRuntime().maxMemory() >> 20);
        ObjectNode root = header(shape);
        ObjectNode r = root.putObject("rss");
        r.put("model", spec.name());
        r.put("sam", method);
        r.put("params", parameters);
        r.put("steps", warmup + steps);
        if (hwm.isPresent()) {
            r.put("peak_rss_kib", hwm.getAsLong());
        }
        if (setupRss.isPresent()) {
            r.put("rss_before_steps_kib", setupRss.getAsLong());
        }
        r.set("ms", array(ms));
        r.put("ms_median", round(median));
        r.put("max_heap_mib", Runtime.getRuntime().maxMemory() >> 20);
        r.put(
                "java_options",
                String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        String arenas = System.getenv("MALLOC_ARENA_MAX");
        r.put("malloc_arena_max", arenas == null ? "" : arenas);
        writeJson(root);
        return 0;
    }

    private ObjectNode header(Shape shape) {
        ObjectNode root = ConfigFiles.JSON.createObjectNode();
        root.put("date", OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString());
        root.put("batch_size", batchSize);
        root.put("input", shape.get(0) + "x" + shape.get(1) + "x" + shape.get(2));
        root.put("classes", classes);
        root.put("threads", threads);
        root.put("warmup", warmup);
        root.put("steps", steps);
        root.put("rho", rho);
        root.put("seed", seed);
        root.put("cpus", Runtime.getRuntime().availableProcessors());
        root.put("java", System.getProperty("java.version"));
        return root;
    }

    private void writeJson(ObjectNode root) throws IOException {
        if (json != null) {
            Path parent = json.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(
                    json, ConfigFiles.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
        }
    }

    private double imagesPerSecond(double msPerStep) {
        return batchSize * 1000.0 / msPerStep;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static ArrayNode array(double[] values) {
        ArrayNode a = ConfigFiles.JSON.createArrayNode();
        for (double v : values) {
            a.add(round(v));
        }
        return a;
    }

    /** Returns the median (the mean of the middle two for an even count). */
    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static OptionalLong kib(OptionalLong bytes) {
        return bytes.isPresent() ? OptionalLong.of(bytes.getAsLong() / 1024) : OptionalLong.empty();
    }
}
