package io.sam4j.core.djl;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.EasyTrain;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.listener.TrainingListener.BatchData;
import ai.djl.translate.TranslateException;
import io.sam4j.core.random.Seeds;
import io.sam4j.core.sam.Perturbation;
import io.sam4j.core.sam.SharpnessAwareStep;
import io.sam4j.core.train.GradientPass;
import io.sam4j.core.train.Gradients;
import io.sam4j.core.train.ModelParameters;
import io.sam4j.core.train.StepResult;
import io.sam4j.core.train.StepSeeds;
import io.sam4j.core.train.Updates;
import io.sam4j.core.train.WeightDecay;
import io.sam4j.core.util.Checks;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sharpness-Aware Minimization (Foret, Kleiner, Mobahi, Neyshabur, ICLR 2021) for code that trains
 * with DJL's {@link Trainer}: a drop-in for {@link EasyTrain}.
 *
 * <pre>{@code
 * EasyTrain.fit(trainer, epochs, trainSet, testSet);                       // before
 * SamTrain.builder().optRho(0.05f).build().fit(trainer, epochs, trainSet, testSet);   // after
 *
 * EasyTrain.trainBatch(trainer, batch); trainer.step();                    // a loop of one's own, before
 * sam.trainBatch(trainer, batch);       trainer.step();                    // after
 * }</pre>
 *
 * <p>{@link #trainBatch} leaves in the parameters' gradients what {@link SharpnessAwareStep} hands
 * its base optimizer, and {@code trainer.step()} lets the trainer's optimizer apply it:
 *
 * <pre>
 *   g = ∇L(w)                  clean pass; its predictions go to the trainer's evaluators and listeners
 *   ε = Perturbation(g, w, ρ)  SAM: ρ·g/(‖g‖₂ + 1e-12); ASAM: ρ·T²g/‖Tg‖₂ (the core's {@link Perturbation})
 *   ∇L(w + ε)                  perturbed pass, left in the parameters' gradients (+ λ·(w + ε), clipped)
 *   w restored bitwise, BatchNorm statistics put back as the clean pass left them
 * </pre>
 *
 * <p>Constraints, all checked or documented here:
 *
 * <ul>
 *   <li><b>One device.</b> The trainer must train on one device, the one the model's parameters live
 *       on: a {@link ai.djl.training.ParameterStore} mirror on another device would not see ε.
 *   <li><b>One gradient collector per JVM.</b> DJL's PyTorch engine allows one open {@link
 *       GradientCollector} at a time; each pass opens and closes its own, so {@code trainBatch} must
 *       not run inside an open collector, and two trainers cannot train at once in one JVM.
 *   <li><b>BatchNorm statistics from the clean pass.</b> DJL's BatchNorm updates its running
 *       statistics in every training forward pass; the perturbed pass's update is undone by writing
 *       back every parameter without gradient as the clean pass left it (the official code's rule).
 *   <li><b>Dropout.</b> Both passes run under one engine seed, so their masks agree. The seed of the
 *       k-th call is the one {@link SharpnessAwareStep#step} uses for step seed {@code
 *       Seeds(seed).of(STEP, 0, k)}; {@code trainBatch} therefore resets the engine's seed each step,
 *       and with it DJL's {@code RandomUtils}, which DJL's shuffling samplers draw from: a run is
 *       reproducible, and each epoch's order still differs.
 *   <li><b>Gradients are cleared</b> before the clean pass, so optimizers that leave them (sam4j's own)
 *       work as well as DJL's, which clear them.
 *   <li><b>m-sharpness</b> (groups within a batch) is {@link SharpnessAwareStep}'s alone.
 *   <li><b>Checkpoints.</b> {@code Model.save} writes the weights and BatchNorm statistics, all the
 *       model state SAM touches. A {@code SamTrain} holds no per-parameter state, only its step count
 *       ({@link #steps()}; {@link Builder#optFirstStep} resumes the dropout seeds). DJL does not save
 *       optimizer state (momentum, Adam moments): for exact resumption use a {@link
 *       io.sam4j.core.optim.StatefulOptimizer} ({@code Optimizers.sgd()}, {@code adam()}) and save its
 *       {@code exportState} with {@link io.sam4j.core.checkpoint.CheckpointFile}.
 * </ul>
 *
 * <p>A {@code SamTrain} is not thread-safe; use one per trainer.
 */
public final class SamTrain {

    private final Perturbation perturbation;
    private final float rho;
    private final WeightDecay weightDecay;
    private final double clipNorm;
    private final Seeds seeds;
    private long steps;
    private Block block;
    private ModelParameters parameters;

    private SamTrain(Builder builder) {
        this.perturbation = builder.perturbation;
        this.rho = builder.rho;
        this.weightDecay = builder.weightDecay;
        this.clipNorm = builder.clipNorm;
        this.seeds = new Seeds(builder.seed);
        this.steps = builder.firstStep;
    }

    /** Returns a builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns ρ. */
    public float rho() {
        return rho;
    }

    /** Returns the perturbation. */
    public Perturbation perturbation() {
        return perturbation;
    }

    /** Returns the number of batches trained so far (including {@link Builder#optFirstStep}). */
    public long steps() {
        return steps;
    }

    /**
     * Trains like {@link EasyTrain#fit}: each epoch runs {@link #trainBatch} and {@code
     * trainer.step()} on every batch, evaluates {@code validateDataset} with {@link
     * EasyTrain#evaluateDataset}, and tells the listeners the epoch ended.
     *
     * @param trainer the trainer, on one device
     * @param numEpoch the number of epochs, at least 0
     * @param trainingDataset the training data
     * @param validateDataset the validation data, or null for none
     * @throws IOException if the dataset cannot be read
     * @throws TranslateException if a batch cannot be prepared
     */
    public void fit(Trainer trainer, int numEpoch, Dataset trainingDataset, Dataset validateDataset)
            throws IOException, TranslateException {
        Checks.checkNonNegative("numEpoch", numEpoch);
        for (int epoch = 0; epoch < numEpoch; epoch++) {
            for (Batch batch : trainer.iterateDataset(trainingDataset)) {
                try {
                    trainBatch(trainer, batch);
                    trainer.step();
                } finally {
                    batch.close();
                }
            }
            EasyTrain.evaluateDataset(trainer, validateDataset);
            trainer.notifyListeners(listener -> listener.onEpoch(trainer));
        }
    }

    /**
     * Runs SAM's two passes on {@code batch} and leaves the descent gradient ∇L(w + ε) in the
     * parameters' gradients, with the weights and BatchNorm statistics as the clean pass left them;
     * call {@code trainer.step()} next. The listeners see the clean pass's predictions, as {@link
     * EasyTrain#trainBatch} shows them.
     *
     * @param trainer the trainer, on one device
     * @param batch the batch (not closed here)
     * @return the clean pass's loss and arg-max hits, ‖g‖₂ and ‖ε‖₂
     * @throws io.sam4j.core.train.NonFiniteLossException if a loss is NaN or infinite (the weights are
     *     restored; do not call {@code trainer.step()})
     */
    public StepResult trainBatch(Trainer trainer, Batch batch) {
        ModelParameters parameters = parameters(trainer);
        List<Parameter> trainable = parameters.trainable();
        Engine engine = trainer.getManager().getEngine();
        int engineSeed = Long.hashCode(new StepSeeds(seeds.of(Seeds.Stream.STEP, 0, steps)).engineSeed(0));
        NDList data = batch.getData();
        NDList labels = batch.getLabels();
        BatchData batchData = new BatchData(batch, new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
        StepResult result;
        try (NDManager step = trainer.getManager().newSubManager()) {
            NDList weights = parameters.copyTrainable(step);
            Gradients.zero(trainable);
            engine.setRandomSeed(engineSeed);
            NDList predictions;
            float loss;
            try (GradientCollector collector = trainer.newGradientCollector()) {
                predictions = trainer.forward(data, labels);
                NDArray value = trainer.getLoss().evaluate(labels, predictions);
                collector.backward(value);
                loss = value.getFloat();
            }
            Updates.checkFinite(loss);
            int correct = GradientPass.countCorrect(predictions.head(), labels.head());
            batchData.getLabels().put(labels.head().getDevice(), labels);
            batchData.getPredictions().put(predictions.head().getDevice(), predictions);

            NDList gradients = Gradients.take(trainable, step);
            NDList stateAfterClean = parameters.snapshotState(step);
            weightDecay.addGradient(trainable, gradients);
            Perturbation.Ascent ascent = perturbation.ascend(trainable, gradients, rho);
            for (int p = 0; p < trainable.size(); p++) {
                trainable.get(p).getArray().addi(ascent.epsilon().get(p));
            }
            ascent.epsilon().close();
            float perturbedLoss =
                    perturbedPass(trainer, parameters, data, labels, engineSeed, weights, stateAfterClean);
            Updates.checkFinite(perturbedLoss);
            result = new StepResult(loss, correct, batch.getSize(), ascent.gradientNorm(), ascent.epsilonNorm());
        }
        steps++;
        trainer.notifyListeners(listener -> listener.onTrainingBatch(trainer, batchData));
        return result;
    }

    /**
     * Backpropagates at w + ε into the parameters' gradients, adds the in-loss decay there and
     * clips, then restores the weights and the model state whatever happens. Every array the pass
     * creates is closed with its scope.
     */
    private float perturbedPass(
            Trainer trainer,
            ModelParameters parameters,
            NDList data,
            NDList labels,
            int engineSeed,
            NDList weights,
            NDList stateAfterClean) {
        List<Parameter> trainable = parameters.trainable();
        try (NDScope scope = new NDScope()) {
            trainer.getManager().getEngine().setRandomSeed(engineSeed);
            float loss;
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDList predictions = trainer.forward(data, labels);
                NDArray value = trainer.getLoss().evaluate(labels, predictions);
                collector.backward(value);
                loss = value.getFloat();
            }
            NDList descent = new NDList(trainable.size());
            for (Parameter p : trainable) {
                descent.add(p.getArray().getGradient());
            }
            weightDecay.addGradient(trainable, descent);
            if (clipNorm > 0) {
                Gradients.clipByGlobalNorm(descent, clipNorm);
            }
            return loss;
        } finally {
            parameters.restoreTrainable(weights);
            parameters.restoreState(stateAfterClean);
        }
    }

    private ModelParameters parameters(Trainer trainer) {
        Device[] devices = trainer.getDevices();
        Checks.checkArgument(
                devices.length == 1,
                "SamTrain trains on one device but the trainer has %s: %s",
                devices.length,
                Arrays.toString(devices));
        Block current = trainer.getModel().getBlock();
        if (current != block) {
            parameters = ModelParameters.of(current);
            block = current;
        }
        for (Parameter p : parameters.trainable()) {
            Device device = p.getArray().getDevice();
            Checks.checkArgument(
                    device.equals(devices[0]),
                    "parameter %s is on %s but the trainer trains on %s: create the model on the trainer's device",
                    p.getName(),
                    device,
                    devices[0]);
        }
        return parameters;
    }

    /** Builds a {@link SamTrain}: every setting is optional. */
    public static final class Builder {
        private Perturbation perturbation = Perturbation.sam();
        private float rho = 0.05f;
        private WeightDecay weightDecay = WeightDecay.none();
        private double clipNorm;
        private long seed;
        private long firstStep;

        private Builder() {}

        /** Sets the perturbation (default {@link Perturbation#sam()}; {@link Perturbation#asam} for ASAM). */
        public Builder optPerturbation(Perturbation perturbation) {
            Checks.checkArgument(perturbation != null, "perturbation must not be null");
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
         * Sets an L2 penalty λ/2·‖W‖² inside the loss, on tensors of rank ≥ 2, as the official JAX
         * code has it (default none; the trainer's optimizer may decay weights itself instead).
         */
        public Builder optWeightDecay(WeightDecay weightDecay) {
            Checks.checkArgument(weightDecay != null, "weightDecay must not be null");
            this.weightDecay = weightDecay;
            return this;
        }

        /** Sets the maximum global norm of the descent gradient (default 0: no clipping). */
        public Builder optClipNorm(double clipNorm) {
            Checks.checkNonNegative("clipNorm", clipNorm);
            this.clipNorm = clipNorm;
            return this;
        }

        /** Sets the run seed from which each step's dropout seed is derived (default 0). */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Sets the number of steps already trained, when resuming (default 0). */
        public Builder optFirstStep(long firstStep) {
            Checks.checkNonNegative("firstStep", firstStep);
            this.firstStep = firstStep;
            return this;
        }

        /** Builds the drop-in. */
        public SamTrain build() {
            return new SamTrain(this);
        }
    }
}
