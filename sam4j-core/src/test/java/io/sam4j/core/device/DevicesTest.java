package io.sam4j.core.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.tracker.Tracker;
import io.sam4j.core.loss.SmoothedCrossEntropy;
import io.sam4j.core.optim.Optimizers;
import io.sam4j.core.sam.SharpnessAwareStep;
import io.sam4j.core.testing.Fixtures;
import io.sam4j.core.train.GradientPass;
import io.sam4j.core.train.ModelParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Device names: what parses, what fails with one line, and that a SAM step keeps every array on the
 * model's device ({@code -Dsam4j.test.device=gpu} runs that check on a GPU machine).
 */
class DevicesTest {

    @Test
    void cpuParsesInAnyCaseAndNamesRoundTrip() {
        assertThat(Devices.parse("cpu")).isEqualTo(Device.cpu());
        assertThat(Devices.parse(" CPU ")).isEqualTo(Device.cpu());
        assertThat(Devices.name(Device.cpu())).isEqualTo("cpu");
        assertThat(Devices.name(Device.gpu(3))).isEqualTo("gpu:3");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tpu", "gpu:", "gpu:-1", "gpu:x", "gpu0", "cuda", ""})
    void malformedNamesFailWithOneLineNamingTheValue(String name) {
        assertThatThrownBy(() -> Devices.parse(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("device '" + name + "' is not one of cpu, gpu, gpu:N");
    }

    @Test
    void gpuFailsWithOneLineWhereTheEngineHasNone() {
        assumeTrue(Engine.getInstance().getGpuCount() == 0, "this engine has a GPU");
        assertThatThrownBy(() -> Devices.parse("gpu"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("device 'gpu' is not available: the PyTorch engine sees no GPU")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aGpuBeyondTheLastFails() {
        int count = Engine.getInstance().getGpuCount();
        assertThatThrownBy(() -> Devices.parse("gpu:" + count))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("device 'gpu:" + count + "' is not available")
                .hasMessageNotContaining("\n");
    }

    @Test
    void gpuIsTheFirstGpuWhereTheEngineHasOne() {
        assumeTrue(Engine.getInstance().getGpuCount() > 0, "this engine has no GPU");
        assertThat(Devices.parse("gpu")).isEqualTo(Device.gpu(0));
        assertThat(Devices.parse("GPU:0")).isEqualTo(Device.gpu(0));
    }

    @Test
    void aSamStepKeepsEveryArrayOnTheModelsDevice() {
        Device device = Devices.parse(System.getProperty("sam4j.test.device", "cpu"));
        try (NDManager manager = NDManager.newBaseManager(device)) {
            Block net = Fixtures.convNet(manager, 1);
            ModelParameters parameters = ModelParameters.of(net);
            SharpnessAwareStep step = SharpnessAwareStep.builder()
                    .setPass(new GradientPass(net, parameters, new SmoothedCrossEntropy(0.1f), manager))
                    .setOptimizer(Optimizers.sgd()
                            .setLearningRate(Tracker.fixed(0.1f))
                            .optMomentum(0.9f)
                            .build())
                    .setManager(manager)
                    .optGroupSize(4)
                    .build();
            float loss = step.step(Fixtures.randomImages(8, 2), 3).loss();
            assertThat(loss).isFinite();
            for (Parameter p : net.getParameters().values()) {
                assertThat(p.getArray().getDevice()).as(p.getName()).isEqualTo(device);
            }
            assertThat(manager.getManagedArrays())
                    .allSatisfy(a -> assertThat(a.getDevice()).isEqualTo(device));
        }
    }
}
