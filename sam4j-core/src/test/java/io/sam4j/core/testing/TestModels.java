package io.sam4j.core.testing;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
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
import ai.djl.training.ParameterStore;
import io.sam4j.core.train.ArrayBatch;
import io.sam4j.core.train.Batch;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Small models and data for the analysis tests (through sam4j-core's test-jar), with a loss computed
 * independently of DJL's losses. Parameter copies and regression batches are {@link Fixtures}'.
 */
public final class TestModels {

    private TestModels() {}

    /** A conv net with two BatchNorm layers for 1×8×8 inputs and 3 classes (Fixtures' has one). */
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
                .add(Linear.builder().setUnits(6).build())
                .add(BatchNorm.builder().build())
                .add(Activation::relu)
                .add(Linear.builder().setUnits(3).build());
        Engine.getInstance().setRandomSeed(seed);
        net.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 8, 8));
        return net;
    }

    /** Moves the BatchNorm running statistics away from their initial values with training-mode passes. */
    public static void warmUpBatchNorm(Block block, NDManager manager, List<Batch> batches) {
        ParameterStore store = new ParameterStore(manager, false);
        for (int r = 0; r < 3; r++) {
            for (Batch b : batches) {
                try (NDManager scope = manager.newSubManager()) {
                    block.forward(store, b.inputs(scope), true);
                }
            }
        }
    }

    /** Random 1×8×8 images with labels in [0, 3), a class-specific row brightened. */
    public static List<Batch> images(int batches, int perBatch, long seed) {
        Random random = new Random(seed);
        List<Batch> out = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            float[] data = new float[perBatch * 64];
            int[] labels = new int[perBatch];
            for (int i = 0; i < perBatch; i++) {
                labels[i] = random.nextInt(3);
                for (int p = 0; p < 64; p++) {
                    data[i * 64 + p] = (float) random.nextGaussian() + (p / 8 == labels[i] ? 1.5f : 0f);
                }
            }
            out.add(new ArrayBatch(data, new long[] {perBatch, 1, 8, 8}, labels));
        }
        return out;
    }

    /**
     * Mean cross-entropy of the block in inference mode, computed in double from the logits (independent
     * of DJL's loss classes).
     */
    public static double crossEntropy(Block block, NDManager manager, List<Batch> batches) {
        ParameterStore store = new ParameterStore(manager, false);
        double sum = 0;
        int n = 0;
        for (Batch b : batches) {
            try (NDManager scope = manager.newSubManager()) {
                float[] logits =
                        block.forward(store, b.inputs(scope), false).head().toFloatArray();
                int[] labels = ((ArrayBatch) b).labelArray();
                int classes = logits.length / labels.length;
                for (int i = 0; i < labels.length; i++) {
                    double max = Double.NEGATIVE_INFINITY;
                    for (int c = 0; c < classes; c++) {
                        max = Math.max(max, logits[i * classes + c]);
                    }
                    double z = 0;
                    for (int c = 0; c < classes; c++) {
                        z += Math.exp(logits[i * classes + c] - max);
                    }
                    sum += max + Math.log(z) - logits[i * classes + labels[i]];
                    n++;
                }
            }
        }
        return sum / n;
    }

    /** Overwrites the parameters of a block with Java arrays, in block order. */
    public static void setValues(Block block, List<float[]> values) {
        List<Parameter> params = block.getParameters().values();
        for (int i = 0; i < params.size(); i++) {
            NDArray a = params.get(i).getArray();
            try (NDArray v = a.getManager().create(values.get(i), a.getShape())) {
                a.set(new NDIndex(":"), v);
            }
        }
    }
}
