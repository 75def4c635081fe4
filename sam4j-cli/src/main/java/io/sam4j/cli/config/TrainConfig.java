package io.sam4j.cli.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.sam4j.cli.UserError;
import java.util.List;
import java.util.Locale;

/**
 * Every setting of a training run, under the names of the {@code sam4j train} flags.
 *
 * <p>A YAML file given with {@code --config} uses the same keys; flags win over it, it wins over a
 * {@code --preset} (see {@link Presets}), and the preset wins over the defaults here. The resolved object is written to the run's {@code config.json}, from which
 * {@code --resume} and {@code eval} rebuild the run.
 */
@JsonPropertyOrder(alphabetic = false)
public final class TrainConfig {

    /** Optimizer names. */
    public static final List<String> OPTIMIZERS = List.of("sgd", "adam", "adamw");
    /** Schedule names. */
    public static final List<String> SCHEDULES = List.of("cosine", "step", "constant");
    /** SAM variants. */
    public static final List<String> SAM_VARIANTS = List.of("none", "sam", "asam");
    /** CIFAR-100 label granularities. */
    public static final List<String> CIFAR100_LABELS = List.of("fine", "coarse");
    /** Weight decay conventions. */
    public static final List<String> WEIGHT_DECAY_MODES = List.of("loss", "optimizer");

    public static final String DEFAULT_DATASET = "fashion-mnist";
    public static final String DEFAULT_MODEL = "cnn";
    public static final double DEFAULT_LR = 0.05;
    public static final int DEFAULT_BATCH_SIZE = 128;
    public static final int DEFAULT_EPOCHS = 3;
    public static final double DEFAULT_RHO = 0.05;

    @JsonProperty("dataset")
    public String dataset = DEFAULT_DATASET;

    @JsonProperty("data-dir")
    public String dataDir;

    @JsonProperty("model")
    public String model = DEFAULT_MODEL;

    @JsonProperty("dropout")
    public double dropout = 0;

    @JsonProperty("init-from")
    public String initFrom;

    @JsonProperty("freeze-bn")
    public boolean freezeBn = false;

    @JsonProperty("optimizer")
    public String optimizer = "sgd";

    @JsonProperty("lr")
    public double lr = DEFAULT_LR;

    @JsonProperty("momentum")
    public double momentum = 0.9;

    @JsonProperty("nesterov")
    public boolean nesterov = false;

    @JsonProperty("weight-decay")
    public double weightDecay = 5e-4;

    @JsonProperty("weight-decay-mode")
    public String weightDecayMode;

    @JsonProperty("batch-size")
    public int batchSize = DEFAULT_BATCH_SIZE;

    @JsonProperty("eval-batch-size")
    public int evalBatchSize = 500;

    @JsonProperty("epochs")
    public int epochs = DEFAULT_EPOCHS;

    @JsonProperty("schedule")
    public String schedule = "cosine";

    @JsonProperty("lr-milestones")
    public List<Double> lrMilestones = List.of(0.5, 0.75);

    @JsonProperty("lr-gamma")
    public double lrGamma = 0.1;

    @JsonProperty("warmup-epochs")
    public double warmupEpochs = 0;

    @JsonProperty("label-smoothing")
    public double labelSmoothing = 0;

    @JsonProperty("clip-norm")
    public double clipNorm = 0;

    @JsonProperty("sam")
    public String sam = "sam";

    @JsonProperty("rho")
    public double rho = DEFAULT_RHO;

    @JsonProperty("eta")
    public double eta = 0.01;

    @JsonProperty("m")
    public int m = 0;

    @JsonProperty("augment")
    public String augment = "none";
    /** Model input side of a {@code folder:PATH} dataset; null = the default (224). Only for image folders. */
    @JsonProperty("image-size")
    public Integer imageSize;

    @JsonProperty("balance")
    public String balance = "none";

    @JsonProperty("split")
    public String split;

    @JsonProperty("train-limit")
    public Integer trainLimit;

    @JsonProperty("test-limit")
    public Integer testLimit;

    @JsonProperty("validation-split")
    public Double validationSplit;

    @JsonProperty("label-noise")
    public double labelNoise = 0;

    @JsonProperty("cifar100-labels")
    public String cifar100Labels = "fine";

    @JsonProperty("svhn-extra")
    public boolean svhnExtra = false;

    @JsonProperty("preset")
    public String preset;

    @JsonProperty("seed")
    public long seed = 1;

    @JsonProperty("workers")
    public int workers = 1;

    @JsonProperty("threads")
    public int threads = 2;

    @JsonProperty("hessian-every")
    public int hessianEvery = 0;

    @JsonProperty("hessian-trace")
    public boolean hessianTrace = false;

    /** Returns the weight-decay convention, resolving the default: in the optimizer for AdamW, else in the loss. */
    public String resolvedWeightDecayMode() {
        if (weightDecayMode != null) {
            return weightDecayMode;
        }
        return "adamw".equals(optimizer) ? "optimizer" : "loss";
    }

