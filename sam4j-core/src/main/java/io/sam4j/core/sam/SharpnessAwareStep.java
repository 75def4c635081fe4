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
import io.sam4j.core.train.PassResult;
import io.sam4j.core.train.StepBuilder;
import io.sam4j.core.train.StepResult;
import io.sam4j.core.train.StepSeeds;
import io.sam4j.core.train.TrainingStep;
import io.sam4j.core.train.Updates;
import io.sam4j.core.train.WeightDecay;
import io.sam4j.core.util.Checks;
import java.util.List;
import java.util.function.Function;

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
 * </pre>
 *
 * then {@code w ← Optimizer(w, clip(Σ_B (|B|/|batch|)·g_B))}: groups weighted by their size, which
 * is the mean over groups when m divides the batch (see {@link MSharpness} for the remainder rule).
 * With an in-loss {@link WeightDecay}, λ·w is part of both gradients (at w and at w + ε), as in the
 * official JAX code.
 *
 * <p>With {@link StepBuilder#optMicroBatches micro-batches} (m = 0 only), both gradients are
 * accumulated over the micro-batches at one micro-batch's memory: g = Σⱼ (|Bⱼ|/|B|)·∇L_{Bⱼ}(w), ε
 * from g, then g_B = Σⱼ (|Bⱼ|/|B|)·∇L_{Bⱼ}(w + ε). For a model without batch-dependent layers this is
 * SAM's step on the whole batch; with BatchNorm each micro-batch is normalized by its own statistics,
 * as at the micro-batch size, and the running statistics take one update per clean micro-batch pass
 * ({@code AccumulationTest} checks both).
 *
 * <p>{@link #step} is SAM's sequence, written once in terms of its {@link Pieces}: the clean pass, the
 * ascent, the perturbed pass (which restores w and the statistics) and the descent. The other methods
 * of the family call the same pieces in the order of their own papers' algorithms.
 */
public final class SharpnessAwareStep implements TrainingStep {

    private final GradientPass pass;
    private final SamGroupPass groupPass;
    private final Perturbation perturbation;
    private final float rho;
    private final int groupSize;
    private final Updates updates;
    private final NDManager manager;
    private final BaseStep baseStep;
    private final int microBatches;

    private SharpnessAwareStep(Builder builder) {
        this.pass = builder.pass();
        this.groupPass = new SamGroupPass(pass, builder.weightDecay());
        this.perturbation = builder.perturbation;
        this.rho = builder.rho;
        this.groupSize = builder.groupSize;
        this.updates = builder.updates();
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

    /** Returns the number of micro-batches over which a step accumulates its gradients (1: none). */
    public int microBatches() {
        return microBatches;
    }

    /**
     * Returns the plain step with this step's pass, optimizer, manager, weight decay and clipping:
     * what this step does at ρ = 0, bitwise (same engine seed, same dropout masks), at one pass's
     * cost. Steps that mix SAM and plain updates use it.
     */
    public BaseStep baseStep() {
        return baseStep;
    }

    /** The manager under which per-step arrays are created (a method's state lives in a sub-manager). */
    NDManager manager() {
        return manager;
    }

    @Override
    public GradientPass pass() {
        return pass;
    }

    @Override
    public Optimizer optimizer() {
        return updates.optimizer();
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
    public StepResult step(Batch batch, long seed) {
        try (Pieces step = begin(batch, seed)) {
            for (int group = 0; group < step.groups(); group++) {
                NDList g = step.clean(group);
                Perturbation.Ascent ascent = step.ascend(group, g);
                NDList perturbed = step.perturbed(group, ascent);
                step.descend(group, perturbed);
            }
            return step.update();
        }
    }

    /** Starts one step on {@code batch}: its m-sharpness groups, engine seeds and per-step arrays. */
    Pieces begin(Batch batch, long seed) {
        return new Pieces(batch, seed);
    }

    /**
     * Checks that this step suits a method that works on whole batches (LookSAM, AE-SAM, ESAM,
     * Momentum-SAM): m = 0 and no micro-batches, each refusal one line naming {@code method}, and for m
     * {@code why} (e.g. "decides once per batch").
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
    }

    /**
     * SAM's pieces for one step, which each method of the family calls in its own order: {@link
     * #clean}, {@link #ascend}, {@link #perturbed}, {@link #descend}, {@link #update}. They keep what
     * SAM's sequence needs between them: the m-sharpness groups and their weights, the engine seed of
     * each pass (a group's two passes share one, so dropout masks agree), the copy of w the perturbed
     * passes restore, the BatchNorm statistics (from the clean passes only, merged over groups, see
     * {@link BatchNormMerge}), the micro-batches each pass accumulates over, and what the step reports.
     *
     * <p>A method on whole batches (one group) uses the overloads without a group index. Arrays made
     * here live until {@link #close}.
     */
    final class Pieces implements AutoCloseable {
        private final Batch batch;
        private final StepSeeds seeds;
        private final List<Batch> groups;
        private final MSharpness.GroupWeights weights;
        private final List<Batch> microBatchesOfBatch;
        private final MSharpness.GroupWeights microBatchWeights;
        private final List<Parameter> trainable;
        private final NDManager stepManager;
        private final BatchNormMerge statistics;
        private final double[] gradientNorms;
        private final double[] epsilonNorms;
        private boolean everyPassStatistics;
        private NDList weightsCopy;
        private NDList descentSum;
        private double lossSum;
        private int correct;
        private boolean cleanPassMade;
        private float[] exampleLosses;

        private Pieces(Batch batch, long seed) {
            this.batch = batch;
            this.seeds = new StepSeeds(seed);
            this.groups = MSharpness.groups(batch, groupSize, seeds.groupSeed());
            this.weights = MSharpness.weights(groups);
            // Micro-batches come with m = 0 (the builder refuses both), so with one group.
            this.microBatchesOfBatch = microBatches > 1 ? MicroBatches.split(batch, microBatches) : null;
            this.microBatchWeights = microBatchesOfBatch == null ? null : MSharpness.weights(microBatchesOfBatch);
            this.trainable = pass.parameters().trainable();
            this.gradientNorms = new double[groups.size()];
            this.epsilonNorms = new double[groups.size()];
            this.stepManager = manager.newSubManager();
            this.statistics = new BatchNormMerge(pass.parameters(), weights, stepManager);
        }

        /** Returns the number of m-sharpness groups (1 for m = 0). */
        int groups() {
            return groups.size();
        }

        /**
         * Lets the BatchNorm running statistics keep what every pass of the step leaves (ESAM's and
         * Momentum-SAM's official code) instead of the clean passes' alone (SAM's official code).
         */
        void keepEveryPassStatistics() {
            everyPassStatistics = true;
        }

        /** The clean pass on the whole batch: g = ∇L(w) (+ λ·w). */
        NDList clean() {
            return clean(single());
        }

        /**
         * The clean pass on group {@code group}: g = ∇L_B(w) (+ λ·w), accumulated over the
         * micro-batches; its loss and hits are what the step reports.
         *
         * @throws io.sam4j.core.train.NonFiniteLossException if the loss is not finite
         */
        NDList clean(int group) {
            return cleanPass(group, false);
        }

        /** The clean pass on the whole batch that also keeps each example's loss ({@link #exampleLosses}). */
        NDList cleanWithExampleLosses() {
            Checks.checkState(microBatchesOfBatch == null, "example losses are for steps on whole batches");
            return cleanPass(single(), true);
        }

        /** Returns each example's loss at w, from {@link #cleanWithExampleLosses}. */
        float[] exampleLosses() {
            Checks.checkState(exampleLosses != null, "the clean pass kept no example losses");
            return exampleLosses;
        }

        private NDList cleanPass(int group, boolean keepExampleLosses) {
            if (!everyPassStatistics) {
                statistics.beforeClean(group);
            }
            List<Batch> parts = parts(group);
            NDList sum = null;
            for (int j = 0; j < parts.size(); j++) {
                Batch part = parts.get(j);
                PassResult clean = groupPass.clean(part, engineSeed(group, j), stepManager, keepExampleLosses);
                lossSum += (double) clean.loss() * part.size();
                correct += clean.correct();
                exampleLosses = keepExampleLosses ? clean.exampleLosses() : null;
                sum = partWeights(parts).accumulate(sum, clean.gradients(), j);
            }
            cleanPassMade = true;
            return partWeights(parts).finish(sum);
        }

        /** The ascent on the whole batch's g by the step's ρ. */
        Perturbation.Ascent ascend(NDList g) {
            return ascend(single(), g);
        }

        /** The ascent ε = Perturbation(g, w, ρ) of group {@code group}, by the step's ρ; consumes g. */
        Perturbation.Ascent ascend(int group, NDList g) {
            return ascend(group, g, rho);
        }

        /**
         * The ascent ε = Perturbation(g, w, ρ) of group {@code group} by a given ρ (GSAM's schedule);
         * consumes g. Its norms are what the step reports.
         */
        Perturbation.Ascent ascend(int group, NDList g, float rho) {
            Perturbation.Ascent ascent = perturbation.ascend(trainable, g, rho);
            gradientNorms[group] = ascent.gradientNorm();
            epsilonNorms[group] = ascent.epsilonNorm();
            return ascent;
        }

        /** The perturbed pass on the whole batch. */
        NDList perturbed(Perturbation.Ascent ascent) {
            return perturbed(single(), ascent);
        }

        /**
         * The perturbed pass on group {@code group}: ∇L_B(w + ε) (+ λ·(w + ε)), accumulated over the
         * micro-batches, then w restored bitwise and (unless {@link #keepEveryPassStatistics}) the
         * BatchNorm statistics reset to those of the group's clean pass. Consumes ε.
         *
         * @throws io.sam4j.core.train.NonFiniteLossException if the loss is not finite
         */
        NDList perturbed(int group, Perturbation.Ascent ascent) {
            return perturbedPass(group, ascent.epsilon(), null);
        }

        /**
         * The perturbed pass on the whole batch at w + ε (ε consumed), with no ascent of the step's own
         * before it (Momentum-SAM's ε comes from the optimizer's momentum). The step then reports this
         * pass's loss and hits when it made no clean pass.
         */
        NDList perturbedAt(NDList epsilon) {
            return perturbedPass(single(), epsilon, null);
        }

        /**
         * The perturbed pass on the examples {@code select} picks from every example's loss at w + ε,
         * measured by a gradient-free forward pass (ESAM): ∇L_S(w + ε) (+ λ·(w + ε)). Consumes ε.
         */
        NDList perturbedOn(Perturbation.Ascent ascent, Function<float[], Batch> select) {
            Checks.checkState(microBatchesOfBatch == null, "a selection is made from the whole batch");
            return perturbedPass(single(), ascent.epsilon(), select);
        }

        private NDList perturbedPass(int group, NDList epsilon, Function<float[], Batch> select) {
            if (weightsCopy == null) {
                weightsCopy = pass.parameters().copyTrainable(stepManager);
            }
            if (!everyPassStatistics) {
                // Nothing between a group's clean pass and here moves the statistics.
                statistics.afterClean(group);
            }
            List<Batch> parts = parts(group);
            NDList sum = null;
            try {
                for (int j = 0; j < parts.size(); j++) {
                    Batch part = parts.get(j);
                    long engineSeed = engineSeed(group, j);
                    NDList e = parts.size() == 1 ? epsilon : Gradients.copy(epsilon, stepManager);
                    PassResult perturbed = select == null
                            ? groupPass.perturbed(part, engineSeed, e, weightsCopy, stepManager)
                            : groupPass.perturbedOn(part, engineSeed, e, weightsCopy, stepManager, select);
                    if (!cleanPassMade) {
                        lossSum += (double) perturbed.loss() * part.size();
                        correct += perturbed.correct();
                    }
                    sum = partWeights(parts).accumulate(sum, perturbed.gradients(), j);
                }
            } finally {
                if (!everyPassStatistics) {
                    statistics.afterPerturbed();
                }
            }
            if (parts.size() > 1) {
                epsilon.close();
            }
            return partWeights(parts).finish(sum);
        }

        /** Returns a copy of {@code arrays} that lives until the step ends (the ascent consumes g). */
        NDList copy(NDList arrays) {
            return Gradients.copy(arrays, stepManager);
        }

        /** Adds group {@code group}'s descent direction d_B (consumed) to the step's weighted sum. */
        void descend(int group, NDList d) {
            descentSum = weights.accumulate(descentSum, d, group);
        }

        /**
         * The update w ← Optimizer(w, clip(Σ_B (|B|/|batch|)·d_B)), the BatchNorm statistics merged
         * over the groups first. Reports the clean passes' loss and hits and the ascents' norms, each
         * weighted by group size.
         */
        StepResult update() {
            if (!everyPassStatistics) {
                statistics.finish();
            }
            updates.apply(trainable, weights.finish(descentSum));
            return result(weights.mean(gradientNorms), weights.mean(epsilonNorms));
        }

        /** The update along the whole batch's descent direction {@code d} (consumed). */
        StepResult update(NDList d) {
            descend(single(), d);
            return update();
        }

        /**
         * The update along {@code d} on the whole batch, for a step whose ε is not an ascent of its own
         * (a base step: 0; Momentum-SAM's), with the norms it reports.
         */
        StepResult update(NDList d, double gradientNorm, double epsilonNorm) {
            single();
            updates.apply(trainable, d);
            return result(gradientNorm, epsilonNorm);
        }

        private StepResult result(double gradientNorm, double epsilonNorm) {
            return new StepResult((float) (lossSum / batch.size()), correct, batch.size(), gradientNorm, epsilonNorm);
        }

        private int single() {
            Checks.checkState(groups.size() == 1, "a whole-batch piece in a step of %s groups", groups.size());
            return 0;
        }

        private List<Batch> parts(int group) {
            return microBatchesOfBatch != null ? microBatchesOfBatch : List.of(groups.get(group));
        }

        private MSharpness.GroupWeights partWeights(List<Batch> parts) {
            return parts == microBatchesOfBatch ? microBatchWeights : SINGLE;
        }

        /** Group i's passes take engine seed i, micro-batch j's seed j (only one of them is above 0). */
        private long engineSeed(int group, int part) {
            return seeds.engineSeed(group + part);
        }

        @Override
        public void close() {
            stepManager.close();
        }
    }

    /** The weights of a pass made on one batch: accumulating and finishing leave its arrays as they are. */
    private static final MSharpness.GroupWeights SINGLE = MSharpness.weights(1);

    /** Builds a {@link SharpnessAwareStep}. */
    public static final class Builder extends StepBuilder<Builder> {
        private Perturbation perturbation = Perturbation.sam();
        private float rho = 0.05f;
        private int groupSize;

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
