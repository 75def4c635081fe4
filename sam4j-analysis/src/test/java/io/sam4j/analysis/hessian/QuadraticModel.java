package io.sam4j.analysis.hessian;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import io.sam4j.core.train.ArrayBatch;
import io.sam4j.core.train.Batch;
import java.util.List;
import java.util.Random;

/**
 * A "model" whose loss is the quadratic ½wᵀAw of its one parameter vector w, so that its Hessian is
 * the chosen symmetric matrix A everywhere: a known spectrum behind the real Hessian-vector product.
 */
final class QuadraticModel extends AbstractBlock {

    private final double[][] a;
    private final Parameter w;

    QuadraticModel(double[][] a) {
        this.a = a;
        this.w = addParameter(Parameter.builder()
                .setName("w")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(a.length))
                .optInitializer(Initializer.ONES)
                .build());
    }

    /** Returns A = Q·diag(eigenvalues)·Qᵀ for a random orthogonal Q (Gram-Schmidt of a seeded Gaussian matrix). */
    static double[][] withSpectrum(double[] eigenvalues, long seed) {
        int n = eigenvalues.length;
        Random random = new Random(seed);
        double[][] q = new double[n][n];
        for (int k = 0; k < n; k++) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = random.nextGaussian();
            }
            for (int j = 0; j < k; j++) {
                double dot = 0;
                for (int i = 0; i < n; i++) {
                    dot += v[i] * q[i][j];
                }
                for (int i = 0; i < n; i++) {
                    v[i] -= dot * q[i][j];
                }
            }
            double norm = 0;
            for (double x : v) {
                norm += x * x;
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < n; i++) {
                q[i][k] = v[i] / norm;
            }
        }
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    a[i][j] += q[i][k] * eigenvalues[k] * q[j][k];
                }
            }
        }
        return a;
    }

    /** Initializes the block with w = 1. */
    QuadraticModel initialized(NDManager manager) {
        initialize(manager, DataType.FLOAT32, new Shape(1, 1));
        return this;
    }

    /** A one-example batch: the model ignores its input. */
    static List<Batch> batch() {
        return List.of(new ArrayBatch(new float[] {0}, new long[] {1, 1}, new int[] {0}));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDManager manager = inputs.head().getManager();
        NDArray weights = store.getValue(w, inputs.head().getDevice(), training);
        int n = a.length;
        float[] flat = new float[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                flat[i * n + j] = (float) a[i][j];
            }
        }
        NDArray matrix = manager.create(flat, new Shape(n, n));
        NDArray aw = matrix.matMul(weights.reshape(n, 1)).reshape(n);
        return new NDList(weights.mul(aw).sum().mul(0.5f).reshape(1));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(1)};
    }
}
