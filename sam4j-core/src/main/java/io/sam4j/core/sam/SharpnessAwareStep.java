package io.sam4j.core.sam;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import io.sam4j.core.train.BaseStep;
import io.sam4j.core.train.Batch;
import io.sam4j.core.train.GradientPass;
import io.sam4j.core.train.Gradients;
import io.sam4j.core.train.MicroBatches;
import io.sam4j.core.train.ModelParameters;
import io.sam4j.core.train.PassResult;
import io.sam4j.core.train.StepBuilder;
import io.sam4j.core.train.StepResult;
import io.sam4j.core.train.StepSeeds;
import io.sam4j.core.train.TrainingStep;
import io.sam4j.core.train.Updates;
import io.sam4j.core.train.WeightDecay;
import io.sam4j.core.util.Checks;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * Sharpness-Aware Minimization (Foret, Kleiner, Mobahi, Neyshabur, "Sharpness-Aware Minimization
 * for Efficiently Improving Generalization", ICLR 2021) around any DJL {@link Optimizer}.
 *
 * <p>For each group B of the batch's {@link MSharpness m-sharpness groups} (m = 0 or m ≥ batch
 * size: one group, plain SAM):
 *
 * <pre>
 *   g   = ∇L_B(w)                      clean pass; updates BatchNorm statistics
 *   ε   = Perturbation(g, w, ρ)        SAM: ρ·g/(‖g‖₂ + 1e-12); ASAM: ρ·T²g/‖Tg‖₂
 *   g_B = ∇L_B(w + ε)                  perturbed pass; BatchNorm statistics left as they were
 *   w   restored from a copy (bitwise, not w + ε − ε)
 *   d_B = g_B                          (GSAM, {@link Builder#optSurrogateGap}: g_B − α·g_⊥)
 * </pre>
 *
 * then {@code w ← Optimizer(w, clip(Σ_B (|B|/|batch|)·d_B))}: groups weighted by their size, which
 * is the mean over groups when m divides the batch (see {@link MSharpness} for the remainder rule).
 * With an in-loss {@link WeightDecay}, λ·w is part of both gradients (at w and at w + ε), as in the
 * official JAX code.
 *
 * <p>With {@link StepBuilder#optMicroBatches micro-batches} (m = 0 only), both gradients are
 * accumulated over the micro-batches at one micro-batch's memory (see {@code accumulatedStep}). For
 * a model without batch-dependent layers this is SAM's step on the whole batch; with BatchNorm each
 * micro-batch is normalized by its own statistics, as at the micro-batch size, and the running
 * statistics take one update per clean micro-batch pass ({@code AccumulationTest} checks both).
 *
 * <p>The pieces: {@link MSharpness} forms the groups, {@link SamGroupPass} runs a group's two passes,
 * {@link BatchNormMerge} keeps BatchNorm statistics from the clean passes only (merged over groups),
 * and {@link GroupDescent} turns a group's gradients into its descent direction.
 */
public final class SharpnessAwareStep implements TrainingStep {

    private final GradientPass pass;
    private final SamGroupPass groupPass;
    private final Perturbation perturbation;
    private final GroupDescent descent;
    private final float rho;
    private final float surrogateGap;
    private final int groupSize;
    private final Updates update;
    private final NDManager manager;
    private final BaseStep baseStep;
    private final int microBatches;

    private SharpnessAwareStep(Builder builder) {
        this.pass = builder.pass();
        this.groupPass = new SamGroupPass(pass, builder.weightDecay());
        this.perturbation = builder.perturbation;
        this.surrogateGap = builder.surrogateGap == null ? 0 : builder.surrogateGap;
        this.descent = builder.descent != null
                ? builder.descent
                : builder.surrogateGap != null ? GroupDescent.gsam(builder.surrogateGap) : GroupDescent.SAM;
        this.rho = builder.rho;
        this.groupSize = builder.groupSize;
        this.update = builder.updates();
        this.manager = builder.manager();
        this.baseStep = builder.applyTo(BaseStep.builder()).build();
        this.microBatches = builder.microBatches();
    }

    /** Returns a builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns ρ. */
    public float rho() {
        return rho;
    }

    /** Returns the m-sharpness group size (0: the whole batch). */
    public int groupSize() {
        return groupSize;
    }

    /** Returns the perturbation. */
    public Perturbation perturbation() {
        return perturbation;
    }

    /** Returns GSAM's α (0: SAM's descent). */
    public float surrogateGap() {
        return surrogateGap;
    }

    /**
     * Returns the plain step with this step's pass, optimizer, manager, weight decay and clipping:
     * what this step does at ρ = 0, bitwise (same engine seed, same dropout masks), at one pass's
     * cost. Steps that mix SAM and plain updates use it.
     */
    public BaseStep baseStep() {
        return baseStep;
    }

    SamGroupPass groupPass() {
        return groupPass;
    }

    Updates updates() {
        return update;
    }

    NDManager manager() {
        return manager;
    }

    @Override
    public GradientPass pass() {
        return pass;
    }

    /** Exports the perturbation's state (FriendlySAM's moving average; nothing for SAM and ASAM). */
    @Override
    public NDList exportState(NDManager manager) {
        return perturbation.exportState(manager);
    }

    @Override
    public void importState(NDList state) {
        perturbation.importState(state);
    }

    @Override
    public Optimizer optimizer() {
        return update.optimizer();
    }

    /** Returns the number of micro-batches over which a step accumulates its gradients (1: none). */
    public int microBatches() {
        return microBatches;
    }

    @Override
    public StepResult step(Batch batch, long seed) {
        if (microBatches > 1) {
            return accumulatedStep(batch, seed);
        }
        StepSeeds seeds = new StepSeeds(seed);
        List<Batch> groups = MSharpness.groups(batch, groupSize, seeds.groupSeed());
        MSharpness.GroupWeights weights = MSharpness.weights(groups);
        ModelParameters parameters = pass.parameters();
        List<Parameter> trainable = parameters.trainable();
        try (NDManager stepManager = manager.newSubManager()) {
            NDList w = parameters.copyTrainable(stepManager);
            BatchNormMerge statistics = new BatchNormMerge(parameters, weights, stepManager);
            NDList descentSum = null;
            double lossSum = 0;
            int correct = 0;
            double[] gradientNorms = new double[groups.size()];
            double[] epsilonNorms = new double[groups.size()];
            for (int i = 0; i < groups.size(); i++) {
                Batch group = groups.get(i);
                long engineSeed = seeds.engineSeed(i);
                statistics.beforeClean(i);
                PassResult clean = groupPass.clean(group, engineSeed, stepManager);
                lossSum += (double) clean.loss() * group.size();
                correct += clean.correct();
                statistics.afterClean(i);
                NDList cleanCopy = descent.usesClean() ? Gradients.copy(clean.gradients(), stepManager) : null;
                Perturbation.Ascent ascent = perturbation.ascend(trainable, clean.gradients(), rho);
                gradientNorms[i] = ascent.gradientNorm();
                epsilonNorms[i] = ascent.epsilonNorm();
                PassResult perturbed;
                try {
                    perturbed = groupPass.perturbed(group, engineSeed, ascent.epsilon(), w, stepManager);
                } finally {
                    statistics.afterPerturbed();
                }
                descentSum = weights.accumulate(descentSum, descent.descent(cleanCopy, perturbed.gradients()), i);
            }
            statistics.finish();
            update.apply(trainable, weights.finish(descentSum));
            return new StepResult(
                    (float) (lossSum / batch.size()),
                    correct,
                    batch.size(),
                    weights.mean(gradientNorms),
                    weights.mean(epsilonNorms));
        }
    }

    /**
     * Checks that this step suits a variant that works on whole batches ({@link #wholeBatchStep} and
     * Momentum-SAM): m = 0, no micro-batches and SAM's descent, each refusal one line naming {@code
     * method}, and for m {@code why} (e.g. "decides once per batch").
     *
     * @throws IllegalArgumentException if it does not
     */
    void requireWholeBatches(String method, String why) {
        Checks.checkArgument(groupSize == 0, "%s %s: m must be 0 but was %s", method, why, groupSize);
        Checks.checkArgument(
                microBatches == 1,
                "%s does not accumulate micro-batches (it was given %s); use whole batches",
                method,
                microBatches);
        Checks.checkArgument(
                surrogateGap == 0, "%s takes SAM's descent direction, not GSAM's (alpha %s)", method, surrogateGap);
    }

    /**
     * SAM's step on the whole batch (one group, no micro-batches, SAM's descent) with the differences
     * of {@code variant}: the clean pass, then either a base step on its gradient (as the variant
     * changes it) or the ascent, the perturbed pass and the update on the perturbed gradient, BatchNorm
     * statistics from the clean pass. With {@link WholeBatchVariant}'s defaults it is {@link #step} with m = 0, bitwise.
     */
    StepResult wholeBatchStep(Batch batch, long seed, WholeBatchVariant variant) {
        StepSeeds seeds = new StepSeeds(seed);
        ModelParameters parameters = pass.parameters();
        List<Parameter> trainable = parameters.trainable();
        try (NDManager stepManager = manager.newSubManager()) {
            long engineSeed = seeds.engineSeed(0);
            PassResult clean = groupPass.clean(batch, engineSeed, stepManager, variant.exampleLosses());
            SquaredNorm squaredNorm = new SquaredNorm(clean.gradients());
            if (!variant.takeSam(clean.gradients(), squaredNorm, stepManager)) {
                double gradientNorm = Math.sqrt(squaredNorm.getAsDouble());
                variant.beforeBaseUpdate(clean.gradients(), gradientNorm);
                update.apply(trainable, clean.gradients());
                return new StepResult(clean.loss(), clean.correct(), batch.size(), gradientNorm, 0);
            }
            // One group: nothing to reset before its clean pass, so the statistics are first needed
            // here, and a base step copies none of them.
            BatchNormMerge statistics = variant.keepsEveryPassStatistics()
                    ? null
                    : new BatchNormMerge(parameters, MSharpness.weights(batch.size()), stepManager);
            if (statistics != null) {
                statistics.afterClean(0);
            }
            NDList w = parameters.copyTrainable(stepManager);
            variant.beforeAscent(clean.gradients());
            Perturbation.Ascent ascent = perturbation.ascend(trainable, clean.gradients(), rho);
            variant.adjust(ascent.epsilon());
            PassResult perturbed;
            try {
                perturbed = variant.perturbed(groupPass, batch, clean, engineSeed, ascent.epsilon(), w, stepManager);
            } finally {
                if (statistics != null) {
                    statistics.afterPerturbed();
                }
            }
            if (statistics != null) {
                statistics.finish();
            }
            variant.beforeUpdate(perturbed.gradients());
            update.apply(trainable, perturbed.gradients());
            return new StepResult(
                    clean.loss(), clean.correct(), batch.size(), ascent.gradientNorm(), ascent.epsilonNorm());
        }
    }

    /**
     * ‖g‖² of a clean gradient, computed when first asked: a variant that decides by it (AE-SAM) and
     * the base step's report share one reduction, and a SAM step, whose ascent takes the norm itself,
     * computes none.
     */
    private static final class SquaredNorm implements DoubleSupplier {
        private final NDList gradients;
        private boolean known;
        private double value;

        SquaredNorm(NDList gradients) {
            this.gradients = gradients;
        }

        @Override
        public double getAsDouble() {
            if (!known) {
                value = Gradients.squaredNorm(gradients);
                known = true;
            }
            return value;
        }
    }

    /**
     * SAM on the whole batch with its gradients accumulated over micro-batches Bⱼ (each pass holds one
     * micro-batch's activations): g = Σⱼ (|Bⱼ|/|B|)·∇L_{Bⱼ}(w), ε from g, then d = Σⱼ (|Bⱼ|/|B|)·∇L_{Bⱼ}(w + ε),
     * the SAM step of the whole batch when no layer depends on the batch (with BatchNorm, each pass
     * normalizes by its micro-batch's statistics). Micro-batch j's two passes share engine seed j.
     * BatchNorm statistics are those the clean passes leave.
     */
    private StepResult accumulatedStep(Batch batch, long seed) {
        StepSeeds seeds = new StepSeeds(seed);
        List<Batch> parts = MicroBatches.split(batch, microBatches);
        MSharpness.GroupWeights weights = MSharpness.weights(parts);
        ModelParameters parameters = pass.parameters();
        List<Parameter> trainable = parameters.trainable();
        try (NDManager stepManager = manager.newSubManager()) {
            NDList w = parameters.copyTrainable(stepManager);
            NDList cleanSum = null;
            double lossSum = 0;
            int correct = 0;
            for (int j = 0; j < parts.size(); j++) {
                PassResult clean = groupPass.clean(parts.get(j), seeds.engineSeed(j), stepManager);
                lossSum += (double) clean.loss() * parts.get(j).size();
                correct += clean.correct();
                cleanSum = weights.accumulate(cleanSum, clean.gradients(), j);
            }
            NDList g = weights.finish(cleanSum);
            NDList stateAfterClean = parameters.snapshotState(stepManager);
            NDList cleanCopy = descent.usesClean() ? Gradients.copy(g, stepManager) : null;
            Perturbation.Ascent ascent = perturbation.ascend(trainable, g, rho);
            NDList perturbedSum = null;
            try {
                for (int j = 0; j < parts.size(); j++) {
                    NDList epsilon = Gradients.copy(ascent.epsilon(), stepManager);
                    PassResult perturbed =
                            groupPass.perturbed(parts.get(j), seeds.engineSeed(j), epsilon, w, stepManager);
                    perturbedSum = weights.accumulate(perturbedSum, perturbed.gradients(), j);
                }
            } finally {
                parameters.restoreState(stateAfterClean);
            }
            ascent.epsilon().close();
            update.apply(trainable, descent.descent(cleanCopy, weights.finish(perturbedSum)));
            return new StepResult(
                    (float) (lossSum / batch.size()),
                    correct,
                    batch.size(),
                    ascent.gradientNorm(),
                    ascent.epsilonNorm());
        }
    }

    /** Builds a {@link SharpnessAwareStep}. */
    public static final class Builder extends StepBuilder<Builder> {
        private Perturbation perturbation = Perturbation.sam();
        private float rho = 0.05f;
        private int groupSize;
        private Float surrogateGap;
        private GroupDescent descent;

        private Builder() {}

        @Override
        protected Builder self() {
            return this;
        }

        /** Sets the perturbation (default {@link Perturbation#sam()}). */
        public Builder optPerturbation(Perturbation perturbation) {
            this.perturbation = perturbation;
            return this;
        }

        /** Sets the neighbourhood radius ρ ≥ 0 (default 0.05, the paper's CIFAR value). */
        public Builder optRho(float rho) {
            Checks.checkArgument(rho >= 0 && Float.isFinite(rho), "rho must be >= 0 but was %s", rho);
            this.rho = rho;
            return this;
        }

        /**
         * Sets the m-sharpness group size m ≥ 1, or 0 for the whole batch (default 0); an m that does
         * not divide a batch leaves a smaller last group, weighted by its size ({@link MSharpness}).
         */
        public Builder optGroupSize(int groupSize) {
            Checks.checkNonNegative("m", groupSize);
            this.groupSize = groupSize;
            return this;
        }

        /**
         * Makes the step GSAM (Zhuang et al., ICLR 2022): each group descends along
         * {@code g_p − α·g_⊥}, where g_⊥ is the clean gradient's component orthogonal to the perturbed
         * gradient g_p (without it: SAM; α = 0 forms the GSAM direction and equals SAM). The paper's ρ schedule proportional to the learning rate
         * is not part of this step; ρ stays fixed.
         */
        public Builder optSurrogateGap(float alpha) {
            Checks.checkArgument(alpha >= 0 && Float.isFinite(alpha), "alpha must be >= 0 but was %s", alpha);
            this.surrogateGap = alpha;
            return this;
        }

        /** Sets how a group's descent direction is formed (for variants built on this step). */
        Builder optDescent(GroupDescent descent) {
            this.descent = descent;
            return this;
        }

        /** Builds the step. */
        public SharpnessAwareStep build() {
            validate();
            Checks.checkArgument(
                    microBatches() == 1 || groupSize == 0,
                    "m-sharpness already runs its groups one at a time: use m = 0 with %s micro-batches, or no"
                            + " micro-batches with m = %s",
                    microBatches(),
                    groupSize);
            return new SharpnessAwareStep(this);
        }
    }
}
