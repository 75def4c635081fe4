package io.sam4j.core.sam;

import io.sam4j.core.train.BaseStep;
import io.sam4j.core.util.Suggestions;
import java.util.List;

/**
 * The catalog of training-step methods, declared once: the names {@code --sam} takes, each method's
 * parameters (flags, config keys and sweep axes are generated from them), its cost in forward-backward
 * passes per step, its paper, and its factory.
 *
 * <p>Parameter names are shared where the meaning is: ρ is {@code rho} and the m-sharpness group
 * size is {@code m} in every method that has them, with one default and one range.
 */
public final class SamMethods {

    /** SAM's ρ. */
    public static final SamParameter RHO = SamParameter.decimal(
            "rho", 0.05, 0, Double.POSITIVE_INFINITY, "SAM's neighbourhood radius rho (Foret et al.'s CIFAR value)");

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
            0.1,
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
            "fsam-lambda", 0.9, 0, 1, "fsam: decay lambda of the moving average of gradients");

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

    private static final List<SamMethod> ALL = List.of(
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
                    }));

    private SamMethods() {}

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
