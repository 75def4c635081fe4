package io.sam4j.analysis.hessian;

import io.sam4j.core.util.Checks;
import java.util.List;
import java.util.SplittableRandom;

/** Dense vector arithmetic on flat {@code float[]} vectors, accumulating in double. */
public final class Vectors {

    private Vectors() {}

    /** Returns x·y. */
    public static double dot(float[] x, float[] y) {
        Checks.checkArgument(x.length == y.length, "lengths differ: %s and %s", x.length, y.length);
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += (double) x[i] * y[i];
        }
        return sum;
    }

    /** Returns ‖x‖₂. */
    public static double norm(float[] x) {
        return Math.sqrt(dot(x, x));
    }

    /** y ← y + a·x. */
    public static void axpy(double a, float[] x, float[] y) {
        Checks.checkArgument(x.length == y.length, "lengths differ: %s and %s", x.length, y.length);
        for (int i = 0; i < x.length; i++) {
            y[i] = (float) (y[i] + a * x[i]);
        }
    }

    /** x ← a·x. */
    public static void scale(double a, float[] x) {
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (a * x[i]);
        }
    }

    /**
     * Scales x to unit length in place.
     *
     * @return the norm before scaling (0 leaves x unchanged)
     */
    public static double normalize(float[] x) {
        double n = norm(x);
        if (n > 0) {
            scale(1 / n, x);
        }
        return n;
    }

    /**
     * Removes from v its components along the orthonormal vectors of {@code basis} (classical
     * Gram-Schmidt applied twice, which keeps v orthogonal to working precision).
     */
    public static void orthogonalize(float[] v, List<float[]> basis) {
        for (int pass = 0; pass < 2; pass++) {
            for (float[] q : basis) {
                axpy(-dot(q, v), q, v);
            }
        }
    }

    /** Returns a vector of independent ±1 entries (Rademacher). */
    public static float[] rademacher(int n, SplittableRandom random) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextBoolean() ? 1f : -1f;
        }
        return v;
    }

    /** Returns a vector of independent standard normal entries. */
    public static float[] gaussian(int n, SplittableRandom random) {
        float[] v = new float[n];
        for (int i = 0; i < n; i += 2) {
            // Box-Muller: two normals per pair of uniforms.
            double u = 1 - random.nextDouble();
            double r = Math.sqrt(-2 * Math.log(u));
            double t = 2 * Math.PI * random.nextDouble();
            v[i] = (float) (r * Math.cos(t));
            if (i + 1 < n) {
                v[i + 1] = (float) (r * Math.sin(t));
            }
        }
        return v;
    }
}
