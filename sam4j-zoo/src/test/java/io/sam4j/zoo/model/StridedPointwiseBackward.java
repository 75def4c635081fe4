package io.sam4j.zoo.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;

/**
 * The minimal reproduction of libtorch 2.7.1's SIGFPE, run in a child JVM by {@link
 * StridedPointwiseCrashTest}: first the zoo's convolution (which must survive), then the engine's
 * own strided 1x1 convolution of 512 to 1024 channels at stride 2, whose backward-data pass dies
 * on the affected CPUs.
 */
public final class StridedPointwiseBackward {

    private StridedPointwiseBackward() {}

    public static void main(String[] args) {
        Shape input = new Shape(2, 512, 4, 4);
        try (NDManager manager = NDManager.newBaseManager()) {
            Conv2d safe = Layers.conv(1024, 1, 2);
            safe.initialize(manager, DataType.FLOAT32, input);
            NDArray x = manager.randomNormal(input);
            x.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                collector.backward(safe.forward(new ParameterStore(manager, false), new NDList(x), true)
                        .singletonOrThrow()
                        .sum());
            }
            System.out.println("zoo convolution: backward ran");
            System.out.flush();
            NDArray w = manager.randomNormal(new Shape(1024, 512, 1, 1));
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                collector.backward(Conv2d.conv2d(x, w, null, new Shape(2, 2))
                        .singletonOrThrow()
                        .sum());
            }
            System.out.println("engine convolution: backward ran");
        }
    }
}
