package io.sam4j.cli.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.sam4j.cli.TrainingFailure;
import io.sam4j.cli.UserError;
import io.sam4j.cli.spec.ConfigFiles;
import io.sam4j.cli.spec.Origin;
import io.sam4j.cli.spec.RunSpec;
import io.sam4j.cli.spec.Settings;
import io.sam4j.core.checkpoint.Checkpoint;
import io.sam4j.core.checkpoint.CheckpointListener;
import io.sam4j.core.run.RunKeys;
import io.sam4j.core.run.RunKeys.Metrics;
import io.sam4j.core.run.RunKeys.Summary;
import io.sam4j.core.tensorboard.TensorBoardListener;
import io.sam4j.core.train.NonFiniteLossException;
import io.sam4j.core.train.TrainingLoop;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One invocation of {@code sam4j train}: a new run or the continuation of one. */
public final class Training {

    /** The training thread's name before its run directory; the {@code sam4j} launcher greps for it. */
    public static final String CRASH_THREAD_PREFIX = "sam4j-run ";

    /** The data fact present when the run trains on the zoo's embedded subset (see {@code ImageTaskData}). */
    public static final String EMBEDDED_FACT = "embedded_subset";

    private final RunSpec spec;
    private final RunDirectory run;
    private final boolean resume;
    private final Integer stopAfter;
    private final boolean quiet;
    private final PrintStream out;
    private Map<String, Object> dataFacts = Map.of();
    private RunLock lock;

    /**
     * @param spec the resolved, checked settings
     * @param run the run directory (created for a new run)
     * @param resume whether to continue from the run's checkpoint
     * @param stopAfter the most epochs to run in this invocation, or null
     * @param quiet whether to print only the result
     */
    public Training(RunSpec spec, RunDirectory run, boolean resume, Integer stopAfter, boolean quiet) {
        this(spec, run, resume, stopAfter, quiet, System.out);
    }

    /**
     * As {@link #Training(RunSpec, RunDirectory, boolean, Integer, boolean)}, printing to {@code out}
     * (e.g. a null stream when the caller reports the run itself, as {@code sam4j demo} does).
     */
    public Training(RunSpec spec, RunDirectory run, boolean resume, Integer stopAfter, boolean quiet, PrintStream out) {
        this.spec = spec;
        this.run = run;
        this.resume = resume;
        this.stopAfter = stopAfter;
        this.quiet = quiet;
        this.out = out;
    }

    /**
     * Trains and returns the exit code, holding the run's {@link RunLock} from before anything of a
     * resumed run is read, or from the creation of a new run's directory, to the end.
     */
    public int run() throws IOException {
        lock = resume ? RunLock.acquire(run.root()) : null;
        Thread thread = Thread.currentThread();
        String name = thread.getName();
        // A JVM that dies in native code (libtorch) can run no Java code, but its error file names
        // the crashing thread: the launcher reads the run directory from this name and moves the
        // file there.
        thread.setName(CRASH_THREAD_PREFIX + run.root().toAbsolutePath());
        try {
            return train();
        } finally {
            thread.setName(name);
            if (lock != null) {
                lock.close();
            }
        }
    }

