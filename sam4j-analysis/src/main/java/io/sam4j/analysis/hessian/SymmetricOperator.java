package io.sam4j.analysis.hessian;

/**
 * A symmetric linear map of parameter space, known only through its products: the Hessian of a
 * loss, or (in tests) an explicit matrix.
 */
public interface SymmetricOperator {

    /** Returns the dimension n of the space. */
    int dimension();

    /**
     * Returns A·v.
     *
     * @param v a vector of length {@link #dimension()}; not modified
     */
    float[] apply(float[] v);

    /** Returns A − σI, which has the eigenvectors of A and eigenvalues shifted by −σ. */
    default SymmetricOperator shifted(double sigma) {
        SymmetricOperator self = this;
        return new SymmetricOperator() {
            @Override
            public int dimension() {
                return self.dimension();
            }

            @Override
            public float[] apply(float[] v) {
                float[] out = self.apply(v);
                Vectors.axpy(-sigma, v, out);
                return out;
            }
        };
    }

    /** Returns this operator calling {@code afterEach} after every product (progress, counting). */
    default SymmetricOperator observed(Runnable afterEach) {
        SymmetricOperator self = this;
        return new SymmetricOperator() {
            @Override
            public int dimension() {
                return self.dimension();
            }

            @Override
            public float[] apply(float[] v) {
                float[] out = self.apply(v);
                afterEach.run();
                return out;
            }
        };
    }
}
