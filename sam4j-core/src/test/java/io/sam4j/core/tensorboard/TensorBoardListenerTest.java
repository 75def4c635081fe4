package io.sam4j.core.tensorboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.sam4j.core.train.EpochMetrics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a training's TensorBoard log holds: grouped tags, SAM's ε only for SAM, an HParams session. */
class TensorBoardListenerTest {

    @Test
    void groupsEveryMetricOfTheRunDirectory() {
        Map<String, String> expected = Map.ofEntries(
                Map.entry("train_loss", "train/loss"),
                Map.entry("train_accuracy", "train/accuracy"),
                Map.entry("test_loss", "test/loss"),
                Map.entry("test_accuracy", "test/accuracy"),
                Map.entry("lr", "optim/lr"),
                Map.entry("grad_norm", "optim/grad_norm"),
                Map.entry("eps_norm", "sam/eps_norm"),
                Map.entry("train_seconds", "time/train_seconds"),
                Map.entry("eval_seconds", "time/eval_seconds"),
                Map.entry("hessian_lambda_max", "hessian/lambda_max"),
                Map.entry("hessian_trace", "hessian/trace"),
                Map.entry("something_new", "something_new"));
        expected.forEach((name, tag) ->
                assertThat(TensorBoardListener.tag(name)).as(name).isEqualTo(tag));
    }

    private static List<Event> scalarEvents(Path dir) {
        return LoggedRuns.events(dir).stream()
                .filter(e -> !e.scalars().isEmpty())
                .toList();
    }

    private static List<PluginSummary> plugins(Path dir) {
        List<PluginSummary> out = new ArrayList<>();
        LoggedRuns.events(dir).forEach(e -> out.addAll(e.plugins()));
        return out;
    }

    @Test
    void samRunLogsItsEpsilonAndTheBaseOptimizerDoesNot(@TempDir Path dir) {
        List<EpochMetrics> sam = LoggedRuns.train(dir.resolve("sam"), true, 1, null);
        List<EpochMetrics> sgd = LoggedRuns.train(dir.resolve("sgd"), false, 1, null);

        List<Event> samEvents = scalarEvents(dir.resolve("sam"));
        assertThat(samEvents).extracting(Event::step).containsExactly(1L, 2L);
        for (int i = 0; i < 2; i++) {
            Map<String, Float> scalars = samEvents.get(i).scalars();
            EpochMetrics m = sam.get(i);
            assertThat(scalars.keySet())
                    .containsExactly(
                            "train/loss",
                            "train/accuracy",
                            "test/loss",
                            "test/accuracy",
                            "optim/lr",
                            "optim/grad_norm",
                            "sam/eps_norm",
                            "time/train_seconds",
                            "time/eval_seconds");
            assertThat(scalars.get("sam/eps_norm")).isEqualTo((float) m.epsilonNorm());
            assertThat(scalars.get("optim/lr")).isEqualTo((float) m.learningRate());
            assertThat(scalars.get("test/accuracy")).isEqualTo((float) m.testAccuracy());
        }
        // SAM's ascent step has norm rho (the paper's epsilon-hat); the base optimizer takes none.
        assertThat((double) samEvents.get(0).scalars().get("sam/eps_norm"))
                .isCloseTo(0.05, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(sgd.get(0).epsilonNorm()).isZero();
        for (Event e : scalarEvents(dir.resolve("sgd"))) {
            assertThat(e.scalars()).doesNotContainKey("sam/eps_norm").containsKey("optim/grad_norm");
        }
    }

    @Test
    void aRunStartsAnHParamsSessionAndEndsItAfterItsLastEpoch(@TempDir Path dir) throws IOException {
        LoggedRuns.train(dir.resolve("whole"), true, 7, null);
        List<PluginSummary> whole = plugins(dir.resolve("whole"));
        assertThat(whole)
                .extracting(PluginSummary::tag)
                .containsExactly(HParams.SESSION_START_TAG, HParams.SESSION_END_TAG);
        assertThat(HParams.readSessionStart(whole.get(0)))
                .containsExactly(Map.entry("sam", "sam"), Map.entry("rho", 0.05), Map.entry("seed", 7.0));
        assertThat(HParams.readSessionEnd(whole.get(1))).isEqualTo(HParams.Status.SUCCESS);
        // The end is logged at the last epoch's step, the start at step 0.
        assertThat(LoggedRuns.events(dir.resolve("whole")).stream()
                        .filter(e -> !e.plugins().isEmpty())
                        .map(Event::step))
                .containsExactly(0L, (long) LoggedRuns.EPOCHS);

        // Stopped after epoch 1 of 2 (--stop-after): the session is still open, to be resumed.
        LoggedRuns.train(dir.resolve("stopped"), false, 7, 1);
        assertThat(plugins(dir.resolve("stopped")))
                .extracting(PluginSummary::tag)
                .containsExactly(HParams.SESSION_START_TAG);
    }
}
