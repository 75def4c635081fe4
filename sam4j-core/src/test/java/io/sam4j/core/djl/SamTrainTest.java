package io.sam4j.core.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.sam4j.core.optim.Optimizers;
import io.sam4j.core.random.Seeds;
import io.sam4j.core.sam.Perturbation;
import io.sam4j.core.sam.SamMethod;
import io.sam4j.core.sam.SamMethods;
import io.sam4j.core.sam.SharpnessAwareStep;
import io.sam4j.core.sam.StepSettings;
import io.sam4j.core.testing.Fixtures;
import io.sam4j.core.train.ArrayBatch;
import io.sam4j.core.train.GradientPass;
import io.sam4j.core.train.ModelParameters;
import io.sam4j.core.train.StepResult;
import io.sam4j.core.train.TrainingStep;
import io.sam4j.core.train.WeightDecay;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The drop-in against the core: SAM through DJL's {@link Trainer} and {@link SamTrain} ends at the
 * weights and BatchNorm statistics that {@link SharpnessAwareStep} reaches on the same batches, and
 * with ρ = 0 it is {@link EasyTrain}, listeners and evaluators included.
 */
class SamTrainTest {

    private static final int EXAMPLES = 24;
    private static final int BATCH = 8;
    private static final long SEED = 11;

