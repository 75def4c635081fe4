package io.sam4j.core.sam;

import io.sam4j.core.train.BaseStep;
import io.sam4j.core.util.Checks;
import io.sam4j.core.util.Suggestions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The catalog of training-step methods, declared once: the names {@code --sam} takes, each method's
 * parameters (flags, config keys and sweep axes are generated from them), its cost in forward-backward
 * passes per step, its paper, and its factory.
 *
 * <p>Parameter names are shared where the meaning is: ρ is {@code rho} and the m-sharpness group
 * size is {@code m} in every method that has them, with one range. A method's own default, from its
 * authors' code or paper, overrides the shared one ({@link AuthorSettings}: ASAM's ρ 0.5, Momentum-SAM's
 * ρ 3), and each method declares a three-point tuning grid with its source.
 */
public final class SamMethods {

    /** SAM's ρ. */
    public static final SamParameter RHO = SamParameter.decimal(
            "rho",
            0.05,
            0,
            Double.POSITIVE_INFINITY,
            "neighbourhood radius rho; each method's default is its authors' (see 'sam4j methods list')");

    /** The m-sharpness group size. */
    public static final SamParameter M = SamParameter.integer(
            "m", 0, 0, "m-sharpness group size; 0 = the whole batch; a smaller last group counts by its size");

    /** ASAM's η. */
    public static final SamParameter ETA = SamParameter.decimal(
            "eta", 0.01, 0, Double.POSITIVE_INFINITY, "ASAM's eta, which keeps small weights perturbable");

    /** RST's probability of a SAM step. */
    public static final SamParameter P =
            SamParameter.decimal("p", 0.5, 0, 1, "rst: probability that a step is a SAM step (else a base step)");

    /** LookSAM's interval. */
    public static final SamParameter K = SamParameter.integer("k", 5, 1, "looksam: a full SAM gradient every k steps");

    /** LookSAM's α. */
    public static final SamParameter LOOKSAM_ALPHA = SamParameter.decimal(
            "looksam-alpha",
            0.7,
            0,
            Double.POSITIVE_INFINITY,
            "looksam, ae-looksam: weight alpha of the reused orthogonal gradient component");

    /** Late-phase SAM's start, as a fraction of the epochs. */
    public static final SamParameter SAM_START = SamParameter.decimal(
            "sam-start",
            0.9,
            0,
            1,
            "late-sam: fraction of the epochs trained with the base optimizer before SAM takes over");

    /** GSAM's α. */
    public static final SamParameter GSAM_ALPHA = SamParameter.decimal(
            "gsam-alpha",
            0.4,
            0,
            Double.POSITIVE_INFINITY,
            "gsam: weight alpha of the surrogate-gap descent (0 = SAM; the authors' code: 0.4 in its CIFAR-10"
                    + " example, 0.6 in big_vision's ViT config)");

    /** GSAM's ρ_min: ρ at the run's smallest learning rate; {@code rho} is ρ_max, at its largest. */
    public static final SamParameter GSAM_RHO_MIN = SamParameter.decimal(
            "gsam-rho-min",
            0,
            0,
            Double.POSITIVE_INFINITY,
            "gsam: rho at the run's smallest learning rate; rho is rho at its largest, and in between rho follows"
                    + " the learning rate linearly (the authors' schedule; = rho: a fixed rho)");

    /** Momentum-SAM's BatchNorm recalibration after training. */
    public static final SamParameter MSAM_BN_RECALIBRATE = new SamParameter(
            "msam-bn-recalibrate",
            SamParameter.Kind.INTEGER,
            1,
            0,
            1,
            false,
            "msam: 1 = recompute the BatchNorm statistics at the unperturbed weights over one more epoch after"
                    + " training, as the authors' main.py does; 0 = keep those of the perturbed passes");

    /** FriendlySAM's σ. */
    public static final SamParameter FSAM_SIGMA = SamParameter.decimal(
            "fsam-sigma",
            1,
            0,
            Double.POSITIVE_INFINITY,
            "fsam: how much of the gradient's moving average is removed from the ascent direction (0 = SAM)");

    /** FriendlySAM's λ. */
    public static final SamParameter FSAM_LAMBDA = SamParameter.decimalBelow(
            "fsam-lambda", 0.95, 0, 1, "fsam: decay lambda of the moving average of gradients");

    /** AE-SAM's δ. */
    public static final SamParameter AE_DELTA = SamParameter.decimalBelow(
            "ae-delta",
            0.9,
            0,
            1,
            "ae-sam, ae-looksam: forgetting rate delta of the moving mean and variance of |g|^2");

