package io.sam4j.core.djl;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.EasyTrain;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.listener.TrainingListener.BatchData;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.translate.TranslateException;
import io.sam4j.core.random.Seeds;
import io.sam4j.core.sam.Perturbation;
import io.sam4j.core.sam.SamMethod;
import io.sam4j.core.sam.SamMethods;
import io.sam4j.core.sam.SharpnessAwareStep;
import io.sam4j.core.sam.StepSettings;
import io.sam4j.core.train.GradientPass;
import io.sam4j.core.train.Gradients;
import io.sam4j.core.train.ModelParameters;
import io.sam4j.core.train.StateArrays;
import io.sam4j.core.train.StepResult;
import io.sam4j.core.train.TrainingStep;
import io.sam4j.core.train.WeightDecay;
import io.sam4j.core.util.Checks;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SAM family (Foret, Kleiner, Mobahi, Neyshabur, ICLR 2021, and every method of {@link
 * SamMethods}) for code that trains with DJL's {@link Trainer}: a drop-in for {@link EasyTrain}.
 *
 * <pre>{@code
 * EasyTrain.fit(trainer, epochs, trainSet, testSet);                       // before
 * SamTrain.builder().optRho(0.05f).build().fit(trainer, epochs, trainSet, testSet);   // after
 * SamTrain.builder().optMethod("looksam").optParameter("k", 5).build()...  // any method of the catalog
 *
 * EasyTrain.trainBatch(trainer, batch); trainer.step();                    // a loop of one's own, before
 * sam.trainBatch(trainer, batch);       trainer.step();                    // after
 * }</pre>
 *
 * <p>{@link #trainBatch} runs the method's core {@link TrainingStep}, the very step {@code sam4j
 * train} runs (the maths is not repeated here), with one difference: the step's base optimizer is a
 * stand-in that leaves the clipped descent gradient in the parameters' gradients instead of
 * updating, and {@code trainer.step()} then lets the trainer's optimizer apply it. For SAM:
 *
 * <pre>
 *   g = ∇L(w)                  clean pass; its predictions go to the trainer's evaluators and listeners
 *   ε = Perturbation(g, w, ρ)  SAM: ρ·g/(‖g‖₂ + 1e-12); ASAM: ρ·T²g/‖Tg‖₂ (the core's {@link Perturbation})
 *   ∇L(w + ε)                  perturbed pass, left in the parameters' gradients (+ λ·(w + ε), clipped)
 *   w restored bitwise, BatchNorm statistics as the clean pass left them
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
 *   <li><b>One label array</b> of class indices per batch, and a loss averaged over the batch (what
 *       the core's passes take).
 *   <li><b>BatchNorm statistics from the clean passes.</b> DJL's BatchNorm updates its running
 *       statistics in every training forward pass; the core steps undo the perturbed passes' updates
 *       (the official code's rule).
 *   <li><b>Listeners</b> see the predictions of the step's passes at w (for m-sharpness and
 *       micro-batches, all groups' together), or, for a step with no pass at w (Momentum-SAM), those
 *       of its perturbed pass.
 *   <li><b>Seeds.</b> The k-th call uses step seed {@code Seeds(seed).of(STEP, 0, k)}, as {@code
 *       TrainingLoop} does; each pass sets the engine's seed from it (dropout masks agree between a
 *       step's passes), and with it DJL's {@code RandomUtils}, which DJL's shuffling samplers draw
 *       from: a run is reproducible, and each epoch's order still differs.
 *   <li><b>Gradients are cleared</b> before the step, so optimizers that leave them (sam4j's own)
 *       work as well as DJL's, which clear them.
 *   <li><b>Momentum-SAM</b> reads the momentum buffer of the trainer's optimizer, which must be sam4j's
 *       {@link io.sam4j.core.optim.MomentumSgd} given to {@link Builder#optOptimizer}. Its BatchNorm
 *       recalibration after training is {@code TrainingLoop}'s: {@link #fit} does not run it.
 *   <li><b>GSAM</b>'s ρ follows the learning rate of the trainer's optimizer, which must then be one of
 *       sam4j's {@link io.sam4j.core.optim.Optimizers} given to {@link Builder#optOptimizer} (or ρ fixed:
 *       {@code gsam-rho-min} = ρ).
 *   <li><b>Late-phase SAM, AE-SAM, AE-LookSAM and GSAM</b> schedule by the run's length (the start of
 *       SAM, the threshold, the learning rates ρ spans): {@link #fit} knows it (it counts
 *       the batches of an epoch once); a loop of one's own gives it with {@link Builder#optRunLength}.
 *   <li><b>Checkpoints.</b> {@code Model.save} writes the weights and BatchNorm statistics. The
 *       methods with state of their own (LookSAM's stored direction, FriendlySAM's moving average)
 *       and the step count are in {@link #exportState}; restore them with {@link #importState}. DJL
 *       does not save optimizer state (momentum, Adam moments): for exact resumption use a {@link
 *       io.sam4j.core.optim.StatefulOptimizer} ({@code Optimizers.sgd()}, {@code adam()}) and save its
 *       {@code exportState} with {@link io.sam4j.core.checkpoint.CheckpointFile}.
 * </ul>
 *
 * <p>A {@code SamTrain} is not thread-safe; use one per trainer.
 */
public final class SamTrain {

    private static final String STEPS = "samtrain.steps";

    private final SamMethod method;
    private final SamMethod.Values values;
    private final Perturbation perturbation;
    private final WeightDecay weightDecay;
    private final double clipNorm;
    private final int microBatches;
    private final Optimizer trainersOptimizer;
    private final Seeds seeds;
    private int epochs;
    private int stepsPerEpoch;
    private long steps;
    private Block block;
    private ModelParameters parameters;
    private TrainingStep step;
    private final Observed observed = new Observed();

    private SamTrain(Builder builder, SamMethod.Values values) {
        this.method = builder.method;
        this.values = values;
        this.perturbation = builder.perturbation;
        this.weightDecay = builder.weightDecay;
        this.clipNorm = builder.clipNorm;
        this.microBatches = builder.microBatches;
        this.trainersOptimizer = builder.optimizer;
        this.seeds = new Seeds(builder.seed);
        this.steps = builder.firstStep;
        this.epochs = builder.epochs;
        this.stepsPerEpoch = builder.stepsPerEpoch;
    }

    /** Returns a builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the method. */
    public SamMethod method() {
        return method;
    }

    /** Returns the method's parameter values, defaults filled in. */
    public SamMethod.Values values() {
        return values;
    }

    /** Returns ρ, or 0 for a method without one. */
    public float rho() {
        return method.parameter(SamMethods.RHO.name()) == null ? 0 : (float) values.decimal(SamMethods.RHO.name());
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
        if (numEpoch > 0 && SamMethods.usesRunLength(method) && stepsPerEpoch == 0) {
            epochs = numEpoch;
            stepsPerEpoch = countBatches(trainer, trainingDataset);
        }
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
     * Runs one step of the method on {@code batch} and leaves its descent gradient in the
     * parameters' gradients, with the weights and BatchNorm statistics as its passes at w left them;
     * call {@code trainer.step()} next. The listeners see the predictions of the step's passes at w,
     * as {@link EasyTrain#trainBatch} shows them.
     *
     * @param trainer the trainer, on one device
     * @param batch the batch (not closed here)
     * @return the step's loss and arg-max hits (at w, except Momentum-SAM's), ‖g‖₂ and ‖ε‖₂
     * @throws io.sam4j.core.train.NonFiniteLossException if a loss is NaN or infinite (the weights are
     *     restored; do not call {@code trainer.step()})
     */
    public StepResult trainBatch(Trainer trainer, Batch batch) {
        TrainingStep current = step(trainer);
        NDList labels = batch.getLabels();
        Checks.checkArgument(
                labels.size() == 1, "SamTrain takes one label array per batch but the batch has %s", labels.size());
        BatchData batchData = new BatchData(batch, new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
        StepResult result;
        try (NDManager stepArrays = trainer.getManager().newSubManager()) {
            Gradients.zero(parameters.trainable());
            observed.start(stepArrays);
            try {
                result = current.step(
                        new DjlBatch(batch.getData(), labels.head(), stepArrays),
                        seeds.of(Seeds.Stream.STEP, 0, steps));
            } finally {
                observed.stop();
            }
            NDList shownLabels = observed.labels();
            NDList predictions = observed.predictions();
            Device device = labels.head().getDevice();
            batchData.getLabels().put(device, shownLabels);
            batchData.getPredictions().put(device, predictions);
            steps++;
            // The listeners read the arrays now, before the step's arrays are closed.
            trainer.notifyListeners(listener -> listener.onTrainingBatch(trainer, batchData));
        }
        return result;
    }

    /**
     * Returns copies of the drop-in's state: the step count and the method's own state (LookSAM's
     * stored direction, FriendlySAM's moving average; nothing for SAM). The trainer's optimizer state
     * is not included.
     *
     * @param trainer the trainer this drop-in trains
     * @param manager the manager for the copies
     */
    public NDList exportState(Trainer trainer, NDManager manager) {
        NDList out = new NDList();
        StateArrays.putCounter(out, STEPS, steps, manager);
        out.addAll(step(trainer).exportState(manager));
        return out;
    }

    /**
     * Restores a state {@link #exportState exported} by a drop-in of the same method and settings.
     *
     * @throws IllegalArgumentException in one line if the state does not fit
     */
    public void importState(Trainer trainer, NDList state) {
        StateArrays arrays = StateArrays.of(state);
        long restored = arrays.counter(STEPS);
        NDList own = new NDList();
        for (NDArray array : state) {
            if (!STEPS.equals(array.getName())) {
                own.add(array);
            }
        }
        step(trainer).importState(own);
        steps = restored;
    }

    /** The method's core step for the trainer's block, built once per block. */
    private TrainingStep step(Trainer trainer) {
        Block current = trainer.getModel().getBlock();
        if (step != null && current == block) {
            return step;
        }
        ModelParameters currentParameters = parameters(trainer, current);
        Checks.checkArgument(
                !SamMethods.usesRunLength(method) || stepsPerEpoch > 0,
                "%s schedules by the run's length: give it with optRunLength(epochs, stepsPerEpoch), or"
                        + " train with fit",
                method.name());
        NDManager manager = trainer.getManager();
        GradientPass pass = new GradientPass(current, currentParameters, trainer.getLoss(), manager, observed);
        StepSettings settings = new StepSettings(
                pass,
                new TrainerOptimizer(trainersOptimizer),
                manager,
                weightDecay,
                clipNorm,
                Math.max(epochs, 1),
                Math.max(stepsPerEpoch, 1),
                microBatches);
        step = perturbation == null
                ? method.factory().build(settings, values)
                : settings.applyTo(SharpnessAwareStep.builder())
                        .optPerturbation(perturbation)
                        .optRho((float) values.decimal(SamMethods.RHO.name()))
                        .optGroupSize(values.integer(SamMethods.M.name()))
                        .build();
        block = current;
        parameters = currentParameters;
        return step;
    }

    private static int countBatches(Trainer trainer, Dataset dataset) throws IOException, TranslateException {
        int count = 0;
        for (Batch batch : trainer.iterateDataset(dataset)) {
            batch.close();
            count++;
        }
        Checks.checkArgument(count > 0, "the training dataset has no batches");
        return count;
    }

    private static ModelParameters parameters(Trainer trainer, Block block) {
        Device[] devices = trainer.getDevices();
        Checks.checkArgument(
                devices.length == 1,
                "SamTrain trains on one device but the trainer has %s: %s",
                devices.length,
                Arrays.toString(devices));
        ModelParameters parameters = ModelParameters.of(block);
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

    /**
     * Keeps copies of the labels and predictions of one step's passes, for the trainer's listeners:
     * the passes at w, or the perturbed ones when the step made none at w.
     */
    private static final class Observed implements GradientPass.Observer {
        private NDManager manager;
        private final List<NDArray> cleanLabels = new ArrayList<>();
        private final List<NDList> cleanPredictions = new ArrayList<>();
        private final List<NDArray> perturbedLabels = new ArrayList<>();
        private final List<NDList> perturbedPredictions = new ArrayList<>();

        void start(NDManager manager) {
            this.manager = manager;
            cleanLabels.clear();
            cleanPredictions.clear();
            perturbedLabels.clear();
            perturbedPredictions.clear();
        }

        void stop() {
            manager = null;
        }

        @Override
        public void observe(GradientPass.At at, NDArray labels, NDList predictions) {
            if (manager == null) {
                return;
            }
            NDList kept = new NDList(predictions.size());
            for (NDArray p : predictions) {
                kept.add(keep(p));
            }
            boolean clean = at == GradientPass.At.WEIGHTS;
            (clean ? cleanLabels : perturbedLabels).add(keep(labels));
            (clean ? cleanPredictions : perturbedPredictions).add(kept);
        }

        private NDArray keep(NDArray array) {
            NDArray copy = array.stopGradient().duplicate();
            copy.attach(manager == null ? array.getManager() : manager);
            return copy;
        }

        NDList labels() {
            List<NDArray> chosen = cleanLabels.isEmpty() ? perturbedLabels : cleanLabels;
            return new NDList(concat(chosen));
        }

        NDList predictions() {
            List<NDList> chosen = cleanPredictions.isEmpty() ? perturbedPredictions : cleanPredictions;
            NDList out = new NDList();
            for (int i = 0; i < chosen.get(0).size(); i++) {
                List<NDArray> parts = new ArrayList<>();
                for (NDList list : chosen) {
                    parts.add(list.get(i));
                }
                out.add(concat(parts));
            }
            return out;
        }

        private static NDArray concat(List<NDArray> parts) {
            return parts.size() == 1 ? parts.get(0) : NDArrays.concat(new NDList(parts));
        }
    }

    /** Builds a {@link SamTrain}: every setting is optional (the default is SAM with ρ = 0.05). */
    public static final class Builder {
        private SamMethod method = SamMethods.named("sam");
        private final Map<String, Double> parameters = new LinkedHashMap<>();
        private Perturbation perturbation;
        private WeightDecay weightDecay = WeightDecay.none();
        private double clipNorm;
        private int microBatches = 1;
        private Optimizer optimizer;
        private long seed;
        private long firstStep;
        private int epochs;
        private int stepsPerEpoch;

        private Builder() {}

        /**
         * Sets the method by its catalog name ({@code sam4j methods list}; default {@code sam}).
         *
         * @throws IllegalArgumentException in one line naming the unknown method and the known ones
         */
        public Builder optMethod(String name) {
            return optMethod(SamMethods.named(name));
        }

        /** Sets the method (default {@code sam}). */
        public Builder optMethod(SamMethod method) {
            Checks.checkArgument(method != null, "method must not be null");
            this.method = method;
            return this;
        }

        /**
         * Sets one of the method's parameters by its catalog name ({@code rho}, {@code m}, {@code k},
         * …); the others keep their defaults. Checked against the method when the drop-in is built.
         */
        public Builder optParameter(String name, double value) {
            Checks.checkArgument(name != null, "the parameter name must not be null");
            parameters.put(name, value);
            return this;
        }

        /** Sets the neighbourhood radius ρ ≥ 0 (default 0.05, the paper's CIFAR value). */
        public Builder optRho(float rho) {
            Checks.checkArgument(rho >= 0 && Float.isFinite(rho), "rho must be >= 0 but was %s", rho);
            return optParameter(SamMethods.RHO.name(), rho);
        }

        /**
         * Sets SAM's perturbation to one of one's own (for method {@code sam} only; the catalog's ASAM is
         * {@code optMethod("asam")}).
         */
        public Builder optPerturbation(Perturbation perturbation) {
            Checks.checkArgument(perturbation != null, "perturbation must not be null");
            this.perturbation = perturbation;
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

        /**
         * Accumulates each step's gradients over {@code count} micro-batches of the batch (default 1),
         * SAM's step on the whole batch at one micro-batch's memory (methods that support it).
         */
        public Builder optMicroBatches(int count) {
            Checks.checkPositive("micro-batches", count);
            this.microBatches = count;
            return this;
        }

        /**
         * Gives the trainer's optimizer, which methods that read the optimizer's state need
         * (Momentum-SAM reads sam4j's {@link io.sam4j.core.optim.MomentumSgd} momentum buffer). It still
         * updates only through {@code trainer.step()}.
         */
        public Builder optOptimizer(Optimizer trainersOptimizer) {
            Checks.checkArgument(trainersOptimizer != null, "the optimizer must not be null");
            this.optimizer = trainersOptimizer;
            return this;
        }

        /**
         * Sets the run's length, which late-phase SAM, AE-SAM, AE-LookSAM and GSAM schedule by ({@link #fit}
         * finds it itself).
         */
        public Builder optRunLength(int epochs, int stepsPerEpoch) {
            Checks.checkPositive("epochs", epochs);
            Checks.checkPositive("stepsPerEpoch", stepsPerEpoch);
            this.epochs = epochs;
            this.stepsPerEpoch = stepsPerEpoch;
            return this;
        }

        /** Sets the run seed from which each step's seeds are derived (default 0). */
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

        /**
         * Builds the drop-in.
         *
         * @throws IllegalArgumentException in one line for a parameter the method does not have, a value
         *     out of bounds, or a perturbation of one's own with a method other than {@code sam}
         */
        public SamTrain build() {
            Checks.checkArgument(
                    perturbation == null || method.name().equals("sam"),
                    "optPerturbation replaces SAM's perturbation but the method is %s",
                    method.name());
            return new SamTrain(this, method.resolve(parameters));
        }
    }
}