    /** A conv net with BatchNorm and dropout for 1×8×8 inputs and 3 classes, initialized with {@code seed}. */
    private static Block dropoutNet(NDManager manager, int seed) {
        SequentialBlock net = new SequentialBlock()
                .add(Conv2d.builder()
                        .setFilters(4)
                        .setKernelShape(new Shape(3, 3))
                        .optPadding(new Shape(1, 1))
                        .build())
                .add(BatchNorm.builder().build())
                .add(Activation::relu)
                .add(Dropout.builder().optRate(0.3f).build())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(3).build());
        Engine.getInstance().setRandomSeed(seed);
        net.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 8, 8));
        return net;
    }

    private static ArrayDataset dataset(NDManager manager, ArrayBatch all) {
        return new ArrayDataset.Builder()
                .setData(manager.create(all.data(), new Shape(all.shape())))
                .optLabels(manager.create(all.labelArray()))
                .setSampling(BATCH, false)
                .build();
    }

    private static List<ArrayBatch> batches(ArrayBatch all) {
        List<ArrayBatch> out = new ArrayList<>();
        for (int from = 0; from < all.size(); from += BATCH) {
            out.add((ArrayBatch) all.subset(IntStream.range(from, from + BATCH).toArray()));
        }
        return out;
    }

    private static Trainer trainer(Model model, Optimizer optimizer) {
        return model.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(optimizer)
                .addEvaluator(new Accuracy())
                .addTrainingListeners(TrainingListener.Defaults.basic()));
    }

    static Stream<Arguments> configurations() {
        Supplier<Optimizer> torchSgd = () -> Optimizers.sgd()
                .setLearningRate(Tracker.fixed(0.1f))
                .optMomentum(0.9f)
                .build();
        Supplier<Optimizer> djlAdam = () ->
                Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.01f)).build();
        return Stream.of(
                Arguments.of("sam + sam4j sgd", Perturbation.sam(), 0f, 0.0, torchSgd),
                Arguments.of("asam + decay + clip + djl adam", Perturbation.asam(0.01f), 5e-3f, 0.5, djlAdam));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configurations")
    void trainerAndCoreStepReachTheSameWeights(
            String name, Perturbation perturbation, float decay, double clip, Supplier<Optimizer> optimizer)
            throws Exception {
        ArrayBatch all = Fixtures.randomImages(EXAMPLES, 3);
        Seeds seeds = new Seeds(SEED);
        try (NDManager manager = NDManager.newBaseManager();
                Model model = Model.newInstance("sam-drop-in")) {
            Block reference = dropoutNet(manager, 5);
            SharpnessAwareStep step = SharpnessAwareStep.builder()
                    .setPass(new GradientPass(
                            reference, ModelParameters.of(reference), Loss.softmaxCrossEntropyLoss(), manager))
                    .setOptimizer(optimizer.get())
                    .setManager(manager)
                    .optPerturbation(perturbation)
                    .optRho(0.1f)
                    .optWeightDecay(new WeightDecay(decay))
                    .optClipNorm(clip)
                    .build();
            List<float[]> initial = Fixtures.weights(reference);
            List<ArrayBatch> batches = batches(all);
            for (int k = 0; k < batches.size(); k++) {
                step.step(batches.get(k), seeds.of(Seeds.Stream.STEP, 0, k));
            }

            model.setBlock(dropoutNet(model.getNDManager(), 5));
            SamTrain sam = SamTrain.builder()
                    .optPerturbation(perturbation)
                    .optRho(0.1f)
                    .optWeightDecay(new WeightDecay(decay))
                    .optClipNorm(clip)
                    .optSeed(SEED)
                    .build();
            List<StepResult> results = new ArrayList<>();
            try (Trainer trainer = trainer(model, optimizer.get())) {
                for (Batch batch : trainer.iterateDataset(dataset(model.getNDManager(), all))) {
                    results.add(sam.trainBatch(trainer, batch));
                    trainer.step();
                    batch.close();
                }
            }

            assertThat(sam.steps()).isEqualTo(3);
            assertThat(results).allSatisfy(r -> assertThat(r.epsilonNorm()).isGreaterThan(0));
            List<float[]> expected = Fixtures.weights(reference);
            List<float[]> actual = Fixtures.weights(model.getBlock());
            assertThat(actual).hasSameSizeAs(expected);
            for (int i = 0; i < expected.size(); i++) {
                assertThat(expected.get(i)).isNotEqualTo(initial.get(i));
                assertThat(actual.get(i)).as("parameter %s", i).containsExactly(expected.get(i));
            }
        }
    }

    /**
     * Every method of the catalog, with values that exercise it within six steps of three batches per
     * epoch: LookSAM reuses its direction (k = 2), late SAM switches after the first epoch, RST draws
     * both kinds, m-sharpness has two groups, accumulation two micro-batches.
     */
    static Stream<Arguments> methods() {
        return Stream.of(
                Arguments.of("none", Map.of(), 1),
                Arguments.of("sam", Map.of("rho", 0.1), 1),
                Arguments.of("sam", Map.of("rho", 0.1, "m", 4), 1),
                Arguments.of("sam", Map.of("rho", 0.1), 2),
                Arguments.of("asam", Map.of("rho", 0.5), 1),
                Arguments.of("rst", Map.of("p", 0.5, "rho", 0.1), 1),
                Arguments.of("looksam", Map.of("k", 2, "rho", 0.1), 1),
                Arguments.of("late-sam", Map.of("sam-start", 0.5, "rho", 0.1), 1),
                Arguments.of("msam", Map.of("rho", 0.1), 1),
                Arguments.of("esam", Map.of("esam-beta", 0.5, "esam-gamma", 0.5, "rho", 0.1), 1),
                Arguments.of("ae-sam", Map.of("ae-lambda-start", 0, "ae-lambda-end", 0.5, "rho", 0.1), 1),
                Arguments.of("ae-looksam", Map.of("ae-lambda-start", 0, "ae-lambda-end", 0.5, "rho", 0.1), 1),
                Arguments.of("gsam", Map.of("gsam-alpha", 0.2, "rho", 0.1), 1),
                Arguments.of("fsam", Map.of("rho", 0.1), 1),
                Arguments.of("sam-on", Map.of("rho", 0.1), 1));
    }

    @Test
    void everyMethodOfTheCatalogIsCheckedThroughTheTrainer() {
        assertThat(methods().map(a -> (String) a.get()[0]).distinct())
                .containsExactlyInAnyOrderElementsOf(SamMethods.names());
    }

    @ParameterizedTest(name = "{0} {1} micro-batches {2}")
    @MethodSource("methods")
    void everyMethodThroughTheTrainerReachesTheCoreStepsWeights(
            String name, Map<String, Number> parameters, int microBatches) throws Exception {
        ArrayBatch all = Fixtures.randomImages(EXAMPLES, 3);
        Seeds seeds = new Seeds(SEED);
        SamMethod method = SamMethods.named(name);
        int epochs = 2;
        int stepsPerEpoch = EXAMPLES / BATCH;
        try (NDManager manager = NDManager.newBaseManager();
                Model model = Model.newInstance("sam-drop-in")) {
            Block reference = dropoutNet(manager, 5);
            GradientPass pass =
                    new GradientPass(reference, ModelParameters.of(reference), Loss.softmaxCrossEntropyLoss(), manager);
            TrainingStep step = method.build(
                    new StepSettings(
                            pass, torchSgd(), manager, WeightDecay.none(), 0, epochs, stepsPerEpoch, microBatches),
                    parameters);
            List<ArrayBatch> batches = batches(all);
            for (int k = 0; k < epochs * stepsPerEpoch; k++) {
                step.step(batches.get(k % stepsPerEpoch), seeds.of(Seeds.Stream.STEP, 0, k));
            }

            model.setBlock(dropoutNet(model.getNDManager(), 5));
            Optimizer trainersOptimizer = torchSgd();
            SamTrain.Builder builder = SamTrain.builder()
                    .optMethod(name)
                    .optOptimizer(trainersOptimizer)
                    .optMicroBatches(microBatches)
                    .optSeed(SEED);
            parameters.forEach((key, value) -> builder.optParameter(key, value.doubleValue()));
            SamTrain sam = builder.build();
            try (Trainer trainer = trainer(model, trainersOptimizer)) {
                sam.fit(trainer, epochs, dataset(model.getNDManager(), all), null);
                assertThat(trainer.getTrainingResult().getTrainEvaluation("Accuracy"))
                        .isNotNull();
            }

            assertThat(sam.steps()).isEqualTo(epochs * stepsPerEpoch);
            List<float[]> expected = Fixtures.weights(reference);
            List<float[]> actual = Fixtures.weights(model.getBlock());
            for (int i = 0; i < expected.size(); i++) {
                assertThat(actual.get(i)).as("parameter %s", i).containsExactly(expected.get(i));
            }
        }
    }

    @Test
    void aResumedDropInContinuesBitwiseWithItsExportedState() throws Exception {
        ArrayBatch all = Fixtures.randomImages(EXAMPLES, 8);
        List<List<float[]>> finals = new ArrayList<>();
        for (boolean interrupted : new boolean[] {false, true}) {
            try (Model model = Model.newInstance("resume")) {
                model.setBlock(dropoutNet(model.getNDManager(), 5));
                // DJL's SGD without momentum keeps no state, so the drop-in's state is all a resume needs.
                Optimizer sgd = Optimizer.sgd()
                        .setLearningRateTracker(Tracker.fixed(0.1f))
                        .build();
                try (Trainer trainer = trainer(model, sgd);
                        NDManager saved = NDManager.newBaseManager()) {
                    SamTrain current = lookSam();
                    ArrayDataset data = dataset(model.getNDManager(), all);
                    int k = 0;
                    for (int epoch = 0; epoch < 2; epoch++) {
                        for (Batch batch : trainer.iterateDataset(data)) {
                            if (interrupted && k == 4) {
                                NDList state = current.exportState(trainer, saved);
                                current = lookSam();
                                current.importState(trainer, state);
                            }
                            current.trainBatch(trainer, batch);
                            trainer.step();
                            batch.close();
                            k++;
                        }
                    }
                    assertThat(current.steps()).isEqualTo(k).isEqualTo(6);
                }
                finals.add(Fixtures.weights(model.getBlock()));
            }
        }
        for (int i = 0; i < finals.get(0).size(); i++) {
            assertThat(finals.get(1).get(i))
                    .as("parameter %s", i)
                    .containsExactly(finals.get(0).get(i));
        }
    }

    private static SamTrain lookSam() {
        return SamTrain.builder()
                .optMethod("looksam")
                .optParameter("k", 3)
                .optParameter("rho", 0.1)
                .optSeed(SEED)
                .build();
    }

    private static Optimizer torchSgd() {
        return Optimizers.sgd()
                .setLearningRate(Tracker.fixed(0.1f))
                .optMomentum(0.9f)
                .build();
    }

    @Test
    void rhoZeroIsEasyTrainWithTheSameListenersAndEvaluators() throws Exception {
        ArrayBatch all = Fixtures.randomImages(EXAMPLES, 4);
        ArrayBatch test = Fixtures.randomImages(16, 5);
        try (Model easy = Model.newInstance("easy");
                Model drop = Model.newInstance("drop-in")) {
            easy.setBlock(Fixtures.convNet(easy.getNDManager(), 7));
            drop.setBlock(Fixtures.convNet(drop.getNDManager(), 7));
            Optimizer sgd1 =
                    Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.1f)).build();
            Optimizer sgd2 =
                    Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.1f)).build();
            Float easyAccuracy;
            Float easyValidation;
            try (Trainer trainer = trainer(easy, sgd1)) {
                EasyTrain.fit(trainer, 2, dataset(easy.getNDManager(), all), dataset(easy.getNDManager(), test));
                easyAccuracy = trainer.getTrainingResult().getTrainEvaluation("Accuracy");
                easyValidation = trainer.getTrainingResult().getValidateEvaluation("Accuracy");
            }
            try (Trainer trainer = trainer(drop, sgd2)) {
                SamTrain.builder()
                        .optRho(0)
                        .build()
                        .fit(trainer, 2, dataset(drop.getNDManager(), all), dataset(drop.getNDManager(), test));
                assertThat(trainer.getTrainingResult().getEpoch()).isEqualTo(2);
                assertThat(trainer.getTrainingResult().getTrainEvaluation("Accuracy"))
                        .isNotNull()
                        .isEqualTo(easyAccuracy);
                assertThat(trainer.getTrainingResult().getValidateEvaluation("Accuracy"))
                        .isNotNull()
                        .isEqualTo(easyValidation);
            }
            List<float[]> expected = Fixtures.weights(easy.getBlock());
            List<float[]> actual = Fixtures.weights(drop.getBlock());
            // BatchNorm's running statistics included: the second pass must not have moved them.
            for (int i = 0; i < expected.size(); i++) {
                assertThat(actual.get(i)).as("parameter %s", i).containsExactly(expected.get(i));
            }
        }
    }

    @Test
    void weightsAndStatisticsAreRestoredWhenTheTrainerHasNotStepped() throws Exception {
        ArrayBatch all = Fixtures.randomImages(BATCH, 6);
        try (Model model = Model.newInstance("restore")) {
            model.setBlock(Fixtures.convNet(model.getNDManager(), 3));
            List<Parameter> state = ModelParameters.of(model.getBlock()).state();
            try (Trainer trainer = trainer(
                    model,
                    Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.1f)).build())) {
                List<float[]> before = Fixtures.weights(model.getBlock());
                Batch batch = trainer.iterateDataset(dataset(model.getNDManager(), all))
                        .iterator()
                        .next();
                // The statistics a single clean training pass leaves, from a copy of the batch.
                NDManager m = model.getNDManager();
                List<float[]> afterOnePass = new ArrayList<>();
                try (NDManager scratch = m.newSubManager()) {
                    List<float[]> saved = new ArrayList<>();
                    state.forEach(p -> saved.add(p.getArray().toFloatArray()));
                    trainer.forward(batch.getData(), batch.getLabels());
                    state.forEach(p -> afterOnePass.add(p.getArray().toFloatArray()));
                    for (int i = 0; i < state.size(); i++) {
                        state.get(i).getArray().set(new NDIndex(":"), scratch.create(saved.get(i)));
                    }
                }
                SamTrain.builder().optRho(0.5f).build().trainBatch(trainer, batch);
                List<float[]> after = Fixtures.weights(model.getBlock());
                ModelParameters parameters = ModelParameters.of(model.getBlock());
                int s = 0;
                int i = 0;
                for (Parameter p : model.getBlock().getParameters().values()) {
                    if (parameters.state().contains(p)) {
                        assertThat(after.get(i)).containsExactly(afterOnePass.get(s++));
                        assertThat(after.get(i)).isNotEqualTo(before.get(i));
                    } else {
                        assertThat(after.get(i)).containsExactly(before.get(i));
                        try (var g = p.getArray().getGradient()) {
                            assertThat(g.abs().sum().getFloat()).isGreaterThan(0);
                        }
                    }
                    i++;
                }
                assertThat(s).isEqualTo(state.size()).isPositive();
                batch.close();
            }
        }
    }

    @Test
    void badSettingsFailWithOneLine() {
        assertThatThrownBy(() -> SamTrain.builder().optRho(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rho must be >= 0 but was -1.0");
        assertThatThrownBy(() -> SamTrain.builder().optClipNorm(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SamTrain.builder().optMethod("lookasm"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown SAM method 'lookasm' (did you mean 'looksam'?); one of none, sam,");
        assertThatThrownBy(() -> SamTrain.builder()
                        .optMethod("looksam")
                        .optParameter("m", 4)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("method looksam has no parameter m (it takes k, looksam-alpha, rho)");
        assertThatThrownBy(() -> SamTrain.builder()
                        .optMethod("asam")
                        .optPerturbation(Perturbation.sam())
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("optPerturbation replaces SAM's perturbation but the method is asam");
    }

    @Test
    void methodsThatNeedWhatATrainerDoesNotSayFailWithOneLine() throws Exception {
        ArrayBatch all = Fixtures.randomImages(BATCH, 6);
        try (Model model = Model.newInstance("needs")) {
            model.setBlock(Fixtures.convNet(model.getNDManager(), 3));
            try (Trainer trainer = trainer(
                    model,
                    Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.1f)).build())) {
                Batch batch = trainer.iterateDataset(dataset(model.getNDManager(), all))
                        .iterator()
                        .next();
                assertThatThrownBy(() ->
                                SamTrain.builder().optMethod("msam").build().trainBatch(trainer, batch))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessage("msam perturbs along the momentum buffer, and the base optimizer (not known: give"
                                + " SamTrain the trainer's optimizer with optOptimizer) has none: use sgd with"
                                + " momentum > 0");
                assertThatThrownBy(() ->
                                SamTrain.builder().optMethod("late-sam").build().trainBatch(trainer, batch))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessage("late-sam schedules by the run's length: give it with optRunLength(epochs,"
                                + " stepsPerEpoch), or train with fit");
                batch.close();
            }
        }
    }
}