    /** AE-SAM's λ₁. */
    public static final SamParameter AE_LAMBDA_START = SamParameter.decimal(
            "ae-lambda-start",
            -1,
            -5,
            5,
            "ae-sam, ae-looksam: SAM when |g|^2 >= mean + c*std, c going linearly from this value at the first step ...");

    /** AE-SAM's λ₂. */
    public static final SamParameter AE_LAMBDA_END =
            SamParameter.decimal("ae-lambda-end", 1, -5, 5, "ae-sam, ae-looksam: ... to this value at the last step");

    /** ESAM's β. */
    public static final SamParameter ESAM_BETA = SamParameter.decimal(
            "esam-beta",
            0.6,
            0.01,
            1,
            "esam: probability that a parameter tensor is perturbed (epsilon normalized over the kept tensors, then"
                    + " scaled by 1/beta, as the authors' code does)");

    /** ESAM's γ. */
    public static final SamParameter ESAM_GAMMA = SamParameter.decimal(
            "esam-gamma",
            0.5,
            0.01,
            1,
            "esam: share of the batch the descent gradient is taken on: the floor(gamma*n) - 1 examples whose loss"
                    + " rose most at w + epsilon, all of them from 0.99 on (the authors' code)");

    /** SAM's ρ grid: the middle of Foret et al.'s search, which more methods share because they perturb as SAM. */
    private static final String SAM_GRID = "Foret et al. (ICLR 2021, Sec. 3.1) chose rho from {0.01, 0.02, 0.05, 0.1,"
            + " 0.2, 0.5} on a held-out 10% of the training set; these are its middle three";

    /**
     * Each method's authors' settings and its tuning grid, with their sources, checked with the search
     * tools against the repositories named (file and commit where the repository has one). Every grid
     * has three points, so every method gets the same tuning budget in {@code sam4j compare}; the base
     * optimizer, with no parameter of its own, has one (the shared settings, such as the learning rate,
     * are not tuned for any method).
     */
    private static final Map<String, AuthorSettings> AUTHORS = Map.ofEntries(
            Map.entry(
                    "sam",
                    AuthorSettings.from("Foret et al., ICLR 2021: rho 0.05 on CIFAR-10 (0.1 on CIFAR-100, as"
                                    + " SamsungLabs/ASAM README.md also runs SAM)")
                            .grid(SAM_GRID, "rho", 0.05, 0.1, 0.2)),
            Map.entry(
                    "asam",
                    AuthorSettings.from("SamsungLabs/ASAM README.md: rho 0.5 on CIFAR-10 (1.0 on CIFAR-100);"
                                    + " eta 0.01, example_cifar.py's default")
                            .set("rho", 0.5)
                            .grid(
                                    "the README's CIFAR-10 and CIFAR-100 rho and the next lower step",
                                    "rho",
                                    0.2,
                                    0.5,
                                    1)),
            Map.entry(
                    "rst",
                    AuthorSettings.from(
                                    "Zhao et al., arXiv:2203.09962: p 0.5, rho as SAM's (no official code" + " found)")
                            .grid(SAM_GRID, "rho", 0.05, 0.1, 0.2)),
            Map.entry(
                    "looksam",
                    AuthorSettings.from("Liu et al., CVPR 2022: k 5, alpha 0.7 (no official code found;"
                                    + " MarlonBecker/MSAM configs/default.ini runs it with k 10, alpha 0.7)")
                            .grid(SAM_GRID + " (k is not tuned: it changes the cost)", "rho", 0.05, 0.1, 0.2)),
            Map.entry(
                    "late-sam",
                    AuthorSettings.from("Zhou et al., ICLR 2025: SAM's rho (no official code found); the switch"
                                    + " at 0.9 of training is sam4j's choice")
                            .grid(SAM_GRID, "rho", 0.05, 0.1, 0.2)),
            Map.entry(
                    "ae-sam",
                    AuthorSettings.from("Jiang et al., ICLR 2023: delta 0.9, c from -1 to 1, SAM's rho (no"
                                    + " official code found)")
                            .grid(SAM_GRID, "rho", 0.05, 0.1, 0.2)),
            Map.entry(
                    "ae-looksam",
                    AuthorSettings.from("Jiang et al., ICLR 2023: ae-sam's policy with LookSAM's alpha 0.7 (no"
                                    + " official code found)")
                            .grid(SAM_GRID, "rho", 0.05, 0.1, 0.2)),
            Map.entry(
                    "esam",
                    AuthorSettings.from("dydjw9/Efficient_SAM run.sh: beta 0.6, gamma 0.5, rho 0.05 (ResNet-18 on"
                                    + " CIFAR)")
                            .grid("run.sh's rho for ResNet-18, WideResNet and PyramidNet", "rho", 0.05, 0.1, 0.2)),
            Map.entry(
                    "msam",
                    AuthorSettings.from("MarlonBecker/MSAM README.md and configs/default.ini: rho 3")
                            .set("rho", 3)
                            .grid("the authors' 3 and about a factor 2 either side (sam4j's choice)", "rho", 1, 3, 6)),
            Map.entry(
                    "gsam",
                    AuthorSettings.from("juntang-zhuang/GSAM example/train.py: alpha 0.4 (its rho 2 is on ASAM's"
                                    + " adaptive scale, which sam4j's gsam does not use, so rho is SAM's 0.05);"
                                    + " google-research/big_vision configs/proj/gsam/vit_i1k_gsam_no_aug.py: alpha"
                                    + " 0.6, rho 0.6 to 0.1 (ViT on ImageNet). gsam-rho-min 0 (rho proportional to"
                                    + " the learning rate) is sam4j's choice: the example's ProportionScheduler keeps"
                                    + " rho fixed by default, big_vision decays it to a sixth")
                            .points(
                                    "one factor at a time around rho 0.05, alpha 0.4: SAM's rho 0.1, then"
                                            + " big_vision's alpha 0.6",
                                    Map.of("rho", 0.05, "gsam-alpha", 0.4),
                                    Map.of("rho", 0.1, "gsam-alpha", 0.4),
                                    Map.of("rho", 0.1, "gsam-alpha", 0.6))),
            Map.entry(
                    "fsam",
                    AuthorSettings.from("nblt/F-SAM run.sh: rho 0.2, sigma 1, lambda 0.95 (ResNet-18 on CIFAR-100,"
                                    + " the setting the repository ships)")
                            .set("rho", 0.2)
                            .grid(SAM_GRID + ", which holds run.sh's 0.2", "rho", 0.05, 0.1, 0.2)),
            Map.entry(
                    "sam-on",
                    AuthorSettings.from("mueller-mp/SAM-ON train.py: rho 0.5 (--rho's default)")
                            .set("rho", 0.5)
                            .grid(
                                    "around train.py's 0.5 (the README's ASAM-ON example goes to 10)",
                                    "rho",
                                    0.2,
                                    0.5,
                                    1)));

