package io.sam4j.cli.spec;

import static io.sam4j.cli.spec.Settings.*;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sam4j.cli.UserError;
import io.sam4j.cli.spec.Choices.BaseOptimizer;
import io.sam4j.cli.spec.Choices.Cifar100Labels;
import io.sam4j.cli.spec.Choices.Schedule;
import io.sam4j.cli.spec.Choices.WeightDecayMode;
import io.sam4j.cli.spec.Choices.WeightDecayOn;
import io.sam4j.core.sam.SamMethod;
import io.sam4j.core.sam.SamParameter;
import io.sam4j.core.util.Suggestions;
import io.sam4j.zoo.augment.AugmentationSpec;
import io.sam4j.zoo.data.DatasetCatalog;
import io.sam4j.zoo.data.DatasetException;
import io.sam4j.zoo.data.HoldOutSplit;
import io.sam4j.zoo.data.ImageFolders;
import io.sam4j.zoo.graph.TuDatasets;
import io.sam4j.zoo.model.ModelCatalog;
import io.sam4j.zoo.signal.ClassBalance;
import io.sam4j.zoo.signal.SignalAugmentation;
import io.sam4j.zoo.signal.SignalCatalog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything a training run is made from, resolved, typed and checked: what {@code train},
 * {@code --resume}, {@code sweep} and {@code demo} build, and what a run's {@code config.json}
 * records. Immutable; build it with {@link #of}.
 *
 * @param data the data and how it is batched
 * @param model the network and its initialization
 * @param optimization the base optimizer, its schedule and the loss
 * @param sam the training-step strategy
 * @param run seeds, threads, device and in-training measurements
 * @param preset the preset the settings started from, if any
 * @param values the settings this spec was built from (what config.json records)
 */
public record RunSpec(
        DataSettings data,
        ModelSettings model,
        OptimizationSettings optimization,
        SamSettings sam,
        RunSettings run,
        Optional<String> preset,
        SettingValues values) {

    /** The kind of data a dataset name selects. */
    public enum DataKind {
        IMAGES,
        SIGNALS,
        GRAPHS
    }

    /** A dataset's augmentations, parsed for its kind of data. */
    public sealed interface Augment {
        /** Image augmentations. */
        record Images(AugmentationSpec spec) implements Augment {}

        /** Signal augmentations. */
        record Signals(SignalAugmentation spec) implements Augment {}

        /** Graphs have none. */
        record None() implements Augment {}
    }

    /** The data: which dataset, which part of it, how it is altered and batched. */
    public record DataSettings(
            String dataset,
            DataKind kind,
            Path dataDir,
            Augment augment,
            int imageSize,
            ClassBalance balance,
            HoldOutSplit split,
            Integer trainLimit,
            Integer testLimit,
            Double validationSplit,
            Double tuneSplit,
            double labelNoise,
            Cifar100Labels cifar100Labels,
            boolean svhnExtra,
            int batchSize,
            int evalBatchSize,
            int workers) {

        /** Starts a {@code DataSettings} whose every component is set by name. */
        static Builder builder() {
            return new Builder();
        }

        /**
         * Sets each component by name, so that two of one type cannot swap places; {@code build} names
         * a component left unset (dataDir, split, the limits and the held-out fractions may stay null: not
         * given).
         */
        static final class Builder {
            private String dataset;
            private DataKind kind;
            private Path dataDir;
            private Augment augment;
            private Integer imageSize;
            private ClassBalance balance;
            private HoldOutSplit split;
            private Integer trainLimit;
            private Integer testLimit;
            private Double validationSplit;
            private Double tuneSplit;
            private Double labelNoise;
            private Cifar100Labels cifar100Labels;
            private Boolean svhnExtra;
            private Integer batchSize;
            private Integer evalBatchSize;
            private Integer workers;

            private Builder() {}

            Builder dataset(String value) {
                dataset = value;
                return this;
            }

            Builder kind(DataKind value) {
                kind = value;
                return this;
            }

            Builder dataDir(Path value) {
                dataDir = value;
                return this;
            }

            Builder augment(Augment value) {
                augment = value;
                return this;
            }

            Builder imageSize(int value) {
                imageSize = value;
                return this;
            }

            Builder balance(ClassBalance value) {
                balance = value;
                return this;
            }

            Builder split(HoldOutSplit value) {
                split = value;
                return this;
            }

            Builder trainLimit(Integer value) {
                trainLimit = value;
                return this;
            }

            Builder testLimit(Integer value) {
                testLimit = value;
                return this;
            }

            Builder validationSplit(Double value) {
                validationSplit = value;
                return this;
            }

            Builder tuneSplit(Double value) {
                tuneSplit = value;
                return this;
            }

            Builder labelNoise(double value) {
                labelNoise = value;
                return this;
            }

            Builder cifar100Labels(Cifar100Labels value) {
                cifar100Labels = value;
                return this;
            }

            Builder svhnExtra(boolean value) {
                svhnExtra = value;
                return this;
            }

            Builder batchSize(int value) {
                batchSize = value;
                return this;
            }

            Builder evalBatchSize(int value) {
                evalBatchSize = value;
                return this;
            }

            Builder workers(int value) {
                workers = value;
                return this;
            }

            DataSettings build() {
                return new DataSettings(
                        required(dataset, "dataset"),
                        required(kind, "kind"),
                        dataDir,
                        required(augment, "augment"),
                        required(imageSize, "imageSize"),
                        required(balance, "balance"),
                        split,
                        trainLimit,
                        testLimit,
                        validationSplit,
                        tuneSplit,
                        required(labelNoise, "labelNoise"),
                        required(cifar100Labels, "cifar100Labels"),
                        required(svhnExtra, "svhnExtra"),
                        required(batchSize, "batchSize"),
                        required(evalBatchSize, "evalBatchSize"),
                        required(workers, "workers"));
            }
        }

        /** Returns the image augmentations; only for image data. */
        public AugmentationSpec imageAugment() {
            return augment instanceof Augment.Images images ? images.spec() : AugmentationSpec.none();
        }

        /** Returns the signal augmentations; only for signals. */
        public SignalAugmentation signalAugment() {
            return augment instanceof Augment.Signals signals ? signals.spec() : SignalAugmentation.parse("none");
        }
    }

    /** The network, its regularisation (null: the model's reference rates) and where its weights start. */
    public record ModelSettings(String name, Double dropout, Double dropConnect, Path initFrom, boolean freezeBn) {
        /** Starts a {@code ModelSettings} whose every component is set by name. */
        static Builder builder() {
            return new Builder();
        }

        /**
         * Sets each component by name, so that two of one type cannot swap places; {@code build} names
         * a component left unset (dropout, dropConnect and initFrom may stay null: not given).
         */
        static final class Builder {
            private String name;
            private Double dropout;
            private Double dropConnect;
            private Path initFrom;
            private Boolean freezeBn;

            private Builder() {}

            Builder name(String value) {
                name = value;
                return this;
            }

            Builder dropout(Double value) {
                dropout = value;
                return this;
            }

            Builder dropConnect(Double value) {
                dropConnect = value;
                return this;
            }

            Builder initFrom(Path value) {
                initFrom = value;
                return this;
            }

            Builder freezeBn(boolean value) {
                freezeBn = value;
                return this;
            }

            ModelSettings build() {
                return new ModelSettings(
                        required(name, "name"), dropout, dropConnect, initFrom, required(freezeBn, "freezeBn"));
            }
        }
    }

    /** The base optimizer, its learning-rate schedule and the loss's terms. */
    public record OptimizationSettings(
            BaseOptimizer optimizer,
            double lr,
            double momentum,
            boolean nesterov,
            double weightDecay,
            WeightDecayMode weightDecayMode,
            WeightDecayOn weightDecayOn,
            int epochs,
            Schedule schedule,
            List<Double> lrMilestones,
            double lrGamma,
            double warmupEpochs,
            double labelSmoothing,
            double clipNorm) {
        /** Starts a {@code OptimizationSettings} whose every component is set by name. */
        static Builder builder() {
            return new Builder();
        }

        /**
         * Sets each component by name, so that two of one type cannot swap places; {@code build} names
         * a component left unset.
         */
        static final class Builder {
            private BaseOptimizer optimizer;
            private Double lr;
            private Double momentum;
            private Boolean nesterov;
            private Double weightDecay;
            private WeightDecayMode weightDecayMode;
            private WeightDecayOn weightDecayOn;
            private Integer epochs;
            private Schedule schedule;
            private List<Double> lrMilestones;
            private Double lrGamma;
            private Double warmupEpochs;
            private Double labelSmoothing;
            private Double clipNorm;

            private Builder() {}

            Builder optimizer(BaseOptimizer value) {
                optimizer = value;
                return this;
            }

            Builder lr(double value) {
                lr = value;
                return this;
            }

            Builder momentum(double value) {
                momentum = value;
                return this;
            }

            Builder nesterov(boolean value) {
                nesterov = value;
                return this;
            }

            Builder weightDecay(double value) {
                weightDecay = value;
                return this;
            }

            Builder weightDecayMode(WeightDecayMode value) {
                weightDecayMode = value;
                return this;
            }

            Builder weightDecayOn(WeightDecayOn value) {
                weightDecayOn = value;
                return this;
            }

            Builder epochs(int value) {
                epochs = value;
                return this;
            }

            Builder schedule(Schedule value) {
                schedule = value;
                return this;
            }

            Builder lrMilestones(List<Double> value) {
                lrMilestones = value;
                return this;
            }

            Builder lrGamma(double value) {
                lrGamma = value;
                return this;
            }

            Builder warmupEpochs(double value) {
                warmupEpochs = value;
                return this;
            }

            Builder labelSmoothing(double value) {
                labelSmoothing = value;
                return this;
            }

            Builder clipNorm(double value) {
                clipNorm = value;
                return this;
            }

            OptimizationSettings build() {
                return new OptimizationSettings(
                        required(optimizer, "optimizer"),
                        required(lr, "lr"),
                        required(momentum, "momentum"),
                        required(nesterov, "nesterov"),
                        required(weightDecay, "weightDecay"),
                        required(weightDecayMode, "weightDecayMode"),
                        required(weightDecayOn, "weightDecayOn"),
                        required(epochs, "epochs"),
                        required(schedule, "schedule"),
                        required(lrMilestones, "lrMilestones"),
                        required(lrGamma, "lrGamma"),
                        required(warmupEpochs, "warmupEpochs"),
                        required(labelSmoothing, "labelSmoothing"),
                        required(clipNorm, "clipNorm"));
            }
        }
    }

    /**
     * The training-step method of the core's catalog, its parameters' values (defaults filled in), and
     * the micro-batches each step accumulates over.
     */
    public record SamSettings(SamMethod method, SamMethod.Values parameters, int accumulate) {

        /** Returns whether the step is the base optimizer's alone. */
        public boolean isBase() {
            return "none".equals(method.name());
        }

        /** Describes the method and its parameters, e.g. {@code looksam (k 5, looksam-alpha 0.7, rho 0.05)}. */
        public String describe() {
            List<String> parts = new ArrayList<>();
            for (var parameter : method.parameters()) {
                double value = parameters.decimal(parameter.name());
                parts.add(parameter.name() + " "
                        + Settings.find(parameter.name())
                                .orElseThrow()
                                .format(parameter.kind() == SamParameter.Kind.INTEGER ? (Object) (int) value : value));
            }
            return method.name() + (parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")");
        }
    }

    /** The seed, the engine's threads and the measurements taken while training. */
    public record RunSettings(
            long seed, int threads, String device, int evalEvery, int hessianEvery, boolean hessianTrace) {
        /** Starts a {@code RunSettings} whose every component is set by name. */
        static Builder builder() {
            return new Builder();
        }

        /**
         * Sets each component by name, so that two of one type cannot swap places; {@code build} names
         * a component left unset (device may stay null: the engine's default).
         */
        static final class Builder {
            private Long seed;
            private Integer threads;
            private String device;
            private Integer evalEvery;
            private Integer hessianEvery;
            private Boolean hessianTrace;

            private Builder() {}

            Builder seed(long value) {
                seed = value;
                return this;
            }

            Builder threads(int value) {
                threads = value;
                return this;
            }

            Builder device(String value) {
                device = value;
                return this;
            }

            Builder evalEvery(int value) {
                evalEvery = value;
                return this;
            }

            Builder hessianEvery(int value) {
                hessianEvery = value;
                return this;
            }

            Builder hessianTrace(boolean value) {
                hessianTrace = value;
                return this;
            }

            RunSettings build() {
                return new RunSettings(
                        required(seed, "seed"),
                        required(threads, "threads"),
                        device,
                        required(evalEvery, "evalEvery"),
                        required(hessianEvery, "hessianEvery"),
                        required(hessianTrace, "hessianTrace"));
            }
        }
    }

    /**
     * Builds and checks a spec: parses the dataset-dependent values (augmentations) and checks every
     * rule that spans settings, naming the flags involved.
     *
     * @throws UserError for an unknown dataset or model, or settings that contradict each other
     */
    public static RunSpec of(SettingValues values, Optional<String> preset) {
        values = withMethodDefaults(withoutIgnoredMethodSettings(values));
        DataSettings data = data(values);
        ModelSettings model = ModelSettings.builder()
                .name(values.get(MODEL))
                .dropout(values.get(DROPOUT))
                .dropConnect(values.get(DROP_CONNECT))
                .initFrom(values.get(INIT_FROM))
                .freezeBn(values.get(FREEZE_BN))
                .build();
        checkModel(model.name());
        BaseOptimizer optimizer = values.get(OPTIMIZER);
        if (values.get(WEIGHT_DECAY_MODE) == null) {
            // Derived, then recorded: a run's config.json states the convention it trained with.
            values = values.with(
                    WEIGHT_DECAY_MODE,
                    optimizer == BaseOptimizer.ADAMW ? WeightDecayMode.OPTIMIZER : WeightDecayMode.LOSS,
                    Origin.DEFAULT);
        }
        WeightDecayMode decayMode = values.get(WEIGHT_DECAY_MODE);
        OptimizationSettings optimization = OptimizationSettings.builder()
                .optimizer(optimizer)
                .lr(values.get(LR))
                .momentum(values.get(MOMENTUM))
                .nesterov(values.get(NESTEROV))
                .weightDecay(values.get(WEIGHT_DECAY))
                .weightDecayMode(decayMode)
                .weightDecayOn(values.get(WEIGHT_DECAY_ON))
                .epochs(values.get(EPOCHS))
                .schedule(values.get(SCHEDULE))
                .lrMilestones(values.get(LR_MILESTONES))
                .lrGamma(values.get(LR_GAMMA))
                .warmupEpochs(values.get(WARMUP_EPOCHS))
                .labelSmoothing(values.get(LABEL_SMOOTHING))
                .clipNorm(values.get(CLIP_NORM))
                .build();
        checkOptimization(optimization);
        checkDecayScope(values, optimization);
        SamSettings sam = sam(values);
        RunSettings run = RunSettings.builder()
                .seed(values.get(SEED))
                .threads(values.get(THREADS))
                .device(values.get(DEVICE))
                .evalEvery(values.get(EVAL_EVERY))
                .hessianEvery(values.get(HESSIAN_EVERY))
                .hessianTrace(values.get(HESSIAN_TRACE))
                .build();
        if (run.hessianTrace() && run.hessianEvery() == 0) {
            throw new UserError("--hessian-trace needs --hessian-every E (E >= 1)");
        }
        return new RunSpec(data, model, optimization, sam, run, preset.map(String::trim), values);
    }

    /** Returns the same spec with {@code setting} changed (and checked again). */
    public <T> RunSpec with(Setting<T> setting, T value, Origin origin) {
        return of(values.with(setting, value, origin), preset);
    }

    /** Returns the record of {@code config.json}: every setting under its name, and the preset. */
    public ObjectNode toJson() {
        ObjectNode node = values.toJson();
        preset.ifPresent(p -> node.put(SettingsFile.PRESET_KEY, p));
        return node;
    }

    /**
     * Drops, with a note, a SAM-family setting that the chosen method does not read ({@code --sam none
     * --rho 0.3}, {@code --sam sam --k 3}), so that the run's record does not show it as applied. A
     * note rather than an error, because a sweep's shared flags (say {@code --rho} across {@code
     * sam=none,sam,looksam}) reach every method of its grid.
     */
    private static SettingValues withoutIgnoredMethodSettings(SettingValues values) {
        SamMethod method = values.get(SAM);
        Set<String> read = new LinkedHashSet<>();
        method.parameters().forEach(p -> read.add(p.name()));
        for (Setting<?> setting : Settings.SAM_PARAMETERS) {
            // Flags only: a run's own config.json records every setting, and a preset sets what it sets.
            if (values.origin(setting).kind() == Origin.Kind.FLAG && !read.contains(setting.name())) {
                System.err.println("sam4j: note: --" + setting.name() + " does not apply to --sam " + method.name()
                        + (read.isEmpty() ? "" : " (it reads --" + String.join(", --", read) + ")")
                        + "; ignored, and not recorded");
                values = values.without(setting);
            }
        }
        return values;
    }

    /**
     * Sets each parameter of the chosen method that nothing set (no flag, config key or preset) to the
     * method's own default, its authors' value ({@code --sam asam}: ρ 0.5): recorded, so that a run's
     * config.json states the values it trained with.
     */
    private static SettingValues withMethodDefaults(SettingValues values) {
        SamMethod method = values.get(SAM);
        for (SamParameter parameter : method.parameters()) {
            Setting<?> setting = Settings.find(parameter.name()).orElseThrow();
            // A value derived earlier (Origin.DEFAULT) is derived again: the method may have changed since.
            if (values.origin(setting).kind() == Origin.Kind.DEFAULT) {
                values = withNumber(values, setting, parameter, method.defaultValue(parameter.name()));
            }
        }
        return values;
    }

    @SuppressWarnings("unchecked")
    private static SettingValues withNumber(
            SettingValues values, Setting<?> setting, SamParameter parameter, double value) {
        if (parameter.kind() == SamParameter.Kind.INTEGER) {
            return values.with((Setting<Integer>) setting, (int) value, Origin.DEFAULT);
        }
        return values.with((Setting<Double>) setting, value, Origin.DEFAULT);
    }

    private static SamSettings sam(SettingValues values) {
        SamMethod method = values.get(SAM);
        Map<String, Number> given = new LinkedHashMap<>();
        for (var parameter : method.parameters()) {
            Setting<?> setting = Settings.find(parameter.name()).orElseThrow();
            given.put(parameter.name(), (Number) values.get(setting));
        }
        try {
            return new SamSettings(method, method.resolve(given), values.get(ACCUMULATE));
        } catch (IllegalArgumentException e) {
            throw new UserError("--sam " + method.name() + ": " + e.getMessage());
        }
    }

    private static DataSettings data(SettingValues values) {
        String dataset = values.get(DATASET);
        DataKind kind = TuDatasets.isTu(dataset)
                ? DataKind.GRAPHS
                : SignalCatalog.contains(dataset) ? DataKind.SIGNALS : DataKind.IMAGES;
        if (kind == DataKind.IMAGES && !ImageFolders.isFolder(dataset) && !DatasetCatalog.contains(dataset)) {
            List<String> known = new ArrayList<>(DatasetCatalog.names());
            known.addAll(SignalCatalog.names());
            throw new DatasetException("unknown dataset '" + dataset + "'" + Suggestions.didYouMean(dataset, known)
                    + "; known: " + String.join(", ", known) + ", folder:PATH, tu:NAME (a TU graph dataset)");
        }
        List<String> imageOnly = new ArrayList<>();
        if (values.get(TUNE_SPLIT) != null && values.get(VALIDATION_SPLIT) != null) {
            throw new UserError("--tune-split and --validation-split both replace the test set: give one");
        }
        if (kind != DataKind.IMAGES) {
            given(values, VALIDATION_SPLIT, imageOnly);
            given(values, TUNE_SPLIT, imageOnly);
            if (values.get(LABEL_NOISE) > 0) {
                imageOnly.add(LABEL_NOISE.flag());
            }
            if (!imageOnly.isEmpty()) {
                throw new UserError(String.join(", ", imageOnly) + (imageOnly.size() == 1 ? " applies" : " apply")
                        + " to image datasets, not to " + dataset);
            }
        } else {
            if (!values.get(BALANCE).isNone()) {
                throw new UserError("--balance applies to signal and graph datasets ("
                        + String.join(", ", SignalCatalog.names()) + ", tu:NAME), not to " + dataset);
            }
            if (values.get(SPLIT) != null) {
                throw new UserError(
                        "--split applies to datasets without a test set (ptbdb, tu:NAME), not to " + dataset);
            }
        }
        if (values.get(IMAGE_SIZE) != null && !ImageFolders.isFolder(dataset)) {
            throw new UserError("--image-size applies only to folder:PATH datasets, not '" + dataset + "'");
        }
        if (values.get(CIFAR100_LABELS) == Cifar100Labels.COARSE && !"cifar100".equals(dataset)) {
            throw new UserError("--cifar100-labels coarse needs --dataset cifar100, not '" + dataset + "'");
        }
        if (values.get(SVHN_EXTRA) && !"svhn".equals(dataset)) {
            throw new UserError("--svhn-extra needs --dataset svhn, not '" + dataset + "'");
        }
        int imageSize = values.get(IMAGE_SIZE) != null ? values.get(IMAGE_SIZE) : defaultImageSize(values.get(MODEL));
        return DataSettings.builder()
                .dataset(dataset)
                .kind(kind)
                .dataDir(values.get(DATA_DIR))
                .augment(augment(values.get(AUGMENT), kind, dataset, values.origin(AUGMENT)))
                .imageSize(imageSize)
                .balance(values.get(BALANCE))
                .split(values.get(SPLIT))
                .trainLimit(values.get(TRAIN_LIMIT))
                .testLimit(values.get(TEST_LIMIT))
                .validationSplit(values.get(VALIDATION_SPLIT))
                .tuneSplit(values.get(TUNE_SPLIT))
                .labelNoise(values.get(LABEL_NOISE))
                .cifar100Labels(values.get(CIFAR100_LABELS))
                .svhnExtra(values.get(SVHN_EXTRA))
                .batchSize(values.get(BATCH_SIZE))
                .evalBatchSize(values.get(EVAL_BATCH_SIZE))
                .workers(values.get(WORKERS))
                .build();
    }

    /** Folder images are resized to the model's own resolution (EfficientNet's), else to the common 224. */
    private static int defaultImageSize(String model) {
        try {
            return ModelCatalog.standard().defaultResolution(model).orElse(ImageFolders.DEFAULT_IMAGE_SIZE);
        } catch (IllegalArgumentException e) {
            // An unknown model is reported by checkModel, with suggestions.
            return ImageFolders.DEFAULT_IMAGE_SIZE;
        }
    }

    private static Augment augment(String text, DataKind kind, String dataset, Origin origin) {
        try {
            return switch (kind) {
                case IMAGES -> new Augment.Images(AugmentationSpec.parse(text));
                case SIGNALS -> new Augment.Signals(SignalAugmentation.parse(text));
                case GRAPHS -> {
                    if (!"none".equals(text.trim())) {
                        throw new IllegalArgumentException(
                                "graph datasets have no augmentations, but got '" + text + "'");
                    }
                    yield new Augment.None();
                }
            };
        } catch (IllegalArgumentException e) {
            throw new UserError(origin.subject(AUGMENT) + ": " + e.getMessage() + origin.suffix());
        }
    }

    private static void checkModel(String name) {
        try {
            ModelCatalog.standard().resolve(name);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }

    private static void checkOptimization(OptimizationSettings o) {
        if (o.warmupEpochs() >= o.epochs()) {
            throw new UserError(
                    "--warmup-epochs must be less than --epochs (" + o.epochs() + ") but was " + o.warmupEpochs());
        }
        if (o.nesterov() && o.momentum() == 0) {
            throw new UserError("--nesterov needs --momentum > 0");
        }
        if (o.optimizer() == BaseOptimizer.ADAMW && o.weightDecayMode() == WeightDecayMode.LOSS) {
            throw new UserError("--optimizer adamw decays weights itself: use --weight-decay-mode optimizer");
        }
    }

    /** {@code --weight-decay-on} chooses the loss term's tensors; the optimizer's decay covers every parameter. */
    private static void checkDecayScope(SettingValues values, OptimizationSettings o) {
        Origin origin = values.origin(WEIGHT_DECAY_ON);
        boolean chosen = origin.kind() == Origin.Kind.FLAG
                || origin.kind() == Origin.Kind.FILE
                || origin.kind() == Origin.Kind.PRESET;
        if (chosen && o.weightDecayMode() == WeightDecayMode.OPTIMIZER) {
            throw new UserError(origin.subject(WEIGHT_DECAY_ON) + " applies to --weight-decay-mode loss; the"
                    + " optimizer's weight decay covers every parameter" + origin.suffix());
        }
    }

    /** A record builder's check that a component was set; {@code name} is the component's. */
    private static <T> T required(T value, String name) {
        if (value == null) {
            throw new IllegalStateException(name + " was not set");
        }
        return value;
    }

    private static void given(SettingValues values, Setting<?> setting, List<String> into) {
        if (values.get(setting) != null) {
            into.add(setting.flag());
        }
    }
}
