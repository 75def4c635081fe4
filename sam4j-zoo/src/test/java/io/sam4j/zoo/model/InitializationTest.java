package io.sam4j.zoo.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import org.junit.jupiter.api.Test;

/** Initial values follow the documented scheme (see {@link Layers}). */
class InitializationTest {

    @Test
    void convolutionsAreHeNormalWithFanOutAndHaveNoBias() {
        Block block = Networks.build("wrn-16-4", Networks.CIFAR, 10);
        try (NDManager manager = NDManager.newBaseManager()) {
            Networks.initialized(block, manager, Networks.CIFAR);
            int checked = 0;
            for (Pair<String, Parameter> p : block.getParameters()) {
                NDArray array = p.getValue().getArray();
                String name = p.getKey();
                assertThat(name).doesNotContain("conv1_bias").doesNotContain("conv2_bias");
                if (array.getShape().dimension() == 4 && array.size() >= 10_000) {
                    long fanOut = array.getShape().get(0)
                            * array.getShape().get(2)
                            * array.getShape().get(3);
                    double expectedStd = Math.sqrt(2.0 / fanOut);
                    double std = Math.sqrt(array.pow(2).mean().getFloat());
                    assertThat(std / expectedStd).as(name).isCloseTo(1.0, within(0.05));
                    assertThat(Math.abs(array.mean().getFloat())).as(name).isLessThan((float) expectedStd / 20);
                    checked++;
                }
            }
            assertThat(checked).isGreaterThan(5);
        }
    }

    @Test
    void batchNormStartsAsIdentityAndLinearBiasAtZero() {
        Block block = Networks.build("cnn", Networks.FASHION_MNIST, 10);
        try (NDManager manager = NDManager.newBaseManager()) {
            Networks.initialized(block, manager, Networks.FASHION_MNIST);
            for (Pair<String, Parameter> p : block.getParameters()) {
                NDArray array = p.getValue().getArray();
                switch (p.getValue().getType()) {
                    case GAMMA, RUNNING_VAR ->
                        assertThat(array.eq(1f).all().getBoolean())
                                .as(p.getKey())
                                .isTrue();
                    case BETA, RUNNING_MEAN, BIAS ->
                        assertThat(array.eq(0f).all().getBoolean())
                                .as(p.getKey())
                                .isTrue();
                    default ->
                        assertThat(array.abs().sum().getFloat()).as(p.getKey()).isPositive();
                }
            }
        }
    }

    @Test
    void parameterNamesSayWhereTheyLive() {
        Block block = Networks.build("resnet-20", Networks.CIFAR, 10);
        try (NDManager manager = NDManager.newBaseManager()) {
            Networks.initialized(block, manager, Networks.CIFAR);
            assertThat(block.getParameters().keys())
                    .startsWith("01conv1_weight", "02bn1_gamma", "02bn1_beta", "02bn1_runningMean")
                    .contains("06stage3_03block3_04bn2_runningVar")
                    .endsWith("08classifier_weight", "08classifier_bias");
        }
    }
}
