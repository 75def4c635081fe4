package io.sam4j.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import io.sam4j.core.loss.SmoothedCrossEntropy;
import io.sam4j.core.optim.Optimizers;
import io.sam4j.core.random.Seeds;
import io.sam4j.core.schedule.LearningRateSchedule;
import io.sam4j.core.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The evaluation tells its listeners about every batch, so a console can show it moving. */
class EvaluationProgressTest {

    @Test
    void theEvaluatorReportsEachBatchAndItsSize() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block net = Fixtures.convNet(manager, 1);
            Evaluator evaluator = new Evaluator(net, new SmoothedCrossEntropy(0), manager);
            List<String> calls = new ArrayList<>();
            // 40 examples in batches of 16: 16, 16 and the remaining 8.
            EvalResult result = evaluator.evaluate(
                    Fixtures.source(40, 16, 2), new Seeds(1), (batch, examples) -> calls.add(batch + ":" + examples));
            assertThat(calls).containsExactly("1:16", "2:16", "3:8");
            assertThat(result.examples()).isEqualTo(40);
        }
    }

    @Test
    void theLoopReportsTheEvaluationsItRunsAndNoOther() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block net = Fixtures.convNet(manager, 1);
            ModelParameters parameters = ModelParameters.of(net);
            BatchSource train = Fixtures.source(32, 16, 1);
            TrainingStep step = BaseStep.builder()
                    .setPass(new GradientPass(net, parameters, new SmoothedCrossEntropy(0), manager))
                    .setManager(manager)
                    .setOptimizer(Optimizers.sgd()
                            .setLearningRate(LearningRateSchedule.constant(0.01))
                            .build())
                    .build();
            List<String> events = new ArrayList<>();
            TrainingLoop.builder()
                    .setStep(step)
                    .setTrainData(train)
                    .setSeeds(new Seeds(1))
                    .setEpochs(3)
                    // 20 examples in batches of 8: 8, 8, 4.
                    .optEvaluation(Fixtures.source(20, 8, 2), new Evaluator(net, new SmoothedCrossEntropy(0), manager))
                    .optEvaluateEvery(2)
                    .addListener(new TrainingListener() {
                        @Override
                        public void onEvaluationStart(TrainingLoop loop, int epoch) {
                            events.add(
                                    "start " + epoch + " of " + loop.testData().batchesPerEpoch());
                        }

                        @Override
                        public void onEvaluationBatchEnd(TrainingLoop loop, int epoch, int batch, int examples) {
                            events.add(epoch + ":" + batch + ":" + examples);
                        }

                        @Override
                        public void onEpochEnd(TrainingLoop loop, EpochMetrics metrics) {
                            events.add("end " + metrics.epoch());
                        }
                    })
                    .build()
                    .run();
            // Every second epoch and the last: epochs 2 and 3, each after its steps and before its end.
            assertThat(events)
                    .containsExactly(
                            "end 1",
                            "start 2 of 3",
                            "2:1:8",
                            "2:2:8",
                            "2:3:4",
                            "end 2",
                            "start 3 of 3",
                            "3:1:8",
                            "3:2:8",
                            "3:3:4",
                            "end 3");
        }
    }
}
