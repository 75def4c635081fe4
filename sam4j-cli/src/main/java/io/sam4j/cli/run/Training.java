package io.sam4j.cli.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.sam4j.cli.TrainingFailure;
import io.sam4j.cli.UserError;
import io.sam4j.cli.config.ConfigFiles;
import io.sam4j.cli.config.TrainConfig;
import io.sam4j.core.checkpoint.Checkpoint;
import io.sam4j.core.checkpoint.CheckpointFile;
import io.sam4j.core.checkpoint.CheckpointListener;
import io.sam4j.core.tensorboard.EventFileWriter;
import io.sam4j.core.tensorboard.TensorBoardListener;
import io.sam4j.core.train.NonFiniteLossException;
import io.sam4j.core.train.TrainingLoop;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One invocation of {@code sam4j train}: a new run or the continuation of one. */
public final class Training {

    /** The data fact present when the run trains on the zoo's embedded subset (see {@code ImageTaskData}). */
    public static final String EMBEDDED_FACT = "embedded_subset";

    private final TrainConfig config;
    private final RunDirectory run;
    private final boolean resume;
    private final Integer stopAfter;
    private final boolean quiet;
    private final PrintStream out;
    private Map<String, Object> dataFacts = Map.of();

    /**
     * @param config the resolved, validated config
     * @param run the run directory (created for a new run)
     * @param resume whether to continue from the run's checkpoint
     * @param stopAfter the most epochs to run in this invocation, or null
     * @param quiet whether to print only the result
     */
    public Training(TrainConfig config, RunDirectory run, boolean resume, Integer stopAfter, boolean quiet) {
        this(config, run, resume, stopAfter, quiet, System.out);
    }

    /**
     * As {@link #Training(TrainConfig, RunDirectory, boolean, Integer, boolean)}, printing to {@code out}
     * (e.g. a null stream when the caller reports the run itself, as {@code sam4j demo} does).
     */
    public Training(
            TrainConfig config, RunDirectory run, boolean resume, Integer stopAfter, boolean quiet, PrintStream out) {
        this.config = config;
        this.run = run;
        this.resume = resume;
        this.stopAfter = stopAfter;
        this.quiet = quiet;
        this.out = out;
    }