    private int train() throws IOException {
        System.setProperty(
                "ai.djl.pytorch.num_threads", String.valueOf(spec.run().threads()));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        boolean continuing = resume && Files.exists(run.file(RunDirectory.CHECKPOINT));
        RunIdentity.DataIdentity recorded = null;
        if (resume) {
            run.removeLeftoverTemporaries();
        }
        if (continuing) {
            // Before any data is read: a hand-edited config is refused, and the run reads its own data.
            recorded = run.checkAgainstRecord(spec);
        }
        try (TrainingSession session = continuing ? resumedSession(recorded) : TrainingSession.open(spec)) {
            dataFacts = session.data().facts();
            if (dataFacts.containsKey(EMBEDDED_FACT)) {
                say("data: " + dataFacts.get("dataset") + ", shipped with sam4j because no full copy is installed"
                        + " (apt-get install dataset-fashion-mnist, or sam4j datasets fetch "
                        + spec.data().dataset() + ")");
            }
            int start = 0;
            List<JsonNode> previous = new ArrayList<>();
            RunIdentity identity;
            if (resume && !continuing) {
                System.err.println("sam4j: note: run " + run.root() + " has no " + RunDirectory.CHECKPOINT
                        + " (no epoch finished): restarting it from scratch in place");
                run.clearUnfinishedStart();
            }
            if (continuing) {
                Checkpoint checkpoint = run.restoreCheckpoint(session.parameters(), session.step(), session.manager());
                start = checkpoint.epoch();
                identity = RunIdentity.of(
                        spec,
                        recorded != null
                                ? recorded
                                : RunIdentity.DataIdentity.of(session.data(), session.datasetSha256()));
                previous = run.reconcileMetrics(checkpoint, CheckpointRecords.metricsLine(checkpoint));
                if (start >= spec.optimization().epochs()) {
                    say("run " + run.root() + " already has " + start + " of "
                            + spec.optimization().epochs() + " epochs");
                    writeSummary(previous, true);
                    return 0;
                }
                // Record a changed --epochs so that a later resume or eval sees the run as it is.
                rewriteConfig(session);
                say("resuming " + run.root() + " after epoch " + start + " of "
                        + spec.optimization().epochs());
            } else {
                // A new run, or one restarted in place because no epoch finished.
                // The checksum of the files as read now is the run's data identity from here on.
                String sha256 = session.datasetSha256();
                identity = RunIdentity.of(spec, RunIdentity.DataIdentity.of(session.data(), sha256));
                Map<String, Object> provenance = Provenance.of(spec.run().seed(), sha256, session.dataFacts());
                if (spec.model().initFrom() != null) {
                    provenance.put(
                            "init_from",
                            InitFrom.apply(
                                    spec.model().initFrom(),
                                    session.block(),
                                    note -> System.err.println("sam4j: note: " + note)));
                }
                if (!resume) {
                    run.createNew();
                    lock = RunLock.acquire(run.root());
                }
                run.writeConfig(spec, provenance);
                say(String.format(
                        Locale.ROOT,
                        "training %s (%,d parameters) on %s (%,d train / %,d %s) with %s -> %s",
                        spec.model().name(),
                        session.parameters().trainableSize(),
                        spec.data().dataset(),
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
                    .setEpochs(spec.optimization().epochs())
                    .optStartEpoch(start)
                    .optEvaluation(session.testData(), session.evaluator())
                    .optEvaluateEvery(spec.run().evalEvery());
            // Before the loggers: they add scalars to the epoch's metrics for them to write.
            loop.addListener(new PassCount(session.pass(), session.trainData().examples()));
            if (spec.run().hessianEvery() > 0) {
                loop.addListener(HessianTracking.listener(session));
            }
            TensorBoardListener tensorBoard =
                    run.openTensorBoard(start, previous, !spec.sam().isBase());
            tensorBoard.logHParams(hparams());
            // The checkpoint first, carrying the epoch's metrics line, then the line: a kill between
            // the two leaves a checkpoint whose line the resumed run restores, never a line without one.
            loop.addListener(new CheckpointListener(
                            run.file(RunDirectory.CHECKPOINT),
                            session.parameters(),
                            session.manager(),
                            m -> CheckpointRecords.metadata(m, spec.run().seed(), identity)))
                    .addListener(new MetricsFileListener(run))
                    .addListener(tensorBoard);
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
            boolean complete = !all.isEmpty()
                    && all.get(all.size() - 1).path(Metrics.EPOCH).asInt()
                            >= spec.optimization().epochs();
            Map<String, Object> summary = writeSummary(all, complete);
            out.printf(
                    Locale.ROOT,
                    "%s: test accuracy %.2f%%, test loss %.4f after %d/%d epochs (%.1f s training)%n  -> %s%n",
                    complete ? "done" : "stopped",
                    100 * (double) summary.get(Summary.TEST_ACCURACY),
                    (double) summary.get(Summary.TEST_LOSS),
                    summary.get(Summary.EPOCHS),
                    spec.optimization().epochs(),
                    (double) summary.get(Summary.TRAIN_SECONDS),
                    run.root());
            say(nextCommands(run.root(), complete));
            return 0;
        }
    }

    /** Opens a resumed run's session on the data it trained on, found by its recorded checksum. */
    private TrainingSession resumedSession(RunIdentity.DataIdentity recorded) {
        Path dataDir = spec.values().origin(Settings.DATA_DIR).kind() == Origin.Kind.FLAG
                ? spec.data().dataDir()
                : null;
        return TrainingSession.open(
                spec,
                seeds -> RecordedData.open(
                                spec, seeds, recorded, new RecordedData.Choice(dataDir, false), run.root(), note -> {})
                        .data());
    }

    private void rewriteConfig(TrainingSession session) throws IOException {
        JsonNode node = ConfigFiles.JSON.readTree(run.file(RunDirectory.CONFIG).toFile());
        Map<String, Object> provenance = ConfigFiles.JSON.convertValue(
                node.get(RunKeys.Config.PROVENANCE),
                ConfigFiles.JSON.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Object.class));
        run.writeConfig(spec, provenance);
    }

    private String describeMethod() {
        RunSpec.OptimizationSettings o = spec.optimization();
        String base = Settings.OPTIMIZER.format(o.optimizer()) + " lr " + o.lr();
        return spec.sam().isBase() ? base : spec.sam().describe() + " over " + base;
    }

    /**
     * The run's row in TensorBoard's HParams table, named as config.json names the settings: the
     * method and each of its parameters (rho, k, …), then what else tells runs of a sweep apart.
     */
    private Map<String, Object> hparams() {
        Map<String, Object> hparams = new LinkedHashMap<>();
        RunSpec.SamSettings sam = spec.sam();
        hparams.put(Settings.SAM.name(), sam.method().name());
        for (var parameter : sam.method().parameters()) {
            hparams.put(parameter.name(), sam.parameters().decimal(parameter.name()));
        }
        hparams.put(
                Settings.OPTIMIZER.name(),
                Settings.OPTIMIZER.format(spec.optimization().optimizer()));
        hparams.put(Settings.LR.name(), spec.optimization().lr());
        hparams.put(Settings.BATCH_SIZE.name(), spec.data().batchSize());
        hparams.put(Settings.EPOCHS.name(), spec.optimization().epochs());
        hparams.put(Settings.MODEL.name(), spec.model().name());
        hparams.put(Settings.DATASET.name(), spec.data().dataset());
        hparams.put(Settings.LABEL_NOISE.name(), spec.values().get(Settings.LABEL_NOISE));
        hparams.put(Settings.SEED.name(), spec.run().seed());
        return hparams;
    }

    private Map<String, Object> writeSummary(List<JsonNode> metrics, boolean complete) {
        if (metrics.isEmpty()) {
            throw new UserError("run " + run.root() + " has no metrics to summarize");
        }
        JsonNode last = metrics.get(metrics.size() - 1);
        double trainSeconds = 0;
        double bestAccuracy = 0;
        for (JsonNode m : metrics) {
            trainSeconds += m.path(Metrics.TRAIN_SECONDS).asDouble();
            bestAccuracy = Math.max(bestAccuracy, m.path(Metrics.TEST_ACCURACY).asDouble());
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put(Summary.TEST_ACCURACY, last.path(Metrics.TEST_ACCURACY).asDouble());
        summary.put(Summary.TEST_LOSS, last.path(Metrics.TEST_LOSS).asDouble());
        summary.put(Summary.TRAIN_ACCURACY, last.path(Metrics.TRAIN_ACCURACY).asDouble());
        summary.put(Summary.TRAIN_LOSS, last.path(Metrics.TRAIN_LOSS).asDouble());
        summary.put(Summary.EPOCHS, last.path(Metrics.EPOCH).asInt());
        summary.put(Summary.EPOCHS_PLANNED, spec.optimization().epochs());
        summary.put(Summary.COMPLETE, complete);
        summary.put(Summary.TRAIN_SECONDS, trainSeconds);
        summary.put(Summary.BEST_TEST_ACCURACY, bestAccuracy);
        summary.put(Summary.MODEL, spec.model().name());
        summary.put(Summary.DATASET, spec.data().dataset());
        summary.put(Summary.SAM, spec.sam().method().name());
        summary.put(Summary.RHO, spec.values().get(Settings.RHO));
        summary.put(Summary.SEED, spec.run().seed());
        summary.put(Summary.EVALUATED_ON, dataFacts.getOrDefault("evaluated_on", "test"));
        summary.put(Summary.LABEL_NOISE_FRACTION, dataFacts.getOrDefault("label_noise_fraction", 0.0));
        run.writeJson(RunDirectory.SUMMARY, summary);
        return summary;
    }

    /** What a reader does after a run: continue it, or look at it (the TensorBoard files are in the run). */
    static String nextCommands(Path root, boolean complete) {
        return complete
                ? "next: sam4j report " + root + "   or   tensorboard --logdir " + root
                : "next: sam4j train --resume " + root + "   or   tensorboard --logdir " + root;
    }

    private void say(String line) {
        if (!quiet) {
            out.println(line);
        }
    }
}
