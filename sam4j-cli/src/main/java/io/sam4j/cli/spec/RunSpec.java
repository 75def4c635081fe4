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
    public record ModelSettings(String name, Double dropout, Double dropConnect, Path initFrom, boolean freezeBn) {}

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
            double clipNorm) {}

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
            long seed, int threads, String device, int evalEvery, int hessianEvery, boolean hessianTrace) {}

    /**
     * Builds and checks a spec: parses the dataset-dependent values (augmentations) and checks every
     * rule that spans settings, naming the flags involved.
     *
     * @throws UserError for an unknown dataset or model, or settings that contradict each other
     */
    public static RunSpec of(SettingValues values, Optional<String> preset) {
        values = withMethodDefaults(withoutIgnoredMethodSettings(values));
        DataSettings data = data(values);
        ModelSettings model = new ModelSettings(
                values.get(MODEL),
                values.get(DROPOUT),
                values.get(DROP_CONNECT),
                values.get(INIT_FROM),
                values.get(FREEZE_BN));
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
        OptimizationSettings optimization = new OptimizationSettings(
                optimizer,
                values.get(LR),
                values.get(MOMENTUM),
                values.get(NESTEROV),
                values.get(WEIGHT_DECAY),
                decayMode,
                values.get(WEIGHT_DECAY_ON),
                values.get(EPOCHS),
                values.get(SCHEDULE),
                values.get(LR_MILESTONES),
                values.get(LR_GAMMA),
                values.get(WARMUP_EPOCHS),
                values.get(LABEL_SMOOTHING),
                values.get(CLIP_NORM));
        checkOptimization(optimization);
        checkDecayScope(values, optimization);
        SamSettings sam = sam(values);
        RunSettings run = new RunSettings(
                values.get(SEED),
                values.get(THREADS),
                values.get(DEVICE),
                values.get(EVAL_EVERY),
                values.get(HESSIAN_EVERY),
                values.get(HESSIAN_TRACE));
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
        return new DataSettings(
                dataset,
                kind,
                values.get(DATA_DIR),
                augment(values.get(AUGMENT), kind, dataset, values.origin(AUGMENT)),
                imageSize,
                values.get(BALANCE),
                values.get(SPLIT),
                values.get(TRAIN_LIMIT),
                values.get(TEST_LIMIT),
                values.get(VALIDATION_SPLIT),
                values.get(TUNE_SPLIT),
                values.get(LABEL_NOISE),
                values.get(CIFAR100_LABELS),
                values.get(SVHN_EXTRA),
                values.get(BATCH_SIZE),
                values.get(EVAL_BATCH_SIZE),
                values.get(WORKERS));
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

    private static void given(SettingValues values, Setting<?> setting, List<String> into) {
        if (values.get(setting) != null) {
            into.add(setting.flag());
        }
    }
}