    /** Trains and returns the exit code. */
    public int run() throws IOException {
        System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(config.threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        try (TrainingSession session = TrainingSession.open(config)) {
            dataFacts = session.data().facts();
            if (dataFacts.containsKey(EMBEDDED_FACT)) {
                say("data: " + dataFacts.get("dataset") + ", shipped with sam4j because no full copy is installed"
                        + " (apt-get install dataset-fashion-mnist, or sam4j datasets fetch " + config.dataset + ")");
            }
            int start = 0;
            List<JsonNode> previous = new ArrayList<>();
            if (resume) {
                if (!Files.exists(run.file(RunDirectory.CHECKPOINT))) {
                    throw new UserError("cannot resume " + run.root() + ": it has no " + RunDirectory.CHECKPOINT
                            + " (no epoch finished); start it again with --out");
                }
                Checkpoint checkpoint = CheckpointFile.read(run.file(RunDirectory.CHECKPOINT), session.manager());
                checkpoint.restore(session.parameters(), session.optimizer());
                start = checkpoint.epoch();
                previous = run.truncateMetrics(start);
                if (start >= config.epochs) {
                    say("run " + run.root() + " already has " + start + " of " + config.epochs + " epochs");
                    writeSummary(previous, true);
                    return 0;
                }
                // Record a changed --epochs so that a later resume or eval sees the run as it is.
                rewriteConfig(session);
                say("resuming " + run.root() + " after epoch " + start + " of " + config.epochs);
            } else {
                Map<String, Object> provenance =
                        Provenance.of(config.seed, session.datasetSha256(), session.dataFacts());
                if (config.initFrom != null) {
                    provenance.put(
                            "init_from",
                            InitFrom.apply(
                                    java.nio.file.Path.of(config.initFrom),
                                    session.block(),
                                    note -> System.err.println("sam4j: note: " + note)));
                }
                run.writeConfig(config, provenance);
                say(String.format(
                        Locale.ROOT,
                        "training %s (%,d parameters) on %s (%,d train / %,d %s) with %s -> %s",
                        config.model,
                        session.parameters().trainableSize(),
                        config.dataset,
                        session.trainData().examples(),
                        session.testData().examples(),
                        dataFacts.getOrDefault("evaluated_on", "test"),
                        describeMethod(),
                        run.root()));
            }
            TrainingLoop.Builder loop = TrainingLoop.builder()
                    .setStep(session.step())
                    .setTrainData(session.trainData())
                    .setSeeds(session.seeds())
                    .setEpochs(config.epochs)
                    .optStartEpoch(start)
                    .optEvaluation(session.testData(), session.evaluator());
            if (config.hessianEvery > 0) {
                // Before the loggers: it adds hessian_* scalars to the epoch's metrics for them to write.
                loop.addListener(HessianTracking.listener(session));
            }
            loop.addListener(new MetricsFileListener(run))
                    .addListener(new TensorBoardListener(new EventFileWriter(run.root())))
                    .addListener(new CheckpointListener(
                            run.file(RunDirectory.CHECKPOINT),
                            session.parameters(),
                            session.optimizer(),
                            session.manager(),
                            m -> checkpointMetadata(m.epoch())));
            if (!quiet) {
                loop.addListener(new ConsoleListener(out, System.console() != null));
            }
            if (stopAfter != null) {
                loop.optEpochLimit(stopAfter);
            }
            try {
                loop.build().run();
            } catch (NonFiniteLossException e) {
                String kept = Files.exists(run.file(RunDirectory.CHECKPOINT))
                        ? "; the checkpoint of the last good epoch is kept in " + run.file(RunDirectory.CHECKPOINT)
                        : "";
                throw new TrainingFailure(e.getMessage() + kept, e);
            }
            List<JsonNode> all = run.readMetrics();
            boolean complete =
                    !all.isEmpty() && all.get(all.size() - 1).path("epoch").asInt() >= config.epochs;
            Map<String, Object> summary = writeSummary(all, complete);
            out.printf(
                    Locale.ROOT,
                    "%s: test accuracy %.2f%%, test loss %.4f after %d/%d epochs (%.1f s training) -> %s%n",
                    complete ? "done" : "stopped",
                    100 * (double) summary.get("test_accuracy"),
                    (double) summary.get("test_loss"),
                    summary.get("epochs"),
                    config.epochs,
                    (double) summary.get("train_seconds"),
                    run.root());
            return 0;
        }
    }

    /**
     * The random state needs no saving: every draw is a function of (seed, stream, epoch, step),
     * so the seed and the epoch are the generator state.
     */
    private String checkpointMetadata(int epoch) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("epoch", epoch);
        meta.put("seed", config.seed);
        meta.put("rng", "derived from (seed, stream, epoch, step) by io.sam4j.core.random.Seeds");
        try {
            return ConfigFiles.JSON.writeValueAsString(meta);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void rewriteConfig(TrainingSession session) throws IOException {
        JsonNode node = ConfigFiles.JSON.readTree(run.file(RunDirectory.CONFIG).toFile());
        Map<String, Object> provenance = ConfigFiles.JSON.convertValue(
                node.get("provenance"),
                ConfigFiles.JSON.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Object.class));
        run.writeConfig(config, provenance);
    }

    private String describeMethod() {
        String base = config.optimizer + " lr " + config.lr;
        return switch (config.sam) {
            case "none" -> base;
            case "asam" -> "ASAM (rho " + config.rho + ", eta " + config.eta + ") over " + base;
            default -> "SAM (rho " + config.rho + (config.m > 0 ? ", m " + config.m : "") + ") over " + base;
        };
    }

    private Map<String, Object> writeSummary(List<JsonNode> metrics, boolean complete) {
        if (metrics.isEmpty()) {
            throw new UserError("run " + run.root() + " has no metrics to summarize");
        }
        JsonNode last = metrics.get(metrics.size() - 1);
        double trainSeconds = 0;
        double bestAccuracy = 0;
        for (JsonNode m : metrics) {
            trainSeconds += m.path("train_seconds").asDouble();
            bestAccuracy = Math.max(bestAccuracy, m.path("test_accuracy").asDouble());
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("test_accuracy", last.path("test_accuracy").asDouble());
        summary.put("test_loss", last.path("test_loss").asDouble());
        summary.put("train_accuracy", last.path("train_accuracy").asDouble());
        summary.put("train_loss", last.path("train_loss").asDouble());
        summary.put("epochs", last.path("epoch").asInt());
        summary.put("epochs_planned", config.epochs);
        summary.put("complete", complete);
        summary.put("train_seconds", trainSeconds);
        summary.put("best_test_accuracy", bestAccuracy);
        summary.put("model", config.model);
        summary.put("dataset", config.dataset);
        summary.put("sam", config.sam);
        summary.put("rho", config.rho);
        summary.put("seed", config.seed);
        summary.put("evaluated_on", dataFacts.getOrDefault("evaluated_on", "test"));
        summary.put("label_noise_fraction", dataFacts.getOrDefault("label_noise_fraction", 0.0));
        run.writeJson(RunDirectory.SUMMARY, summary);
        return summary;
    }

    private void say(String line) {
        if (!quiet) {
            out.println(line);
        }
    }
}
