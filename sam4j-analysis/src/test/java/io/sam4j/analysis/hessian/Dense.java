package io.sam4j.analysis.hessian;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/** Dense reference computations with EJML, independent of the code under test. */
final class Dense {

    private Dense() {}

    /** Returns the eigenvalues of the symmetric matrix {@code a}, increasing, by EJML. */
    static double[] eigenvalues(double[][] a) {
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(a.length, false, true);
        if (!eig.decompose(new DMatrixRMaj(a))) {
            throw new IllegalStateException("EJML failed to decompose");
        }
        double[] values = new double[a.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = eig.getEigenvalue(i).getReal();
        }
        Arrays.sort(values);
        return values;
    }

    /** Returns the Hessian of {@code loss} built column by column, H·eᵢ, symmetrized. */
    static double[][] hessian(EvalLoss loss) {
        int n = loss.dimension();
        double[][] h = new double[n][n];
        for (int i = 0; i < n; i++) {
            float[] e = new float[n];
            e[i] = 1;
            float[] column = loss.hessianVectorProduct(e);
            for (int j = 0; j < n; j++) {
                h[j][i] = column[j];
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                double mean = (h[i][j] + h[j][i]) / 2;
                h[i][j] = mean;
                h[j][i] = mean;
            }
        }
        return h;
    }

    /** Returns the values sorted by decreasing magnitude. */
    static double[] byMagnitude(double[] values) {
        return Arrays.stream(values)
                .boxed()
                .sorted((x, y) -> Double.compare(Math.abs(y), Math.abs(x)))
                .mapToDouble(Double::doubleValue)
                .toArray();
    }
}