    private static final List<SamMethod> ALL = withAuthors(List.of(
            new SamMethod(
                    "none",
                    "the base optimizer alone",
                    List.of(),
                    "1",
                    v -> 1,
                    "-",
                    (settings, v) -> settings.applyTo(BaseStep.builder()).build()),
            new SamMethod(
                    "sam",
                    "sharpness-aware minimization",
                    List.of(RHO, M),
                    "2",
                    v -> 2,
                    "Foret, Kleiner, Mobahi, Neyshabur, Sharpness-Aware Minimization for Efficiently Improving"
                            + " Generalization, ICLR 2021",
                    (settings, v) -> sam(settings, v, Perturbation.sam(), v.integer("m"))),
            new SamMethod(
                    "asam",
                    "adaptive SAM: a scale-invariant neighbourhood |w| + eta",
                    List.of(RHO, ETA, M),
                    "2",
                    v -> 2,
                    "Kwon, Kim, Park, Choi, ASAM: Adaptive Sharpness-Aware Minimization for Scale-Invariant Learning"
                            + " of Deep Neural Networks, ICML 2021",
                    (settings, v) -> sam(settings, v, Perturbation.asam((float) v.decimal("eta")), v.integer("m"))),
            new SamMethod(
                    "rst",
                    "randomized SAM: a SAM step with probability p, else a base step",
                    List.of(P, RHO, M),
                    "1 + p",
                    v -> 1 + v.decimal("p"),
                    "Zhao, Zhang, Hu, Randomized Sharpness-Aware Training for Boosting Computational Efficiency in"
                            + " Deep Learning, arXiv:2203.09962, 2022",
                    (settings, v) ->
                            RandomizedSamStep.of(sam(settings, v, Perturbation.sam(), v.integer("m")), v.decimal("p"))),
            new SamMethod(
                    "looksam",
                    "SAM every k steps, the stored orthogonal gradient component reused in between",
                    List.of(K, LOOKSAM_ALPHA, RHO),
                    "1 + 1/k",
                    v -> 1 + 1.0 / v.integer("k"),
                    "Liu, Mai, Chen, Hsieh, You, Towards Efficient and Scalable Sharpness-Aware Minimization,"
                            + " CVPR 2022",
                    (settings, v) -> LookSamStep.of(sam(settings, v, Perturbation.sam(), 0), v.integer("k"), (float)
                            v.decimal("looksam-alpha"))),
            new SamMethod(
                    "late-sam",
                    "the base optimizer first, SAM for the last part of training",
                    List.of(SAM_START, RHO, M),
                    "1 + (1 - sam-start)",
                    v -> 2 - v.decimal("sam-start"),
                    "Zhou, Wang, Mao, Li, Yan, Sharpness-Aware Minimization Efficiently Selects Flatter Minima Late"
                            + " in Training, ICLR 2025",
                    (settings, v) -> LateSamStep.of(
                            sam(settings, v, Perturbation.sam(), v.integer("m")),
                            lateStart(v.decimal("sam-start"), settings.epochs(), settings.stepsPerEpoch()))),
            new SamMethod(
                    "ae-sam",
                    "adaptive policy: SAM only where |g|^2 is high against its moving mean and variance",
                    List.of(AE_DELTA, AE_LAMBDA_START, AE_LAMBDA_END, RHO),
                    "1 + s (s = mean of 1 - Phi(c) over the run)",
                    v -> 1 + AdaptivePolicy.expectedShare(v.decimal("ae-lambda-start"), v.decimal("ae-lambda-end")),
                    "Jiang, Yang, Zhang, Kwok, An Adaptive Policy to Employ Sharpness-Aware Minimization, ICLR 2023",
                    (settings, v) ->
                            AeSamStep.of(sam(settings, v, Perturbation.sam(), 0), adaptivePolicy(settings, v))),
            new SamMethod(
                    "ae-looksam",
                    "ae-sam's policy, LookSAM's reused orthogonal component on the steps without SAM",
                    List.of(AE_DELTA, AE_LAMBDA_START, AE_LAMBDA_END, LOOKSAM_ALPHA, RHO),
                    "1 + s (s = mean of 1 - Phi(c) over the run)",
                    v -> 1 + AdaptivePolicy.expectedShare(v.decimal("ae-lambda-start"), v.decimal("ae-lambda-end")),
                    "Jiang, Yang, Zhang, Kwok, An Adaptive Policy to Employ Sharpness-Aware Minimization, ICLR 2023",
                    (settings, v) -> AeSamStep.withLookSam(
                            sam(settings, v, Perturbation.sam(), 0), adaptivePolicy(settings, v), (float)
                                    v.decimal("looksam-alpha"))),
            new SamMethod(
                    "esam",
                    "efficient SAM: perturbs a random part of the tensors, descends on the examples whose loss rose most",
                    List.of(ESAM_BETA, ESAM_GAMMA, RHO),
                    "1 + 1/3 + gamma (gamma >= 0.99: 2)",
                    v -> EfficientSamStep.selects(v.decimal("esam-gamma")) ? 1 + 1.0 / 3 + v.decimal("esam-gamma") : 2,
                    "Du, Yan, Feng, Zhou, Zhen, Goh, Tan, Efficient Sharpness-aware Minimization for Improved Training"
                            + " of Neural Networks, ICLR 2022",
                    (settings, v) -> EfficientSamStep.of(
                            sam(settings, v, Perturbation.sam(), 0), v.decimal("esam-beta"), v.decimal("esam-gamma"))),
            new SamMethod(
                    "msam",
                    "momentum-SAM: perturbs along the optimizer's momentum buffer, one pass per step",
                    List.of(RHO, MSAM_BN_RECALIBRATE),
                    "1",
                    v -> 1,
                    "Becker, Altrock, Risse, Momentum-SAM: Sharpness Aware Minimization without Computational"
                            + " Overhead, arXiv:2401.12033, 2024",
                    (settings, v) -> MomentumSamStep.of(
                            sam(settings, v, Perturbation.sam(), 0), v.integer("msam-bn-recalibrate") == 1)),
            new SamMethod(
                    "gsam",
                    "surrogate-gap guided SAM: also descends the gap between perturbed and clean loss",
                    List.of(GSAM_ALPHA, RHO, GSAM_RHO_MIN, M),
                    "2",
                    v -> 2,
                    "Zhuang, Gong, Yuan, Cui, Adam, Dvornek, Tatikonda, Duncan, Liu, Surrogate Gap Guided"
                            + " Sharpness-Aware Minimization, ICLR 2022",
                    (settings, v) -> GsamStep.of(
                            sam(settings, v, Perturbation.sam(), v.integer("m")),
                            (float) v.decimal("gsam-alpha"),
                            (float) v.decimal("gsam-rho-min"),
                            settings.totalSteps())),
            new SamMethod(
                    "fsam",
                    "friendly SAM: the gradient's moving average removed from the ascent direction",
                    List.of(FSAM_SIGMA, FSAM_LAMBDA, RHO),
                    "2",
                    v -> 2,
                    "Li, Zhou, He, Cheng, Huang, Friendly Sharpness-Aware Minimization, CVPR 2024",
                    (settings, v) -> sam(
                            settings,
                            v,
                            Perturbation.friendly((float) v.decimal("fsam-sigma"), (float) v.decimal("fsam-lambda")),
                            0)),
            new SamMethod(
                    "sam-on",
                    "SAM that perturbs only the normalization layers' parameters",
                    List.of(RHO, M),
                    "2",
                    v -> 2,
                    "Mueller, Vlaar, Rolnick, Hein, Normalization Layers Are All That Sharpness-Aware Minimization"
                            + " Needs, NeurIPS 2023",
                    (settings, v) -> {
                        SamOnPerturbation.checkApplicable(
                                settings.pass().parameters().trainable());
                        return sam(settings, v, Perturbation.normalizationOnly(Perturbation.sam()), v.integer("m"));
                    })));

