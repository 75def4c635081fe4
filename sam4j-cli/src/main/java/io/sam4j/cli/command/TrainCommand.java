package io.sam4j.cli.command;

import io.sam4j.cli.UserError;
import io.sam4j.cli.config.ConfigFiles;
import io.sam4j.cli.config.Presets;
import io.sam4j.cli.config.TrainConfig;
import io.sam4j.cli.run.RunDirectory;
import io.sam4j.cli.run.Training;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sam4j train}: trains a model with SAM, ASAM or plain SGD/Adam into a run directory.
 *
 * <p>Every option is boxed and null unless given, so that precedence is simply: flag, then
 * {@code --config} file, then {@code --preset}, then {@link TrainConfig}'s default.
 */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Train a model with SAM, ASAM or the base optimizer alone.",
            "With no flags: SAM (rho 0.05) on Fashion-MNIST with the small CNN for " + TrainConfig.DEFAULT_EPOCHS
                    + " epochs."
        })
public final class TrainCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(
            names = "--config",
            paramLabel = "FILE.yaml",
            description = "Read settings from YAML; keys are the flag names (flags win).")
    Path configFile;

    @Option(
            names = "--preset",
            paramLabel = "NAME",
            description =
                    "Start from a setting of the SAM paper (see 'sam4j presets list'); --config keys and flags win over it, whatever their order.")
    String preset;

    @Option(
            names = "--dataset",
            description =
                    "Dataset name (default: " + TrainConfig.DEFAULT_DATASET
                            + "; see 'sam4j datasets list'), or folder:PATH for PATH/train/CLASS/*.jpg|png and PATH/test (or val).")
    String dataset;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description =
                    "Root holding one folder per dataset (before $SAM4J_DATA, ~/.sam4j/datasets, /usr/share/datasets).")
    Path dataDir;

    @Option(
            names = "--model",
            description = "Model name (default: " + TrainConfig.DEFAULT_MODEL + "; see 'sam4j models list').")
    String model;

    @Option(names = "--dropout", description = "Dropout rate where the model has dropout (WideResNet), default 0.")
    Double dropout;

    @Option(
            names = "--init-from",
            paramLabel = "RUN_DIR|FILE.safetensors",
            description = "Start from these weights (PyTorch names); a head of another class count starts fresh.")
    Path initFrom;

    @Option(
            names = "--freeze-bn",
            negatable = true,
            description =
                    "Keep BatchNorm running statistics fixed and normalize with them, as fine-tuning in the SAM paper (default: off).")
    Boolean freezeBn;

    @Option(names = "--optimizer", description = "Base optimizer: sgd, adam, adamw (default: sgd).")
    String optimizer;

    @Option(names = "--lr", description = "Peak learning rate (default: " + TrainConfig.DEFAULT_LR + ").")
    Double lr;

    @Option(names = "--momentum", description = "SGD momentum, PyTorch convention (default: 0.9).")
    Double momentum;

    @Option(names = "--nesterov", negatable = true, description = "Nesterov momentum (default: off).")
    Boolean nesterov;

    @Option(names = "--weight-decay", description = "Weight decay λ (default: 5e-4).")
    Double weightDecay;

    @Option(
            names = "--weight-decay-mode",
            description =
                    "loss: L2 term in the loss, seen by SAM's ascent (official JAX code; default); optimizer: inside the base optimizer (PyTorch wrappers; AdamW's default).")
    String weightDecayMode;

    @Option(
            names = "--batch-size",
            description = "Training batch size (default: " + TrainConfig.DEFAULT_BATCH_SIZE + ").")
    Integer batchSize;

    @Option(names = "--eval-batch-size", description = "Evaluation batch size (default: 500).")
    Integer evalBatchSize;

    @Option(names = "--epochs", description = "Total epochs of the run (default: " + TrainConfig.DEFAULT_EPOCHS + ").")
    Integer epochs;

    @Option(names = "--schedule", description = "Learning-rate schedule: cosine, step, constant (default: cosine).")
    String schedule;

    @Option(
            names = "--lr-milestones",
            split = ",",
            paramLabel = "F",
            description = "Fractions of training where 'step' multiplies the rate by --lr-gamma (default: 0.5,0.75).")
    List<Double> lrMilestones;

    @Option(names = "--lr-gamma", description = "Factor of each 'step' drop (default: 0.1).")
    Double lrGamma;

    @Option(names = "--warmup-epochs", description = "Linear warm-up length in epochs, may be fractional (default: 0).")
    Double warmupEpochs;

    @Option(names = "--label-smoothing", description = "Label smoothing in [0, 1) (default: 0).")
    Double labelSmoothing;

    @Option(names = "--clip-norm", description = "Clip the descent gradient to this global norm; 0 = off (default: 0).")
    Double clipNorm;

    @Option(names = "--sam", description = "none, sam or asam (default: sam).")
    String sam;

    @Option(names = "--rho", description = "SAM's neighbourhood radius ρ (default: " + TrainConfig.DEFAULT_RHO + ").")
    Double rho;

    @Option(names = "--eta", description = "ASAM's η (default: 0.01).")
    Double eta;

    @Option(names = "--m", description = "m-sharpness group size; 0 = the whole batch (default: 0).")
    Integer m;

    @Option(
            names = "--augment",
            description =
                    "Comma list: none, basic, crop, crop-reflect, flip, cutout[:N], cutout-batch[:N], autoaugment[:cifar10|svhn], randaugment[:N:M] (default: none); for signals: scale[:S], shift[:K], noise[:SIGMA].")
    String augment;

    @Option(
            names = "--image-size",
            paramLabel = "S",
            description =
                    "Model input side for folder:PATH datasets; images are stored at round(S/0.875) and cropped to S (default: 224).")
    Integer imageSize;

    @Option(
            names = "--balance",
            paramLabel = "downsample:C=N|R",
            description =
                    "Signals and graphs: keep N examples (or the ratio R, with a decimal point) of training class C, seeded; several classes comma-separated (default: none).")
    String balance;

    @Option(
            names = "--split",
            paramLabel = "F|kfold:K:I",
            description =
                    "Datasets without a test set (tu:NAME, ptbdb): hold out the fraction F, or fold I of K, seeded and stratified (default: 0.1).")
    String split;

    @Option(
            names = "--train-limit",
            paramLabel = "N",
            description = "Train on a seeded, class-stratified subset of N examples.")
    Integer trainLimit;

    @Option(
            names = "--test-limit",
            paramLabel = "N",
            description = "Evaluate on a seeded, class-stratified subset of N examples.")
    Integer testLimit;

    @Option(
            names = "--validation-split",
            paramLabel = "F",
            description =
                    "Hold out a seeded, class-stratified fraction F of the training set and evaluate on it instead of the test set (the test_* metrics then mean validation).")
    Double validationSplit;

    @Option(
            names = "--label-noise",
            paramLabel = "P",
            description =
                    "Give a seeded fraction P of the training labels a uniformly drawn wrong class (evaluation labels stay clean).")
    Double labelNoise;

    @Option(
            names = "--cifar100-labels",
            paramLabel = "fine|coarse",
            description = "CIFAR-100's 100 fine or 20 coarse labels (default: fine).")
    String cifar100Labels;

    @Option(
            names = "--svhn-extra",
            negatable = true,
            description = "Also train on SVHN's extra_32x32.mat, as the paper did (default: off).")
    Boolean svhnExtra;

    @Option(names = "--seed", description = "The run's only seed (default: 1).")
    Long seed;

    @Option(names = "--workers", description = "Data-loading threads (default: 1).")
    Integer workers;

    @Option(names = "--threads", description = "PyTorch intra-op threads (default: 2).")
    Integer threads;

    @Option(
            names = "--hessian-every",
            paramLabel = "E",
            description =
                    "Record the Hessian's top eigenvalue (hessian_lambda_max) every E epochs; 0 = off (default: 0).")
    Integer hessianEvery;

    @Option(
            names = "--hessian-trace",
            description = "With --hessian-every: also record the Hessian's trace (hessian_trace).")
    Boolean hessianTrace;

    @Option(
            names = "--out",
            paramLabel = "RUN_DIR",
            description = "Run directory to create (default: runs/DATASET-MODEL-SAM-TIMESTAMP).")
    Path out;

    @Option(
            names = "--resume",
            paramLabel = "RUN_DIR",
            description = "Continue that run in place up to --epochs in total.")
    Path resume;

    @Option(
            names = "--stop-after",
            paramLabel = "EPOCHS",
            description = "Stop after this many epochs in this invocation (checkpointed; continue with --resume).")
    Integer stopAfter;

    @Option(names = "--quiet", description = "Print only the final result.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        TrainConfig config;
        RunDirectory run;
        if (resume != null) {
            rejectWhenResuming();
            run = new RunDirectory(resume);
            config = run.readConfig();
            if (epochs != null) {
                config.epochs = epochs;
            }
            if (dataDir != null) {
                config.dataDir = dataDir.toString();
            }
            if (workers != null) {
                config.workers = workers;
            }
            config.validate();
        } else {
            config = newRunConfig();
            run = new RunDirectory(out != null ? out : defaultRunDir(config));
            run.createNew();
        }
        if (stopAfter != null && stopAfter < 1) {
            throw new UserError("--stop-after must be >= 1 but was " + stopAfter);
        }
        return new Training(config, run, resume != null, stopAfter, quiet).run();
    }

    /**
     * Resolves and validates the config of a new run from the parsed flags; {@code sweep} uses it to
     * check every grid point before starting any.
     */
    TrainConfig newRunConfig() {
        TrainConfig config = presetAndConfigFile();
        applyFlags(config);
        return config.validate();
    }

    /**
     * The config before flags: defaults, then the preset ({@code --preset}, else the file's
     * {@code preset:} key), then the {@code --config} file's keys.
     */
    private TrainConfig presetAndConfigFile() {
        TrainConfig config = configFile == null ? new TrainConfig() : ConfigFiles.readTrainConfig(configFile);
        String presetName = preset != null ? preset : config.preset;
        if (presetName == null) {
            return config;
        }
        TrainConfig base = Presets.standard().get(presetName).applyTo(new TrainConfig());
        TrainConfig resolved = configFile == null ? base : ConfigFiles.readTrainConfig(configFile, base);
        resolved.preset = base.preset;
        return resolved;
    }

    private static Path defaultRunDir(TrainConfig config) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        String name = config.dataset + "-" + config.model + "-" + config.sam + "-" + stamp;
        return Path.of("runs", name.replaceAll("[^A-Za-z0-9._-]", "_"));
    }

    private void rejectWhenResuming() {
        List<String> given = new ArrayList<>();
        Object[][] fixed = {
            {"--config", configFile},
            {"--dataset", dataset},
            {"--model", model},
            {"--dropout", dropout},
            {"--init-from", initFrom},
            {"--freeze-bn", freezeBn},
            {"--optimizer", optimizer},
            {"--lr", lr},
            {"--momentum", momentum},
            {"--nesterov", nesterov},
            {"--weight-decay", weightDecay},
            {"--weight-decay-mode", weightDecayMode},
            {"--batch-size", batchSize},
            {"--schedule", schedule},
            {"--lr-milestones", lrMilestones},
            {"--lr-gamma", lrGamma},
            {"--warmup-epochs", warmupEpochs},
            {"--label-smoothing", labelSmoothing},
            {"--clip-norm", clipNorm},
            {"--sam", sam},
            {"--rho", rho},
            {"--eta", eta},
            {"--m", m},
            {"--augment", augment},
            {"--image-size", imageSize},
            {"--balance", balance},
            {"--split", split},
            {"--train-limit", trainLimit},
            {"--test-limit", testLimit},
            {"--seed", seed},
            {"--out", out},
            {"--eval-batch-size", evalBatchSize},
            {"--threads", threads},
            {"--preset", preset},
            {"--validation-split", validationSplit},
            {"--label-noise", labelNoise},
            {"--cifar100-labels", cifar100Labels},
            {"--svhn-extra", svhnExtra},
            {"--hessian-every", hessianEvery},
            {"--hessian-trace", hessianTrace}
        };
        for (Object[] flag : fixed) {
            if (flag[1] != null) {
                given.add((String) flag[0]);
            }
        }
        if (!given.isEmpty()) {
            throw new UserError(
                    String.join(", ", given) + " cannot be changed with --resume: the run's " + RunDirectory.CONFIG
                            + " fixes it (only --epochs, --data-dir, --workers, --stop-after, --quiet apply)");
        }
    }

    private void applyFlags(TrainConfig c) {
        set(dataset, v -> c.dataset = v);
        set(dataDir, v -> c.dataDir = v.toString());
        set(model, v -> c.model = v);
        set(dropout, v -> c.dropout = v);
        set(initFrom, v -> c.initFrom = v.toString());
        set(freezeBn, v -> c.freezeBn = v);
        set(optimizer, v -> c.optimizer = v);
        set(lr, v -> c.lr = v);
        set(momentum, v -> c.momentum = v);
        set(nesterov, v -> c.nesterov = v);
        set(weightDecay, v -> c.weightDecay = v);
        set(weightDecayMode, v -> c.weightDecayMode = v);
        set(batchSize, v -> c.batchSize = v);
        set(evalBatchSize, v -> c.evalBatchSize = v);
        set(epochs, v -> c.epochs = v);
        set(schedule, v -> c.schedule = v);
        set(lrMilestones, v -> c.lrMilestones = v);
        set(lrGamma, v -> c.lrGamma = v);
        set(warmupEpochs, v -> c.warmupEpochs = v);
        set(labelSmoothing, v -> c.labelSmoothing = v);
        set(clipNorm, v -> c.clipNorm = v);
        set(sam, v -> c.sam = v);
        set(rho, v -> c.rho = v);
        set(eta, v -> c.eta = v);
        set(m, v -> c.m = v);
        set(augment, v -> c.augment = v);
        set(imageSize, v -> c.imageSize = v);
        set(balance, v -> c.balance = v);
        set(split, v -> c.split = v);
        set(trainLimit, v -> c.trainLimit = v);
        set(testLimit, v -> c.testLimit = v);
        set(seed, v -> c.seed = v);
        set(workers, v -> c.workers = v);
        set(threads, v -> c.threads = v);
        set(validationSplit, v -> c.validationSplit = v);
        set(labelNoise, v -> c.labelNoise = v);
        set(cifar100Labels, v -> c.cifar100Labels = v);
        set(svhnExtra, v -> c.svhnExtra = v);
        set(hessianEvery, v -> c.hessianEvery = v);
        set(hessianTrace, v -> c.hessianTrace = v);
    }

    private static <T> void set(T value, Consumer<T> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }
}