    /**
     * Checks every value and fills derived defaults.
     *
     * @throws UserError naming the flag and the bad value
     */
    public TrainConfig validate() {
        // Image folders' paths and TU dataset names (file names) keep their case.
        if (io.sam4j.zoo.graph.TuDatasets.isTu(dataset)) {
            dataset = io.sam4j.zoo.graph.TuDatasets.PREFIX
                    + dataset.trim().substring(3).trim();
        } else if (!io.sam4j.zoo.data.ImageFolders.isFolder(dataset)) {
            dataset = lower(dataset);
        }
        try {
            balance = io.sam4j.zoo.signal.ClassBalance.parse(balance).toString();
        } catch (IllegalArgumentException e) {
            throw new UserError("--balance: " + e.getMessage());
        }
        try {
            split = split == null
                    ? null
                    : io.sam4j.zoo.data.HoldOutSplit.parse(split).toString();
        } catch (IllegalArgumentException e) {
            throw new UserError("--split: " + e.getMessage());
        }
        model = lower(model);
        optimizer = oneOf("--optimizer", optimizer, OPTIMIZERS);
        schedule = oneOf("--schedule", schedule, SCHEDULES);
        sam = oneOf("--sam", sam, SAM_VARIANTS);
        weightDecayMode = oneOf("--weight-decay-mode", resolvedWeightDecayMode(), WEIGHT_DECAY_MODES);
        positive("--lr", lr);
        inRange("--momentum", momentum, 0, 0.999999);
        nonNegative("--weight-decay", weightDecay);
        atLeast("--batch-size", batchSize, 1);
        atLeast("--eval-batch-size", evalBatchSize, 1);
        atLeast("--epochs", epochs, 1);
        nonNegative("--warmup-epochs", warmupEpochs);
        if (warmupEpochs >= epochs) {
            throw new UserError("--warmup-epochs must be less than --epochs (" + epochs + ") but was " + warmupEpochs);
        }
        inRange("--label-smoothing", labelSmoothing, 0, 0.999999);
        nonNegative("--clip-norm", clipNorm);
        nonNegative("--rho", rho);
        nonNegative("--eta", eta);
        atLeast("--m", m, 0);
        inRange("--dropout", dropout, 0, 0.999999);
        inRange("--lr-gamma", lrGamma, 1e-12, 1);
        atLeast("--workers", workers, 0);
        atLeast("--threads", threads, 1);
        atLeast("--hessian-every", hessianEvery, 0);
        if (hessianTrace && hessianEvery == 0) {
            throw new UserError("--hessian-trace needs --hessian-every E (E >= 1)");
        }
        for (double milestone : lrMilestones) {
            inRange("--lr-milestones", milestone, 0, 1);
        }
        if (imageSize != null) {
            if (!io.sam4j.zoo.data.ImageFolders.isFolder(dataset)) {
                throw new UserError("--image-size applies only to folder:PATH datasets, not '" + dataset + "'");
            }
            atLeast("--image-size", imageSize, 8);
        }
        if (trainLimit != null) {
            atLeast("--train-limit", trainLimit, 1);
        }
        if (testLimit != null) {
            atLeast("--test-limit", testLimit, 1);
        }
        validateData();
        if (nesterov && momentum == 0) {
            throw new UserError("--nesterov needs --momentum > 0");
        }
        if ("adamw".equals(optimizer) && "loss".equals(weightDecayMode)) {
            throw new UserError("--optimizer adamw decays weights itself: use --weight-decay-mode optimizer");
        }
        return this;
    }

    /** Checks the settings that choose the data: splits, noise and dataset options. */
    private void validateData() {
        cifar100Labels = oneOf("--cifar100-labels", cifar100Labels, CIFAR100_LABELS);
        if ("coarse".equals(cifar100Labels) && !"cifar100".equals(dataset)) {
            throw new UserError("--cifar100-labels coarse needs --dataset cifar100, not '" + dataset + "'");
        }
        if (svhnExtra && !"svhn".equals(dataset)) {
            throw new UserError("--svhn-extra needs --dataset svhn, not '" + dataset + "'");
        }
        if (validationSplit != null && !(validationSplit > 0 && validationSplit < 1)) {
            throw new UserError("--validation-split must be in (0, 1) but was " + validationSplit);
        }
        inRange("--label-noise", labelNoise, 0, 1);
        preset = lower(preset);
    }

    private static String lower(String value) {
        return value == null ? null : value.trim().toLowerCase(Locale.ROOT);
    }

    private static String oneOf(String flag, String value, List<String> allowed) {
        String v = lower(value);
        if (!allowed.contains(v)) {
            throw new UserError(flag + " must be one of " + String.join(", ", allowed) + " but was '" + value + "'"
                    + io.sam4j.core.util.Suggestions.didYouMean(String.valueOf(value), allowed));
        }
        return v;
    }

    private static void positive(String flag, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new UserError(flag + " must be > 0 but was " + value);
        }
    }

    private static void nonNegative(String flag, double value) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new UserError(flag + " must be >= 0 but was " + value);
        }
    }

    private static void atLeast(String flag, long value, long min) {
        if (value < min) {
            throw new UserError(flag + " must be >= " + min + " but was " + value);
        }
    }

    private static void inRange(String flag, double value, double lo, double hi) {
        if (!(value >= lo && value <= hi)) {
            throw new UserError(flag + " must be in [" + lo + ", " + hi + "] but was " + value);
        }
    }
}
