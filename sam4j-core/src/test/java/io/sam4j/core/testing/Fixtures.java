package io.sam4j.core.testing;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
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
import ai.djl.training.initializer.Initializer;
import io.sam4j.core.random.Seeds;
import io.sam4j.core.train.ArrayBatch;
import io.sam4j.core.train.Batch;
import io.sam4j.core.train.BatchSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Small models and data for core tests. */
public final class Fixtures {

    private Fixtures() {}

    /** A Linear layer with all weights 1 (and bias 0 when present), initialized for {@code inputs} features. */
    public static Block onesLinear(NDManager manager, int inputs, int outputs, boolean bias) {
        Linear linear = Linear.builder().setUnits(outputs).optBias(bias).build();
        linear.setInitializer(Initializer.ONES, Parameter.Type.WEIGHT);
        linear.setInitializer(Initializer.ZEROS, Parameter.Type.BIAS);
        linear.initialize(manager, DataType.FLOAT32, new Shape(1, inputs));
        return linear;
    }

    /** A small conv net with BatchNorm for 1×8×8 inputs and 3 classes, initialized with {@code seed}. */
    public static Block convNet(NDManager manager, int seed) {
        SequentialBlock net = new SequentialBlock()
                .add(Conv2d.builder()
                        .setFilters(4)
                        .setKernelShape(new Shape(3, 3))
                        .optPadding(new Shape(1, 1))
                        .build())
                .add(BatchNorm.builder().build())
                .add(Activation::relu)
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(3).build());
        Engine.getInstance().setRandomSeed(seed);
        net.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 8, 8));
        return net;
    }

    /** A dense batch of {@code n} random 1×8×8 images with labels in [0, 3). */
    public static ArrayBatch randomImages(int n, long seed) {
        Random random = new Random(seed);
        float[] data = new float[n * 64];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) random.nextGaussian();
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(3);
        }
        return new ArrayBatch(data, new long[] {n, 1, 8, 8}, labels);
    }

    /** A batch of float regression targets, for losses such as L2Loss. */
    public static Batch regression(float[][] x, float[] y) {
        return new RegressionBatch(x, y);
    }

    /** Copies every parameter of {@code block} to Java arrays, in block order. */
    public static List<float[]> weights(Block block) {
        List<float[]> out = new ArrayList<>();
        block.getParameters().values().forEach(p -> out.add(p.getArray().toFloatArray()));
        return out;
    }

    /** A learnable synthetic source: the label is the quadrant of the image mass. */
    public static BatchSource source(int examples, int batchSize, long dataSeed) {
        ArrayBatch all = randomImages(examples, dataSeed);
        int[] labels = all.labelArray();
        float[] data = all.data();
        for (int i = 0; i < examples; i++) {
            // Make the task learnable: brighten a class-specific row.
            for (int c = 0; c < 8; c++) {
                data[i * 64 + labels[i] * 8 + c] += 2f;
            }
        }
        return new BatchSource() {
            @Override
            public Stream open(int epoch, Seeds seeds) {
                List<Integer> order = new ArrayList<>();
                for (int i = 0; i < examples; i++) {
                    order.add(i);
                }
                Collections.shuffle(order, new Random(seeds.of(Seeds.Stream.SHUFFLE, epoch)));
                return new Stream() {
                    int next;

                    @Override
                    public boolean hasNext() {
                        return next < examples;
                    }

                    @Override
                    public Batch next() {
                        int to = Math.min(examples, next + batchSize);
                        int[] idx = order.subList(next, to).stream()
                                .mapToInt(Integer::intValue)
                                .toArray();
                        next = to;
                        return all.subset(idx);
                    }

                    @Override
                    public void close() {}
                };
            }

            @Override
            public int batchesPerEpoch() {
                return (examples + batchSize - 1) / batchSize;
            }

            @Override
            public int examples() {
                return examples;
            }
        };
    }

    /** Rows of features with float targets. */
    public record RegressionBatch(float[][] x, float[] y) implements Batch {
        @Override
        public int size() {
            return y.length;
        }

        @Override
        public NDList inputs(NDManager manager) {
            return new NDList(manager.create(x));
        }

        @Override
        public NDArray labels(NDManager manager) {
            return manager.create(y).reshape(y.length, 1);
        }

        @Override
        public Batch subset(int[] indices) {
            float[][] sx = new float[indices.length][];
            float[] sy = new float[indices.length];
            for (int k = 0; k < indices.length; k++) {
                sx[k] = x[indices[k]];
                sy[k] = y[indices[k]];
            }
            return new RegressionBatch(sx, sy);
        }
    }
}
