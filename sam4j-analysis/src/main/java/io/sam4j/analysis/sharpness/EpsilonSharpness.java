package io.sam4j.analysis.sharpness;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import io.sam4j.analysis.ProgressListener;
import io.sam4j.analysis.landscape.Directions;
import io.sam4j.core.sam.AsamScaling;
import io.sam4j.core.sam.MSharpness;
import io.sam4j.core.train.Batch;
import io.sam4j.core.train.Gradients;
import io.sam4j.core.train.ModelParameters;
import io.sam4j.core.util.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * ε-sharpness by projected gradient ascent.
 *
 * <p>The sharpness of a group S of examples at weights w is (Keskar et al. 2017, "On Large-Batch Training
 * for Deep Learning: Generalization Gap and Sharp Minima"; Foret et al. 2021, "Sharpness-Aware
 * Minimization for Efficiently Improving Generalization", Eq. 1 and Section 4.1)
 *
 * <pre>S_ρ(w) = max_{‖T⁻¹δ‖₂ ≤ ρ} L_S(w + δ) − L_S(w)</pre>
 *
 * with T = I for the plain ball and, for the adaptive ball of ASAM (Kwon et al. 2021, "ASAM: Adaptive
 * Sharpness-Aware Minimization for Scale-Invariant Learning of Deep Neural Networks", Definition 3),
 * T = diag(|w| + η) on weight tensors and BatchNorm's γ, and 1 on biases and β: sam4j-core's {@link
 * AsamScaling}, the T of ASAM training. m-sharpness averages S_ρ over disjoint groups of m examples (Foret
 * et al., Section 4.1), formed from each batch by sam4j-core's {@link MSharpness}, the groups of SAM
 * training; without m the group is the whole sample. As in training, a batch's last group holds what is
 * left when m does not divide the batch, and groups are weighted by their size (see {@link MSharpness} for
 * why), so every example counts once.
 *
 * <p>The maximization runs in the ball's own coordinates u = T⁻¹δ, ‖u‖ ≤ ρ, where the gradient is T∇L:
 *
 * <pre>u₀ = 0,   u_{k+1} = Π_ρ(u_k + s·ρ · T g_k / ‖T g_k‖₂),   δ_k = T u_k</pre>
 *
 * with g_k = ∇L_S(w + δ_k) and Π_ρ the projection onto the ball. With the default step s = 1 the first
 * iterate is exactly SAM's (ASAM's) ascent step ε, so {@code steps = 1} gives the first-order estimate that
 * training uses, and more steps improve on it. Where the gradient vanishes (a stationary point), a step
 * goes along a seeded random direction instead. The reported maximum is the largest loss among the
 * iterates, a lower bound of the true maximum that never falls below L_S(w). The model runs in inference
 * mode (BatchNorm on running statistics, no dropout); its weights are restored bitwise afterwards.
 */
public final class EpsilonSharpness {

    private static final NDIndex ALL = new NDIndex(":");

    private final Block block;
    private final ModelParameters parameters;
    private final Loss loss;
    private final NDManager manager;
    private final ParameterStore parameterStore;
    private final float rho;
    private final int steps;
    private final double stepSize;
    private final boolean adaptive;
    private final float eta;
    private final int groupSize;
    private final long seed;
    private final ProgressListener listener;

    private EpsilonSharpness(Builder b) {
        this.block = Objects.requireNonNull(b.block, "setBlock is required");
        this.parameters = Objects.requireNonNull(b.parameters, "setParameters is required");
        this.loss = Objects.requireNonNull(b.loss, "setLoss is required");
        this.manager = Objects.requireNonNull(b.manager, "setManager is required");
        this.parameterStore = new ParameterStore(manager, false);
        this.rho = b.rho;
        this.steps = b.steps;
        this.stepSize = b.stepSize;
        this.adaptive = b.adaptive;
        this.eta = b.eta;
        this.groupSize = b.groupSize;
        this.seed = b.seed;
        this.listener = b.listener;
    }

    /** Returns a builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Measures the (m-)sharpness on a sample.
     *
     * @param sample the examples; with a group size m, every batch is split into groups of m (a batch's
     *     last group holds the examples left over, and counts by its size)
     */
    public SharpnessResult measure(List<Batch> sample) {
        List<List<Batch>> groups = groups(sample, groupSize, seed);
        MSharpness.GroupWeights weights = MSharpness.weights(groups.stream()
                .mapToInt(g -> g.stream().mapToInt(Batch::size).sum())
                .toArray());
        int m = groupSize > 0
                ? groupSize
                : sample.stream().mapToInt(Batch::size).sum();
        long total = (long) groups.size() * (steps + 1);
        double[] perGroup = new double[groups.size()];
        double[] losses = new double[groups.size()];
        double[] maxima = new double[groups.size()];
        for (int g = 0; g < groups.size(); g++) {
            long before = (long) g * (steps + 1);
            GroupAscent a =
                    ascend(groups.get(g), groupSeed(g), false, done -> listener.onProgress(before + done, total));
            perGroup[g] = a.sharpness();
            losses[g] = a.loss();
            maxima[g] = a.maxLoss();
        }
        return new SharpnessResult(
                weights.mean(perGroup), weights.mean(losses), weights.mean(maxima), groups.size(), m, perGroup);
    }

    /**
     * Runs the ascent on one group and keeps the maximizing perturbation.
     *
     * @param group the batches of the group; the loss is their size-weighted mean
     */
    public GroupAscent ascend(List<Batch> group) {
        return ascend(group, groupSeed(0), true, done -> {});
    }

    /**
     * Splits a sample into the groups of m-sharpness: each batch is split by {@link MSharpness#groups} with
     * a seed drawn from {@code seed} (groups of m, the last holding the rest); m ≤ 0 gives one group, the
     * whole sample.
     */
    public static List<List<Batch>> groups(List<Batch> sample, int m, long seed) {
        Checks.checkArgument(!sample.isEmpty(), "the sample is empty");
        if (m <= 0) {
            return List.of(sample);
        }
        SplittableRandom seeds = new SplittableRandom(seed);
        List<List<Batch>> groups = new ArrayList<>();
        for (Batch batch : sample) {
            for (Batch group : MSharpness.groups(batch, m, seeds.nextLong())) {
                groups.add(List.of(group));
            }
        }
        return groups;
    }

    private long groupSeed(int group) {
        return new SplittableRandom(seed).split().nextLong() ^ (group + 1L) * 0x9E3779B97F4A7C15L;
    }

    private interface PassCounter {
        void passes(long done);
    }

    private GroupAscent ascend(List<Batch> group, long groupSeed, boolean keep, PassCounter counter) {
        List<Parameter> trainable = parameters.trainable();
        try (NDManager scope = manager.newSubManager()) {
            NDList w = parameters.copyTrainable(scope);
            NDArray[] scales = adaptive ? AsamScaling.scales(trainable, eta) : null;
            NDList u = new NDList(w.size());
            for (NDArray wk : w) {
                u.add(scope.zeros(wk.getShape(), wk.getDataType()));
            }
            try {
                Pass pass = pass(group, true, scope);
                counter.passes(1);
                double loss0 = pass.loss;
                double maxLoss = loss0;
                List<float[]> best = keep ? toHeap(u) : null;
                double bestNorm = 0;
                for (int k = 1; k <= steps; k++) {
                    NDList g = pass.gradients;
                    if (scales != null) {
                        AsamScaling.multiply(g, scales);
                    }
                    double gNorm = Gradients.norm(g);
                    if (gNorm == 0) {
                        // At a stationary point the gradient cannot say where the loss rises: take a
                        // random direction instead, after which the gradient takes over.
                        g.close();
                        g = Directions.gaussian(
                                u, new SplittableRandom(groupSeed).split().nextLong() + k, scope);
                        gNorm = Gradients.norm(g);
                    }
                    if (!Double.isFinite(gNorm)) {
                        g.close();
                        counter.passes(steps + 1);
                        break;
                    }
                    Gradients.scaleInPlace(g, (float) (stepSize * rho / gNorm));
                    Gradients.addInPlace(u, g);
                    g.close();
                    double uNorm = Gradients.norm(u);
                    if (uNorm > rho) {
                        Gradients.scaleInPlace(u, (float) (rho / uNorm));
                        uNorm = Gradients.norm(u);
                    }
                    setPerturbed(trainable, w, u, scales);
                    pass = pass(group, k < steps, scope);
                    counter.passes(k + 1);
                    if (pass.loss > maxLoss) {
                        maxLoss = pass.loss;
                        bestNorm = uNorm;
                        if (keep) {
                            best = perturbation(u, scales);
                        }
                    }
                }
                return new GroupAscent(loss0, maxLoss, best, bestNorm);
            } finally {
                parameters.restoreTrainable(w);
                if (scales != null) {
                    AsamScaling.close(scales);
                }
            }
        }
    }

    /** Writes w + T u into the model. */
    private static void setPerturbed(List<Parameter> trainable, NDList w, NDList u, NDArray[] scales) {
        for (int k = 0; k < trainable.size(); k++) {
            NDArray target = trainable.get(k).getArray();
            target.set(ALL, w.get(k));
            if (scales != null && scales[k] != null) {
                try (NDArray delta = u.get(k).mul(scales[k])) {
                    target.addi(delta);
                }
            } else {
                target.addi(u.get(k));
            }
        }
    }

    private static List<float[]> perturbation(NDList u, NDArray[] scales) {
        List<float[]> out = new ArrayList<>(u.size());
        for (int k = 0; k < u.size(); k++) {
            if (scales != null && scales[k] != null) {
                try (NDArray delta = u.get(k).mul(scales[k])) {
                    out.add(delta.toFloatArray());
                }
            } else {
                out.add(u.get(k).toFloatArray());
            }
        }
        return out;
    }

    private static List<float[]> toHeap(NDList arrays) {
        List<float[]> out = new ArrayList<>(arrays.size());
        for (NDArray a : arrays) {
            out.add(a.toFloatArray());
        }
        return out;
    }

    private record Pass(double loss, NDList gradients) {}

    /** The size-weighted mean loss of the group at the current weights, with its gradient if asked. */
    private Pass pass(List<Batch> group, boolean withGradient, NDManager out) {
        int total = group.stream().mapToInt(Batch::size).sum();
        double lossSum = 0;
        if (!withGradient) {
            for (Batch batch : group) {
                try (NDManager scope = out.newSubManager()) {
                    NDList predictions = block.forward(parameterStore, batch.inputs(scope), false);
                    lossSum += (double) loss.evaluate(new NDList(batch.labels(scope)), predictions)
                                    .getFloat()
                            * batch.size();
                }
            }
            return new Pass(lossSum / total, null);
        }
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            for (Batch batch : group) {
                try (NDManager scope = out.newSubManager()) {
                    NDList predictions = block.forward(parameterStore, batch.inputs(scope), false);
                    NDArray value = loss.evaluate(new NDList(batch.labels(scope)), predictions);
                    lossSum += (double) value.getFloat() * batch.size();
                    // PyTorch sums the gradients of successive backward passes: weighting each batch's
                    // mean by its share of the group gives the gradient of the group's mean loss.
                    collector.backward(value.mul((float) batch.size() / total));
                }
            }
        }
        return new Pass(lossSum / total, Gradients.take(parameters.trainable(), out));
    }

    /** Builds an {@link EpsilonSharpness}. */
    public static final class Builder {
        private Block block;
        private ModelParameters parameters;
        private Loss loss;
        private NDManager manager;
        private float rho = 0.05f;
        private int steps = 10;
        private double stepSize = 1;
        private boolean adaptive;
        private float eta = 0.01f;
        private int groupSize;
        private long seed;
        private ProgressListener listener = ProgressListener.NONE;

        private Builder() {}

        /** Sets the model, initialized (required). */
        public Builder setBlock(Block block) {
            this.block = block;
            return this;
        }

        /** Sets the model's parameters (required). */
        public Builder setParameters(ModelParameters parameters) {
            this.parameters = parameters;
            return this;
        }

        /** Sets the loss, averaged over a batch (required). */
        public Builder setLoss(Loss loss) {
            this.loss = loss;
            return this;
        }

        /** Sets the parent manager of the temporary arrays (required). */
        public Builder setManager(NDManager manager) {
            this.manager = manager;
            return this;
        }

        /** Sets the radius ρ &gt; 0 of the ball (default 0.05). */
        public Builder optRho(double rho) {
            Checks.checkArgument(rho > 0 && Double.isFinite(rho), "rho must be > 0 but was %s", rho);
            this.rho = (float) rho;
            return this;
        }

        /** Sets the number of ascent steps, at least 1 (default 10). */
        public Builder optSteps(int steps) {
            this.steps = Checks.checkPositive("steps", steps);
            return this;
        }

        /** Sets the length of each step as a fraction of ρ (default 1: the first step is SAM's ε). */
        public Builder optStepSize(double fraction) {
            Checks.checkArgument(
                    fraction > 0 && Double.isFinite(fraction), "step size must be > 0 but was %s", fraction);
            this.stepSize = fraction;
            return this;
        }

        /** Uses ASAM's adaptive ball ‖T⁻¹δ‖ ≤ ρ, T = |w| + η (default: the plain ball). */
        public Builder optAdaptive(boolean adaptive) {
            this.adaptive = adaptive;
            return this;
        }

        /** Sets η of the adaptive ball (default 0.01, ASAM's). */
        public Builder optEta(double eta) {
            Checks.checkArgument(eta >= 0 && Double.isFinite(eta), "eta must be >= 0 but was %s", eta);
            this.eta = (float) eta;
            return this;
        }

        /** Sets m, the examples per group (default 0: the whole sample is one group). */
        public Builder optGroupSize(int m) {
            this.groupSize = Checks.checkNonNegative("m", m);
            return this;
        }

        /** Sets the seed that forms the groups (default 0). */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Sets a listener told after each forward pass (default: none). */
        public Builder optListener(ProgressListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        public EpsilonSharpness build() {
            return new EpsilonSharpness(this);
        }
    }
}
