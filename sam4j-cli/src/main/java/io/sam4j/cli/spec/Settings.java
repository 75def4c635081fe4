package io.sam4j.cli.spec;

import io.sam4j.cli.spec.Choices.BaseOptimizer;
import io.sam4j.cli.spec.Choices.Cifar100Labels;
import io.sam4j.cli.spec.Choices.Schedule;
import io.sam4j.cli.spec.Choices.WeightDecayMode;
import io.sam4j.cli.spec.Choices.WeightDecayOn;
import io.sam4j.cli.spec.Setting.Group;
import io.sam4j.core.sam.SamMethod;
import io.sam4j.core.sam.SamMethods;
import io.sam4j.core.sam.SamParameter;
import io.sam4j.core.util.Suggestions;
import io.sam4j.zoo.data.HoldOutSplit;
import io.sam4j.zoo.data.ImageFolders;
import io.sam4j.zoo.graph.TuDatasets;
import io.sam4j.zoo.signal.ClassBalance;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Every setting of {@code sam4j train}, each declared once. Adding a setting means adding one
 * declaration here, through {@code declare} (which registers it in {@link #ALL}), plus the code that
 * uses it: the flag, the config-file key, the sweep axis, the resume rule and the README's table follow.
 */
public final class Settings {

    private Settings() {}

    /**
     * The settings declared so far, in declaration order (static initializers run in textual order). Each
     * declaration below registers itself through {@code declare}, so that no list of settings can leave
     * one out: a setting missing from {@link #ALL} would silently read its default.
     */
    private static final List<Setting<?>> DECLARED = new ArrayList<>();

    // ---- Data

    public static final Setting<String> DATASET =
            declare(Setting.builder("dataset", ValueType.mapped("a dataset name", Settings::datasetName, s -> s))
                    .optDefault("fashion-mnist")
                    .optParamLabel("NAME")
                    .setHelp("Dataset name (see 'sam4j datasets list'), folder:PATH for PATH/train/CLASS/*.jpg|png and"
                            + " PATH/test (or val), or tu:NAME for a TU graph dataset.")
                    .setGroup(Group.DATA)
                    .build());

    public static final Setting<Path> DATA_DIR = declare(Setting.builder("data-dir", ValueType.path())
            .optParamLabel("DIR")
            .setHelp("Root holding one folder per dataset (searched before $SAM4J_DATA, ~/.sam4j/datasets,"
                    + " /usr/share/datasets).")
            .setGroup(Group.DATA)
            .optResumable()
            .optNoAxis()
            .build());

    public static final Setting<String> AUGMENT =
            declare(Setting.builder("augment", ValueType.mapped("an augmentation list", s -> s, s -> s))
                    .optDefault("none")
                    .optParamLabel("LIST")
                    .setHelp("Comma list: none, basic, crop, crop-reflect, flip, cutout[:N], cutout-batch[:N],"
                            + " autoaugment[:cifar10|svhn], randaugment[:N:M]; for signals: scale[:S], shift[:K],"
                            + " noise[:SIGMA].")
                    .setGroup(Group.DATA)
                    .build());

    public static final Setting<Integer> IMAGE_SIZE = declare(Setting.builder("image-size", ValueType.integer(8))
            .optParamLabel("S")
            .optDefaultText("the model's resolution, " + ImageFolders.DEFAULT_IMAGE_SIZE + " for most")
            .setHelp("Model input side for folder:PATH datasets; images are stored at round(S/0.875) and"
                    + " cropped to S.")
            .setGroup(Group.DATA)
            .build());

    public static final Setting<ClassBalance> BALANCE = declare(
            Setting.builder("balance", ValueType.mapped("a class balance", ClassBalance::parse, ClassBalance::toString))
                    .optDefault(ClassBalance.NONE)
                    .optParamLabel("downsample:C=N|R")
                    .setHelp("Signals and graphs: keep N examples (or the ratio R, with a decimal point) of training"
                            + " class C, seeded; several classes comma-separated.")
                    .setGroup(Group.DATA)
                    .build());

    public static final Setting<HoldOutSplit> SPLIT =
            declare(Setting.builder("split", ValueType.mapped("a split", HoldOutSplit::parse, HoldOutSplit::toString))
                    .optParamLabel("F|kfold:K:I")
                    .optDefaultText(HoldOutSplit.DEFAULT.toString())
                    .setHelp("Datasets without a test set (tu:NAME, ptbdb): hold out the fraction F, or fold I of K,"
                            + " seeded and stratified.")
                    .setGroup(Group.DATA)
                    .build());

    public static final Setting<Integer> TRAIN_LIMIT = declare(Setting.builder("train-limit", ValueType.integer(1))
            .optParamLabel("N")
            .setHelp("Train on a seeded, class-stratified subset of N examples.")
            .setGroup(Group.DATA)
            .build());

    public static final Setting<Integer> TEST_LIMIT = declare(Setting.builder("test-limit", ValueType.integer(1))
            .optParamLabel("N")
            .setHelp("Evaluate on a seeded, class-stratified subset of N examples.")
            .setGroup(Group.DATA)
            .build());

    public static final Setting<Double> VALIDATION_SPLIT = declare(
            Setting.builder("validation-split", ValueType.decimal().above(0).below(1))
                    .optParamLabel("F")
                    .setHelp("Hold out a seeded, class-stratified fraction F of the training set and evaluate on it"
                            + " instead of the test set (the test_* metrics then mean validation).")
                    .setGroup(Group.DATA)
                    .build());

    public static final Setting<Double> TUNE_SPLIT =
            declare(Setting.builder("tune-split", ValueType.decimal().above(0).below(1))
                    .optParamLabel("F")
                    .setHelp("Hold out a seeded, class-stratified fraction F of the training set as --train-limit"
                            + " and --label-noise leave it (labels as noisy as the rest) and evaluate on it instead of"
                            + " the test set: the tuning runs of 'sam4j compare'.")
                    .setGroup(Group.DATA)
                    .build());

    public static final Setting<Double> LABEL_NOISE = declare(
            Setting.builder("label-noise", ValueType.decimal().atLeast(0).atMost(1))
                    .optDefault(0.0)
                    .optParamLabel("P")
                    .setHelp("Give a seeded fraction P of the training labels a uniformly drawn wrong class"
                            + " (evaluation labels stay clean).")
                    .setGroup(Group.DATA)
                    .build());

    public static final Setting<Cifar100Labels> CIFAR100_LABELS =
            declare(Setting.builder("cifar100-labels", ValueType.choice(Cifar100Labels.class))
                    .optDefault(Cifar100Labels.FINE)
                    .optParamLabel("fine|coarse")
                    .setHelp("CIFAR-100's 100 fine or 20 coarse labels.")
                    .setGroup(Group.DATA)
                    .build());

    public static final Setting<Boolean> SVHN_EXTRA = declare(Setting.builder("svhn-extra", ValueType.bool())
            .optDefault(false)
            .setHelp("Also train on SVHN's extra_32x32.mat, as the paper did.")
            .setGroup(Group.DATA)
            .build());

    public static final Setting<Integer> BATCH_SIZE = declare(Setting.builder("batch-size", ValueType.integer(1))
            .optDefault(128)
            .optParamLabel("N")
            .setHelp("Training batch size.")
            .setGroup(Group.DATA)
            .build());

    public static final Setting<Integer> EVAL_BATCH_SIZE =
            declare(Setting.builder("eval-batch-size", ValueType.integer(1))
                    .optDefault(500)
                    .optParamLabel("N")
                    .setHelp("Evaluation batch size.")
                    .setGroup(Group.DATA)
                    .build());

    public static final Setting<Integer> WORKERS = declare(Setting.builder("workers", ValueType.integer(0))
            .optDefault(1)
            .optParamLabel("N")
            .setHelp("Data-loading threads.")
            .setGroup(Group.DATA)
            .optResumable()
            .optNoAxis()
            .build());

    // ---- Model

    public static final Setting<String> MODEL =
            declare(Setting.builder("model", ValueType.mapped("a model name", s -> s.toLowerCase(Locale.ROOT), s -> s))
                    .optDefault("cnn")
                    .optParamLabel("NAME")
                    .setHelp("Model name (see 'sam4j models list').")
                    .setGroup(Group.MODEL)
                    .build());

    public static final Setting<Double> DROPOUT = declare(Setting.builder(
                    "dropout", ValueType.decimal().atLeast(0).below(1))
            .optParamLabel("P")
            .optDefaultText("the model's reference rate: 0.2-0.5 for EfficientNet, else 0")
            .setHelp("Dropout rate where the model has dropout (WideResNet, EfficientNet's head); 0 turns it off.")
            .setGroup(Group.MODEL)
            .build());

    public static final Setting<Double> DROP_CONNECT = declare(Setting.builder(
                    "drop-connect", ValueType.decimal().atLeast(0).below(1))
            .optParamLabel("P")
            .optDefaultText("the model's reference rate: 0.2 for EfficientNet, else none")
            .setHelp("Stochastic-depth (drop-connect) rate of the last block where the model has it (EfficientNet),"
                    + " seeded per step so SAM's two passes agree.")
            .setGroup(Group.MODEL)
            .build());

    public static final Setting<Path> INIT_FROM = declare(Setting.builder("init-from", ValueType.path())
            .optParamLabel("RUN_DIR|FILE")
            .setHelp("Start from these weights: a run directory, or a .safetensors or .npz file with PyTorch"
                    + " names; a head of another class count starts fresh.")
            .setGroup(Group.MODEL)
            .optNoAxis()
            .build());

    public static final Setting<Boolean> FREEZE_BN = declare(Setting.builder("freeze-bn", ValueType.bool())
            .optDefault(false)
            .setHelp("Keep BatchNorm running statistics fixed and normalize with them, as fine-tuning in the SAM"
                    + " paper.")
            .setGroup(Group.MODEL)
            .build());

    // ---- Optimization

    public static final Setting<BaseOptimizer> OPTIMIZER =
            declare(Setting.builder("optimizer", ValueType.choice(BaseOptimizer.class))
                    .optDefault(BaseOptimizer.SGD)
                    .optParamLabel("sgd|adam|adamw")
                    .setHelp("Base optimizer.")
                    .setGroup(Group.OPTIMIZATION)
                    .build());

    public static final Setting<Double> LR =
            declare(Setting.builder("lr", ValueType.decimal().above(0))
                    .optDefault(0.05)
                    .optParamLabel("LR")
                    .setHelp("Peak learning rate.")
                    .setGroup(Group.OPTIMIZATION)
                    .build());

    public static final Setting<Double> MOMENTUM =
            declare(Setting.builder("momentum", ValueType.decimal().atLeast(0).below(1))
                    .optDefault(0.9)
                    .optParamLabel("M")
                    .setHelp("SGD momentum, PyTorch convention.")
                    .setGroup(Group.OPTIMIZATION)
                    .optAppliesTo(spec -> spec.optimization().optimizer() == BaseOptimizer.SGD)
                    .build());

    public static final Setting<Boolean> NESTEROV = declare(Setting.builder("nesterov", ValueType.bool())
            .optDefault(false)
            .setHelp("Nesterov momentum.")
            .setGroup(Group.OPTIMIZATION)
            .optAppliesTo(spec -> spec.optimization().optimizer() == BaseOptimizer.SGD)
            .build());

    public static final Setting<Double> WEIGHT_DECAY =
            declare(Setting.builder("weight-decay", ValueType.decimal().atLeast(0))
                    .optDefault(5e-4)
                    .optParamLabel("L")
                    .setHelp("Weight decay λ.")
                    .setGroup(Group.OPTIMIZATION)
                    .build());

    public static final Setting<WeightDecayMode> WEIGHT_DECAY_MODE = declare(Setting.builder(
                    "weight-decay-mode", ValueType.choice(WeightDecayMode.class))
            .optParamLabel("loss|optimizer")
            .optDefaultText("optimizer for adamw, else loss")
            .setHelp("loss: L2 term in the loss, seen by SAM's ascent, where the official JAX code puts it, on the"
                    + " tensors --weight-decay-on names; optimizer: inside the base optimizer, on every parameter"
                    + " (PyTorch wrappers).")
            .setGroup(Group.OPTIMIZATION)
            .build());

    public static final Setting<WeightDecayOn> WEIGHT_DECAY_ON = declare(Setting.builder(
                    "weight-decay-on", ValueType.choice(WeightDecayOn.class))
            .optDefault(WeightDecayOn.RANK2)
            .optParamLabel("all|rank2")
            .setHelp("With --weight-decay-mode loss: all = every parameter, biases and BatchNorm's included (the"
                    + " official JAX code's default); rank2 = tensors of rank >= 2 only (its"
                    + " --no_weight_decay_on_bn).")
            .setGroup(Group.OPTIMIZATION)
            .optAppliesTo(spec -> spec.optimization().weightDecayMode() == WeightDecayMode.LOSS)
            .build());

    public static final Setting<Integer> EPOCHS = declare(Setting.builder("epochs", ValueType.integer(1))
            .optDefault(3)
            .optParamLabel("N")
            .setHelp("Total epochs of the run; --resume may raise it.")
            .setGroup(Group.OPTIMIZATION)
            .optResumable()
            .build());

    public static final Setting<Schedule> SCHEDULE =
            declare(Setting.builder("schedule", ValueType.choice(Schedule.class))
                    .optDefault(Schedule.COSINE)
                    .optParamLabel("cosine|step|constant")
                    .setHelp("Learning-rate schedule.")
                    .setGroup(Group.OPTIMIZATION)
                    .build());

    public static final Setting<List<Double>> LR_MILESTONES = declare(Setting.builder(
                    "lr-milestones",
                    ValueType.decimals(ValueType.decimal().atLeast(0).atMost(1)))
            .optDefault(List.of(0.5, 0.75))
            .optParamLabel("F,F,...")
            .setHelp("Fractions of training where 'step' multiplies the rate by --lr-gamma.")
            .setGroup(Group.OPTIMIZATION)
            .optNoAxis()
            .optAppliesTo(spec -> spec.optimization().schedule() == Schedule.STEP)
            .build());

    public static final Setting<Double> LR_GAMMA =
            declare(Setting.builder("lr-gamma", ValueType.decimal().above(0).atMost(1))
                    .optDefault(0.1)
                    .optParamLabel("G")
                    .setHelp("Factor of each 'step' drop.")
                    .setGroup(Group.OPTIMIZATION)
                    .optAppliesTo(spec -> spec.optimization().schedule() == Schedule.STEP)
                    .build());

    public static final Setting<Double> WARMUP_EPOCHS =
            declare(Setting.builder("warmup-epochs", ValueType.decimal().atLeast(0))
                    .optDefault(0.0)
                    .optParamLabel("E")
                    .setHelp("Linear warm-up length in epochs, may be fractional.")
                    .setGroup(Group.OPTIMIZATION)
                    .build());

    public static final Setting<Double> LABEL_SMOOTHING = declare(
            Setting.builder("label-smoothing", ValueType.decimal().atLeast(0).below(1))
                    .optDefault(0.0)
                    .optParamLabel("S")
                    .setHelp("Label smoothing.")
                    .setGroup(Group.OPTIMIZATION)
                    .build());

    public static final Setting<Double> CLIP_NORM =
            declare(Setting.builder("clip-norm", ValueType.decimal().atLeast(0))
                    .optDefault(0.0)
                    .optParamLabel("C")
                    .setHelp("Clip the descent gradient to this global norm; 0 = off.")
                    .setGroup(Group.OPTIMIZATION)
                    .build());

    // ---- SAM: the methods and their parameters come from the core's catalog (io.sam4j.core.sam.SamMethods)

    public static final Setting<SamMethod> SAM = declare(Setting.builder(
                    "sam",
                    ValueType.mapped(
                            "one of " + String.join(", ", SamMethods.names()), Settings::samMethod, SamMethod::name))
            .optDefault(SamMethods.named("sam"))
            .optParamLabel("METHOD")
            .setHelp("Training step: " + String.join(", ", SamMethods.names())
                    + " (see 'sam4j methods list'; none = the base optimizer alone).")
            .setGroup(Group.SAM)
            .build());

    public static final Setting<Integer> ACCUMULATE = declare(Setting.builder("accumulate", ValueType.integer(1))
            .optDefault(1)
            .optParamLabel("N")
            .setHelp("Accumulate each step's gradients over N micro-batches of the batch (SAM's ascent and"
                    + " descent each), with one micro-batch's memory. Without BatchNorm this is the step on the"
                    + " whole batch; with BatchNorm each micro-batch is normalized by its own statistics and the"
                    + " running statistics take N updates, one per clean micro-batch pass.")
            .setGroup(Group.SAM)
            .build());

    /** One setting per parameter of the catalog's methods, in catalog order; a name shared by methods is one setting. */
    public static final List<Setting<?>> SAM_PARAMETERS = declareAll(samParameters());

    public static final Setting<Double> RHO = samDecimal("rho");
    public static final Setting<Double> ETA = samDecimal("eta");
    public static final Setting<Integer> M = samInteger("m");

    // ---- Run

    public static final Setting<Long> SEED = declare(Setting.builder("seed", ValueType.longInteger())
            .optDefault(1L)
            .optParamLabel("S")
            .setHelp("The run's only seed.")
            .setGroup(Group.RUN)
            .build());

    public static final Setting<Integer> THREADS = declare(Setting.builder("threads", ValueType.integer(1))
            .optDefault(2)
            .optParamLabel("N")
            .setHelp("PyTorch intra-op threads.")
            .setGroup(Group.RUN)
            .optResumable()
            .optNoAxis()
            .build());

    public static final Setting<String> DEVICE = declare(Setting.builder(
                    "device",
                    ValueType.mapped(
                            "cpu, gpu or gpu:N",
                            text -> {
                                String name = text.toLowerCase(Locale.ROOT);
                                if (!name.matches("cpu|gpu(:\\d+)?")) {
                                    throw new IllegalArgumentException(
                                            "must be cpu, gpu or gpu:N but was '" + text + "'");
                                }
                                return name;
                            },
                            s -> s))
            .optParamLabel("cpu|gpu|gpu:N")
            .optDefaultText("the engine's default device")
            .setHelp(
                    "Where the model and every array of the run live; a GPU needs CUDA natives (docs/library.md, GPU).")
            .setGroup(Group.RUN)
            .optResumable()
            .optNoAxis()
            .build());

    public static final Setting<Integer> EVAL_EVERY = declare(Setting.builder("eval-every", ValueType.integer(1))
            .optDefault(1)
            .optParamLabel("N")
            .setHelp("Evaluate every N epochs and after the last; the other epochs log no test metrics.")
            .setGroup(Group.RUN)
            .optResumable()
            .optNoAxis()
            .build());

    public static final Setting<Integer> HESSIAN_EVERY = declare(Setting.builder("hessian-every", ValueType.integer(0))
            .optDefault(0)
            .optParamLabel("E")
            .setHelp("Record the Hessian's top eigenvalue (hessian_lambda_max) every E epochs; 0 = off.")
            .setGroup(Group.RUN)
            .build());

    public static final Setting<Boolean> HESSIAN_TRACE = declare(Setting.builder("hessian-trace", ValueType.bool())
            .optDefault(false)
            .setHelp("With --hessian-every: also record the Hessian's trace (hessian_trace).")
            .setGroup(Group.RUN)
            .build());

    /** Every setting, in help order: declaration order, the SAM parameters' after {@link #ACCUMULATE}. */
    public static final List<Setting<?>> ALL = List.copyOf(DECLARED);

    private static final Map<String, Setting<?>> BY_NAME = byName();

    private static List<Setting<?>> samParameters() {
        Map<String, Setting<?>> settings = new LinkedHashMap<>();
        for (SamMethod method : SamMethods.all()) {
            for (SamParameter parameter : method.parameters()) {
                settings.computeIfAbsent(parameter.name(), name -> samSetting(parameter));
            }
        }
        return List.copyOf(settings.values());
    }

    private static Setting<?> samSetting(SamParameter p) {
        Predicate<RunSpec> applies = spec -> spec.sam().method().parameter(p.name()) != null;
        String defaultText = perMethodDefaults(p);
        if (p.kind() == SamParameter.Kind.INTEGER) {
            Setting.Builder<Integer> builder = Setting.builder(p.name(), ValueType.integer((int) p.min()))
                    .optDefault((int) p.defaultValue())
                    .optParamLabel("N")
                    .setHelp(p.help() + ".")
                    .setGroup(Group.SAM)
                    .optAppliesTo(applies);
            return (defaultText == null ? builder : builder.optDefaultText(defaultText)).build();
        }
        ValueTypes.DecimalType type = ValueType.decimal().atLeast(p.min());
        if (!Double.isInfinite(p.max())) {
            type = p.maxExclusive() ? type.below(p.max()) : type.atMost(p.max());
        }
        Setting.Builder<Double> builder = Setting.builder(p.name(), type)
                .optDefault(p.defaultValue())
                .optParamLabel("X")
                .setHelp(p.help() + ".")
                .setGroup(Group.SAM)
                .optAppliesTo(applies);
        return (defaultText == null ? builder : builder.optDefaultText(defaultText)).build();
    }

    /**
     * Describes the defaults of a parameter whose methods' authors differ ({@code "asam 0.5, msam 3, else
     * 0.05"}), or null when every method that takes it has the shared default. {@link RunSpec#of} applies
     * the chosen method's when the setting is not given.
     */
    private static String perMethodDefaults(SamParameter p) {
        List<String> own = new ArrayList<>();
        for (SamMethod method : SamMethods.all()) {
            if (method.parameter(p.name()) != null && method.defaultValue(p.name()) != p.defaultValue()) {
                own.add(method.name() + " "
                        + new SamParameter(
                                        p.name(),
                                        p.kind(),
                                        method.defaultValue(p.name()),
                                        p.min(),
                                        p.max(),
                                        p.maxExclusive(),
                                        p.help())
                                .defaultText());
            }
        }
        return own.isEmpty() ? null : "the method's: " + String.join(", ", own) + ", else " + p.defaultText();
    }

    @SuppressWarnings("unchecked")
    private static Setting<Double> samDecimal(String name) {
        return (Setting<Double>) samParameter(name);
    }

    @SuppressWarnings("unchecked")
    private static Setting<Integer> samInteger(String name) {
        return (Setting<Integer>) samParameter(name);
    }

    private static Setting<?> samParameter(String name) {
        return SAM_PARAMETERS.stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no SAM method has a parameter '" + name + "'"));
    }

    /** Registers a declared setting; {@link #ALL} lists the registered settings in declaration order. */
    private static <T> Setting<T> declare(Setting<T> setting) {
        if (ALL != null) {
            // Read before its initializer runs, ALL is null: a declaration placed after ALL would be left out.
            throw new IllegalStateException("setting '" + setting.name() + "' is declared after Settings.ALL");
        }
        DECLARED.add(setting);
        return setting;
    }

    private static List<Setting<?>> declareAll(List<Setting<?>> settings) {
        settings.forEach(Settings::declare);
        return settings;
    }

    private static Map<String, Setting<?>> byName() {
        Map<String, Setting<?>> map = new LinkedHashMap<>();
        for (Setting<?> setting : ALL) {
            if (map.put(setting.name(), setting) != null) {
                throw new IllegalStateException("setting '" + setting.name() + "' is declared twice");
            }
        }
        return map;
    }

    /** Returns the setting of that name (no dashes), if any. */
    public static Optional<Setting<?>> find(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** Returns every setting name. */
    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }

    private static SamMethod samMethod(String text) {
        String name = text.toLowerCase(Locale.ROOT);
        if (!SamMethods.names().contains(name)) {
            throw new IllegalArgumentException("must be one of " + String.join(", ", SamMethods.names()) + " but was '"
                    + text + "'" + Suggestions.didYouMean(text, SamMethods.names()));
        }
        return SamMethods.named(name);
    }

    /** Image folders' paths and TU dataset names keep their case; catalog names are lower case. */
    private static String datasetName(String text) {
        if (TuDatasets.isTu(text)) {
            return TuDatasets.PREFIX
                    + text.substring(TuDatasets.PREFIX.length()).trim();
        }
        return ImageFolders.isFolder(text) ? text : text.toLowerCase(Locale.ROOT);
    }
}
