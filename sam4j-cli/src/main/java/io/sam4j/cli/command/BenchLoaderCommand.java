package io.sam4j.cli.command;

import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sam4j.cli.UserError;
import io.sam4j.core.train.ArrayBatch;
import io.sam4j.zoo.augment.AugmentationSpec;
import io.sam4j.zoo.data.Batch;
import io.sam4j.zoo.data.BatchIterator;
import io.sam4j.zoo.data.DataLoader;
import io.sam4j.zoo.data.ImageDataset;
import io.sam4j.zoo.model.ModelSpec;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sam4j bench loader AUGMENT}: the data loader's images/s alone (median of {@code --repeats} epochs, 1
 * and 2 workers), the SAM step's images/s on a fixed batch, then SAM steps fed by the loader (1 worker) with
 * the time each {@code next()} waited, which is about 0 when the loader runs ahead of the step.
 */
@Command(
        name = "loader",
        footerHeading = "%nExamples:%n",
        footer = {
            "  sam4j bench loader basic,autoaugment",
            "  sam4j bench loader basic --feed none --repeats 3 --json loader.json"
        },
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Measure the data loader's images/s with an --augment list on synthetic images (1 and 2 workers),"
                    + " against the SAM step it must feed."
        })
public final class BenchLoaderCommand implements Callable<Integer> {

    @Parameters(paramLabel = "AUGMENT", description = "The augmentation list, as 'sam4j train --augment' takes it.")
    String augmentList;

    @Option(names = "--loader-images", paramLabel = "N", description = "Images per timed epoch (default: 5120).")
    int loaderImages = 5120;

    @Option(names = "--repeats", paramLabel = "N", description = "Timed epochs per worker count (default: 5).")
    int repeats = 5;

    @Option(
            names = "--feed",
            paramLabel = "MODEL|none",
            description = "The model whose SAM step the loader must feed (default: wrn-16-4; none to skip).")
    String feed = "wrn-16-4";

    @Option(names = "--rho", description = "SAM's rho (default: 0.05).")
    double rho = 0.05;

    @Mixin
    BenchOptions bench = new BenchOptions(3, 10);

    @Override
    public Integer call() throws IOException {
        Shape shape = bench.validate();
        BenchModel.checkRho(rho);
        AugmentationSpec augment;
        try {
            augment = AugmentationSpec.parse(augmentList);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        BenchOptions.atLeast("--loader-images", loaderImages, bench.batchSize);
        BenchOptions.atLeast("--repeats", repeats, 1);
        ModelSpec feedSpec = "none".equals(feed) ? null : BenchModel.resolve(feed);
        int c = (int) shape.get(0);
        int h = (int) shape.get(1);
        int w = (int) shape.get(2);
        long seed = bench.seed();
        ImageDataset data = LoaderThroughput.syntheticImages(loaderImages, c, h, w, seed);
        System.out.printf(
                Locale.ROOT,
                "bench loader %s: %d synthetic %s images, batch %d, %d timed epochs after 1 warm-up, per worker count%n",
                augment,
                loaderImages,
                bench.input,
                bench.batchSize,
                repeats);
        ObjectNode root = bench.header(shape);
        root.put("rho", rho);
        ObjectNode r = root.putObject("loader");
        r.put("augment", augment.toString());
        r.put("images", loaderImages);
        double oneWorker = 0;
        for (int workers : new int[] {1, 2}) {
            double[] rates = LoaderThroughput.epochs(
                    LoaderThroughput.loader(data, augment, bench.batchSize, workers), repeats, seed + 1000L * workers);
            double median = BenchOptions.median(rates);
            if (workers == 1) {
                oneWorker = median;
            }
            String suffix = workers + "_worker" + (workers == 1 ? "" : "s");
            System.out.printf(
                    Locale.ROOT,
                    "loader, %d worker%s: median %.0f images/s (epochs: %s)%n",
                    workers,
                    workers == 1 ? "" : "s",
                    median,
                    Arrays.toString(Arrays.stream(rates).map(Math::round).toArray()));
            r.put("images_per_s_" + suffix, BenchOptions.round(median));
            r.set("epochs_images_per_s_" + suffix, BenchOptions.array(rates));
        }
        if (feedSpec != null) {
            feedSteps(feedSpec, shape, data, augment, oneWorker, r);
        }
        bench.writeJson(root);
        return 0;
    }

    private void feedSteps(
            ModelSpec spec, Shape shape, ImageDataset data, AugmentationSpec augment, double loaderRate, ObjectNode r) {
        int warmup = bench.warmup;
        int steps = bench.steps;
        try (BenchModel model = new BenchModel(bench, spec, shape, rho)) {
            double[] alone = new double[steps];
            long stepSeed = bench.seed();
            for (int i = 0; i < warmup + steps; i++) {
                double t = BenchModel.time(model.sam, model.batch, ++stepSeed);
                if (i >= warmup) {
                    alone[i - warmup] = t;
                }
            }
            double[] fedStep = new double[steps];
            double[] waited = new double[steps];
            DataLoader loader = LoaderThroughput.loader(data, augment, bench.batchSize, 1);
            int i = 0;
            while (i < warmup + steps) {
                try (BatchIterator batches = loader.epoch(bench.seed() + i)) {
                    while (batches.hasNext() && i < warmup + steps) {
                        long t0 = System.nanoTime();
                        Batch b = batches.next();
                        double wait = (System.nanoTime() - t0) / 1e6;
                        double t =
                                BenchModel.time(model.sam, new ArrayBatch(b.data(), b.shape(), b.labels()), ++stepSeed);
                        if (i >= warmup) {
                            fedStep[i - warmup] = t;
                            waited[i - warmup] = wait;
                        }
                        i++;
                    }
                }
            }
            double aloneMs = BenchOptions.median(alone);
            double samRate = bench.imagesPerSecond(aloneMs);
            System.out.printf(
                    Locale.ROOT,
                    "%s SAM step, fixed batch: median %.1f ms = %.1f images/s; loader (1 worker) / SAM step = %.1fx%n",
                    spec.name(),
                    aloneMs,
                    samRate,
                    loaderRate / samRate);
            System.out.printf(
                    Locale.ROOT,
                    "%s SAM step fed by the loader (1 worker): median step %.1f ms, median wait for the next batch"
                            + " %.2f ms (max %.2f ms)%n",
                    spec.name(),
                    BenchOptions.median(fedStep),
                    BenchOptions.median(waited),
                    Arrays.stream(waited).max().orElse(0));
            r.put("feed_model", spec.name());
            r.put("sam_ms_median", BenchOptions.round(aloneMs));
            r.put("sam_images_per_s", BenchOptions.round(samRate));
            r.put("loader_over_sam", Math.round(loaderRate / samRate * 10) / 10.0);
            r.set("fed_sam_ms", BenchOptions.array(fedStep));
            r.set("fed_wait_ms", BenchOptions.array(waited));
        }
    }
}
