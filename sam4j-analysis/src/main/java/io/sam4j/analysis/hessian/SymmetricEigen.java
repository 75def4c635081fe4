package io.sam4j.analysis.hessian;

import io.sam4j.core.util.Checks;
import java.util.Arrays;

/**
 * Eigenvalues and eigenvectors of a small dense symmetric matrix by the cyclic Jacobi method
 * (Golub &amp; Van Loan, "Matrix Computations", §8.5): rotations zero the off-diagonal entries
 * one by one until their norm is negligible. Quadratic convergence, high relative accuracy, and
 * fast enough for the Lanczos tridiagonals here (a few hundred rows at most).
 *
 * @param values the eigenvalues in increasing order
 * @param vectors {@code vectors[i][k]} is component i of the eigenvector of {@code values[k]}
 */
public record SymmetricEigen(double[] values, double[][] vectors) {

    private static final int MAX_SWEEPS = 100;

    /** Decomposes the symmetric matrix {@code a} (not modified). */
    public static SymmetricEigen of(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            Checks.checkArgument(a[i].length == n, "matrix is not square: row %s has %s entries", i, a[i].length);
            m[i] = a[i].clone();
        }
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) {
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double off = 0;
            double total = 0;
            for (int p = 0; p < n; p++) {
                for (int q = 0; q < n; q++) {
                    total += m[p][q] * m[p][q];
                    if (p != q) {
                        off += m[p][q] * m[p][q];
                    }
                }
            }
            if (off <= 1e-30 * total || off == 0) {
                break;
            }
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (m[p][q] != 0) {
                        rotate(m, v, p, q);
                    }
                }
            }
        }
        return sorted(m, v);
    }

    /** Returns the eigen-decomposition of the symmetric tridiagonal matrix with this diagonal and off-diagonal. */
    public static SymmetricEigen tridiagonal(double[] diagonal, double[] offDiagonal) {
        int n = diagonal.length;
        Checks.checkArgument(
                offDiagonal.length >= n - 1, "need %s off-diagonal entries but got %s", n - 1, offDiagonal.length);
        double[][] t = new double[n][n];
        for (int i = 0; i < n; i++) {
            t[i][i] = diagonal[i];
            if (i + 1 < n) {
                t[i][i + 1] = offDiagonal[i];
                t[i + 1][i] = offDiagonal[i];
            }
        }
        return of(t);
    }

    /** Zeroes m[p][q] by a Jacobi rotation, accumulating it into v. */
    private static void rotate(double[][] m, double[][] v, int p, int q) {
        int n = m.length;
        double theta = (m[q][q] - m[p][p]) / (2 * m[p][q]);
        // The smaller root of t² + 2θt − 1 = 0 keeps the rotation angle below π/4.
        double t = Math.signum(theta == 0 ? 1 : theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        for (int k = 0; k < n; k++) {
            double mkp = m[k][p];
            double mkq = m[k][q];
            m[k][p] = c * mkp - s * mkq;
            m[k][q] = s * mkp + c * mkq;
        }
        for (int k = 0; k < n; k++) {
            double mpk = m[p][k];
            double mqk = m[q][k];
            m[p][k] = c * mpk - s * mqk;
            m[q][k] = s * mpk + c * mqk;
        }
        for (int k = 0; k < n; k++) {
            double vkp = v[k][p];
            double vkq = v[k][q];
            v[k][p] = c * vkp - s * vkq;
            v[k][q] = s * vkp + c * vkq;
        }
    }

    private static SymmetricEigen sorted(double[][] m, double[][] v) {
        int n = m.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(m[x][x], m[y][y]));
        double[] values = new double[n];
        double[][] vectors = new double[n][n];
        for (int k = 0; k < n; k++) {
            values[k] = m[order[k]][order[k]];
            for (int i = 0; i < n; i++) {
                vectors[i][k] = v[i][order[k]];
            }
        }
        return new SymmetricEigen(values, vectors);
    }
}