    private SamMethods() {}

    /** Attaches each method's {@link #AUTHORS} entry; every method but the base optimizer has one. */
    private static List<SamMethod> withAuthors(List<SamMethod> methods) {
        List<SamMethod> out = new ArrayList<>();
        for (SamMethod m : methods) {
            AuthorSettings a = AUTHORS.get(m.name());
            Checks.checkArgument(a != null || m.name().equals("none"), "method %s has no authors' settings", m.name());
            out.add(a == null ? m : m.withAuthors(a));
        }
        return List.copyOf(out);
    }

    /** Returns every method, in listing order. */
    public static List<SamMethod> all() {
        return ALL;
    }

    /** Returns the methods' names, in listing order. */
    public static List<String> names() {
        return ALL.stream().map(SamMethod::name).toList();
    }

    /**
     * Returns the method called {@code name}.
     *
     * @throws IllegalArgumentException in one line naming the unknown method and the known ones
     */
    public static SamMethod named(String name) {
        return ALL.stream()
                .filter(m -> m.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown SAM method '" + name + "'"
                        + Suggestions.didYouMean(name, names()) + "; one of " + String.join(", ", names())));
    }

    /** AE-SAM's policy from its parameters, over the run's steps (AE-SAM and AE-LookSAM). */
    private static AdaptivePolicy adaptivePolicy(StepSettings settings, SamMethod.Values v) {
        return new AdaptivePolicy(
                v.decimal("ae-delta"), v.decimal("ae-lambda-start"), v.decimal("ae-lambda-end"), settings.totalSteps());
    }

    private static SharpnessAwareStep sam(StepSettings settings, SamMethod.Values v, Perturbation perturbation, int m) {
        return settings.applyTo(SharpnessAwareStep.builder())
                .optPerturbation(perturbation)
                .optRho((float) v.decimal("rho"))
                .optGroupSize(m)
                .build();
    }

    /**
     * Returns whether {@code method} places something by the run's length ({@link
     * StepSettings#epochs()} × {@link StepSettings#stepsPerEpoch()}), as late-phase SAM places its
     * start, AE-SAM its threshold schedule and GSAM the learning rates its ρ schedule spans; the others
     * ignore it.
     */
    public static boolean usesRunLength(SamMethod method) {
        return method.parameter(SAM_START.name()) != null
                || method.parameter(AE_LAMBDA_END.name()) != null
                || method.parameter(GSAM_RHO_MIN.name()) != null;
    }

    /** The first SAM step of late-phase SAM: SAM from the epoch boundary nearest the fraction. */
    static long lateStart(double fraction, int epochs, int stepsPerEpoch) {
        return Math.round(fraction * epochs) * (long) stepsPerEpoch;
    }
}
