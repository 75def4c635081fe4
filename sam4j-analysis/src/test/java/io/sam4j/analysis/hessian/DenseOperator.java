package io.sam4j.analysis.hessian;

/** An explicit symmetric matrix as an operator, products in double. */
record DenseOperator(double[][] a) implements SymmetricOperator {

    @Override
    public int dimension() {
        return a.length;
    }

    @Override
    public float[] apply(float[] v) {
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            double sum = 0;
            for (int j = 0; j < a.length; j++) {
                sum += a[i][j] * v[j];
            }
            out[i] = (float) sum;
        }
        return out;
    }

    double trace() {
        double t = 0;
        for (int i = 0; i < a.length; i++) {
            t += a[i][i];
        }
        return t;
    }
}
