package io.sam4j.analysis.hessian;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import io.sam4j.core.util.Checks;

/**
 * Hessian-vector products by central differences of gradients: Hv ≈ (∇L(w + hv) − ∇L(w − hv)) / 2h.
 *
 * <p>An independent check of the double-backward product of {@link EvalLoss}: it uses only first
 * derivatives. Its error is O(h²‖v‖³) from the third derivative plus float rounding of order
 * ε_float·‖∇L‖/h, so {@code h} trades one against the other; the default step is
 * {@code h = 1e-3 · max(1, ‖w‖) / ‖v‖}. Costs two gradients; the weights are restored bitwise
 * afterwards.
 */
public final class FiniteDifferenceHessian implements SymmetricOperator {

    private static final NDIndex ALL = new NDIndex(":");

    private final EvalLoss loss;
    private final double relativeStep;

    private FiniteDifferenceHessian(EvalLoss loss, double relativeStep) {
        this.loss = loss;
        this.relativeStep = relativeStep;
    }

    /**
     * Creates the operator.
     *
     * @param loss the loss whose Hessian to approximate
     * @param relativeStep h relative to {@code max(1, ‖w‖) / ‖v‖}, e.g. 1e-3
     */
    public static FiniteDifferenceHessian of(EvalLoss loss, double relativeStep) {
        Checks.checkArgument(
                relativeStep > 0 && Double.isFinite(relativeStep),
                "relative step must be > 0 but was %s",
                relativeStep);
        return new FiniteDifferenceHessian(loss, relativeStep);
    }

    @Override
    public int dimension() {
        return loss.dimension();
    }

    @Override
    public float[] apply(float[] v) {
        double vNorm = Vectors.norm(v);
        if (vNorm == 0) {
            return new float[v.length];
        }
        try (NDManager scope = loss.manager().newSubManager()) {
            NDList saved = loss.parameters().copyTrainable(scope);
            double wNorm = Vectors.norm(loss.space().flatten(saved));
            double h = relativeStep * Math.max(1, wNorm) / vNorm;
            NDList direction = loss.space().toArrays(v, scope);
            float[] plus;
            float[] minus;
            try {
                move(saved, direction, h);
                plus = loss.gradient();
                move(saved, direction, -h);
                minus = loss.gradient();
            } finally {
                loss.parameters().restoreTrainable(saved);
            }
            float[] out = new float[v.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) (((double) plus[i] - minus[i]) / (2 * h));
            }
            return out;
        }
    }

    /** Sets the weights to {@code saved + h·direction}. */
    private void move(NDList saved, NDList direction, double h) {
        for (int i = 0; i < saved.size(); i++) {
            try (NDList moved = new NDList(direction.get(i).mul(h).addi(saved.get(i)))) {
                loss.parameters().trainable().get(i).getArray().set(ALL, moved.head());
            }
        }
    }
}
