package io.sam4j.analysis.hessian;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.loss.Loss;
import io.sam4j.core.train.ArrayBatch;
import io.sam4j.core.train.Batch;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Tiny models and data for the Hessian tests. */
final class TinyModels {

    static final int INPUTS = 3;
    static final int HIDDEN = 4;
    static final int CLASSES = 3;

    private TinyModels() {}

    /** A 3 → 4 (tanh) → 3 MLP: 31 parameters, smooth, so finite differences are accurate. */
    static Block mlp(NDManager manager, int seed) {
        SequentialBlock net = new SequentialBlock()
                .add(Linear.builder().setUnits(HIDDEN).build())
                .add(Activation::tanh)
                .add(Linear.builder().setUnits(CLASSES).build());
        Engine.getInstance().setRandomSeed(seed);
        net.initialize(manager, DataType.FLOAT32, new Shape(1, INPUTS));
        return net;
    }

    /**
     * The same MLP with BatchNorm after the first layer, its running statistics set away from their
     * initial values so that evaluation mode visibly differs from training mode.
     */
    static Block mlpWithBatchNorm(NDManager manager, int seed) {
        SequentialBlock net = new SequentialBlock()
                .add(Linear.builder().setUnits(HIDDEN).build())
                .add(BatchNorm.builder().optAxis(1).build())
                .add(Activation::tanh)
                .add(Linear.builder().setUnits(CLASSES).build());
        Engine.getInstance().setRandomSeed(seed);
        net.initialize(manager, DataType.FLOAT32, new Shape(2, INPUTS));
        net.getParameters().forEach(p -> {
            if (p.getKey().endsWith("runningMean")) {
                p.getValue().getArray().set(new NDIndex(":"), manager.create(new float[] {0.3f, -0.2f, 0.1f, 0.5f}));
            } else if (p.getKey().endsWith("runningVar")) {
                p.getValue().getArray().set(new NDIndex(":"), manager.create(new float[] {2f, 0.5f, 1.5f, 0.8f}));
            }
        });
        return net;
    }

    /** Random batches of {@code perBatch} examples with 3 features and labels in [0, 3). */
    static List<Batch> batches(int count, int perBatch, long seed) {
        Random random = new Random(seed);
        List<Batch> out = new ArrayList<>();
        for (int b = 0; b < count; b++) {
            float[] x = new float[perBatch * INPUTS];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) random.nextGaussian();
            }
            int[] y = new int[perBatch];
            for (int i = 0; i < perBatch; i++) {
                y[i] = random.nextInt(CLASSES);
            }
            out.add(new ArrayBatch(x, new long[] {perBatch, INPUTS}, y));
        }
        return out;
    }

    /** Returns the block's parameters flattened in double precision, in block order. */
    static double[] weights(Block block) {
        List<Float> all = new ArrayList<>();
        block.getParameters().forEach(p -> {
            if (p.getValue().requiresGradient()) {
                for (float f : p.getValue().getArray().toFloatArray()) {
                    all.add(f);
                }
            }
        });
        double[] out = new double[all.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = all.get(i);
        }
        return out;
    }

    /**
     * The MLP's mean softmax cross-entropy over {@code batches}, in plain Java and double
     * precision: a reference independent of DJL. Weights in block order: W1 (4×3), b1, W2 (3×4), b2;
     * a Linear layer computes x·Wᵀ + b.
     */
    static double referenceLoss(double[] w, List<Batch> batches) {
        int w1 = 0;
        int b1 = w1 + HIDDEN * INPUTS;
        int w2 = b1 + HIDDEN;
        int b2 = w2 + CLASSES * HIDDEN;
        double sum = 0;
        int n = 0;
        for (Batch batch : batches) {
            ArrayBatch a = (ArrayBatch) batch;
            float[] x = a.data();
            int[] y = a.labelArray();
            for (int e = 0; e < y.length; e++) {
                double[] h = new double[HIDDEN];
                for (int j = 0; j < HIDDEN; j++) {
                    double z = w[b1 + j];
                    for (int i = 0; i < INPUTS; i++) {
                        z += w[w1 + j * INPUTS + i] * x[e * INPUTS + i];
                    }
                    h[j] = Math.tanh(z);
                }
                double[] logits = new double[CLASSES];
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < CLASSES; k++) {
                    double z = w[b2 + k];
                    for (int j = 0; j < HIDDEN; j++) {
                        z += w[w2 + k * HIDDEN + j] * h[j];
                    }
                    logits[k] = z;
                    max = Math.max(max, z);
                }
                double norm = 0;
                for (int k = 0; k < CLASSES; k++) {
                    norm += Math.exp(logits[k] - max);
                }
                sum += -(logits[y[e]] - max - Math.log(norm));
                n++;
            }
        }
        return sum / n;
    }

    /**
     * The exact Hessian of {@link #referenceLoss} by second-order central differences of the loss in
     * double precision (h = 1e-4: truncation and rounding errors both near 1e-8).
     */
    static double[][] referenceHessian(double[] w, List<Batch> batches) {
        int n = w.length;
        double h = 1e-4;
        double[][] hessian = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double pp = shifted(w, batches, i, h, j, h);
                double pm = shifted(w, batches, i, h, j, -h);
                double mp = shifted(w, batches, i, -h, j, h);
                double mm = shifted(w, batches, i, -h, j, -h);
                hessian[i][j] = (pp - pm - mp + mm) / (4 * h * h);
                hessian[j][i] = hessian[i][j];
            }
        }
        return hessian;
    }

    private static double shifted(double[] w, List<Batch> batches, int i, double di, int j, double dj) {
        double[] v = w.clone();
        v[i] += di;
        v[j] += dj;
        return referenceLoss(v, batches);
    }

    /** The identity "loss" for blocks that compute their own scalar objective. */
    static final class OutputLoss extends Loss {
        OutputLoss() {
            super("Output");
        }

        @Override
        public NDArray evaluate(NDList labels, NDList predictions) {
            return predictions.singletonOrThrow().sum();
        }
    }
}
