package io.sam4j.core.sam;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import io.sam4j.core.train.Batch;
import io.sam4j.core.train.GradientPass;
import io.sam4j.core.train.Gradients;
import io.sam4j.core.train.ModelParameters;
import io.sam4j.core.train.PassResult;
import io.sam4j.core.train.StepBuilder;
import io.sam4j.core.train.StepResult;
import io.sam4j.core.train.StepSeeds;
import io.sam4j.core.train.TrainingStep;
import io.sam4j.core.train.Updates;
import io.sam4j.core.train.WeightDecay;
import io.sam4j.core.util.Checks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Sharpness-Aware Minimization (Foret, Kleiner, Mobahi, Neyshabur, "Sharpness-Aware Minimization
 * for Efficiently Improving Generalization", ICLR 2021) around any DJL {@link Optimizer}.
 *
 * <p>For each group B of m examples of the batch (m-sharpness; m ≥ batch size is plain SAM):
 *
 * <pre>
 *   g   = ∇L_B(w)                      clean pass; updates BatchNorm statistics
 *   ε   = Perturbation(g, w, ρ)        SAM: ρ·g/(‖g‖₂ + 1e-12); ASAM: ρ·T²g/‖Tg‖₂
 *   g_B = ∇L_B(w + ε)                  perturbed pass; BatchNorm statistics left as they were
 *   w   restored from a copy (bitwise, not w + ε − ε)
 * </pre>
 *
 * then {@code w ← Optimizer(w, clip(mean_B g_B))}. With an in-loss {@link WeightDecay}, λ·w is part
 * of both gradients (at w and at w + ε), as in the official JAX code.
 *
 * <p>BatchNorm running statistics follow the official code too: only clean passes update them. With
 * several groups each group starts from the statistics before the step and the results are
 * averaged, which is what per-device BatchNorm followed by a cross-device mean computes. Both passes
 * of a group use the same engine seed, so dropout masks agree between them.
 */
public final class SharpnessAwareStep implements TrainingStep {

    private final GradientPass pass;
    private final Perturbation perturbation;
    private final float rho;
    private final int groupSize;
    private final WeightDecay weightDecay;
    private final Updates update;
    private final NDManager manager;

    private SharpnessAwareStep(Builder builder) {
        this.pass = builder.pass();
        this.perturbation = builder.perturbation;
        this.rho = builder.rho;
        this.groupSize = builder.groupSize;
        this.weightDecay = builder.weightDecay();
        this.update = builder.updates();
        this.manager = builder.manager();
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

    @Override
    public GradientPass pass() {
        return pass;
    }

    @Override
    public Optimizer optimizer() {
        return update.optimizer();
    }

    @Override
    public StepResult step(Batch batch, long seed) {
        StepSeeds seeds = new StepSeeds(seed);
        List<Batch> groups = groups(batch, seeds.groupSeed());
        ModelParameters parameters = pass.parameters();
        List<Parameter> trainable = parameters.trainable();
        boolean single = groups.size() == 1;
        try (NDManager stepManager = manager.newSubManager()) {
            NDList weights = parameters.copyTrainable(stepManager);
            NDList stateBefore = single ? null : parameters.snapshotState(stepManager);
            NDList stateSum = null;
            NDList descent = null;
            double lossSum = 0;
            int correct = 0;
            double gradientNormSum = 0;
            double epsilonNormSum = 0;
            for (int i = 0; i < groups.size(); i++) {
                Batch group = groups.get(i);
                if (i > 0) {
                    parameters.restoreState(stateBefore);
                }
                long engineSeed = seeds.engineSeed(i);
                PassResult clean = pass.run(group, engineSeed, stepManager);
                Updates.checkFinite(clean.loss());
                lossSum += (double) clean.loss() * group.size();
                correct += clean.correct();
                NDList stateAfterClean = parameters.snapshotState(stepManager);
                if (!single) {
                    stateSum = accumulate(stateSum, stateAfterClean);
                }

                weightDecay.addGradient(trainable, clean.gradients());
                Perturbation.Ascent ascent = perturbation.ascend(trainable, clean.gradients(), rho);
                gradientNormSum += ascent.gradientNorm();
                epsilonNormSum += ascent.epsilonNorm();
                for (int p = 0; p < trainable.size(); p++) {
                    trainable.get(p).getArray().addi(ascent.epsilon().get(p));
                }
                ascent.epsilon().close();

                PassResult perturbed;
                try {
                    perturbed = pass.run(group, engineSeed, stepManager);
                    weightDecay.addGradient(trainable, perturbed.gradients());
                } finally {
                    parameters.restoreTrainable(weights);
                    if (single) {
                        parameters.restoreState(stateAfterClean);
                    }
                }
                Updates.checkFinite(perturbed.loss());
                descent = accumulate(descent, perturbed.gradients());
            }
            if (!single) {
                float inverse = 1f / groups.size();
                Gradients.scaleInPlace(descent, inverse);
                Gradients.scaleInPlace(stateSum, inverse);
                parameters.restoreState(stateSum);
            }
            update.apply(trainable, descent);
            int n = groups.size();
            return new StepResult(
                    (float) (lossSum / batch.size()), correct, batch.size(), gradientNormSum / n, epsilonNormSum / n);
        }
    }

    private static NDList accumulate(NDList sum, NDList next) {
        if (sum == null) {
            return next;
        }
        Gradients.addInPlace(sum, next);
        next.close();
        return sum;
    }

    private List<Batch> groups(Batch batch, long groupSeed) {
        if (groupSize == 0 || groupSize >= batch.size()) {
            return List.of(batch);
        }
        List<Integer> order = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(groupSeed));
        List<Batch> groups = new ArrayList<>();
        for (int from = 0; from < order.size(); from += groupSize) {
            List<Integer> members = order.subList(from, Math.min(order.size(), from + groupSize));
            groups.add(batch.subset(members.stream().mapToInt(Integer::intValue).toArray()));
        }
        return groups;
    }

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

        /** Sets the m-sharpness group size m ≥ 1, or 0 for the whole batch (default 0). */
        public Builder optGroupSize(int groupSize) {
            Checks.checkNonNegative("m", groupSize);
            this.groupSize = groupSize;
            return this;
        }

        /** Builds the step. */
        public SharpnessAwareStep build() {
            validate();
            return new SharpnessAwareStep(this);
        }
    }
}
