package io.sam4j.core.sam;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.sam4j.core.train.Gradients;
import io.sam4j.core.train.StateArrays;
import java.util.function.DoubleSupplier;
import java.util.function.Predicate;

/**
 * LookSAM's reuse (Liu et al., CVPR 2022, Algorithm 1), for every step that chooses between SAM and a
 * base step: a SAM step stores the part of its perturbed gradient g_s orthogonal to its clean
 * gradient g, and a base step descends along its clean gradient plus that part, rescaled.
 *
 * <pre>
 *   SAM step:   g_v ← g_s − (⟨g_s, g⟩ / ‖g‖²)·g
 *   base step:  g ← g + α·(‖g‖ / ‖g_v‖)·g_v          (g as it is while no g_v is stored)
 * </pre>
 *
 * with global norms over all parameters. g_v is state: it lives in a sub-manager of the step's manager
 * and goes into checkpoints as {@value #ORTHOGONAL}.
 */
final class OrthogonalReuse {

    /** The checkpoint name of g_v, LookSAM's since before AE-LookSAM shared it. */
    static final String ORTHOGONAL = "looksam.gv";

    private final float alpha;
    private final NDManager stateManager;
    private NDList orthogonal;

    OrthogonalReuse(float alpha, NDManager parent) {
        this.alpha = alpha;
        this.stateManager = parent.newSubManager();
    }

    /** Returns α. */
    float alpha() {
        return alpha;
    }

    /**
     * Returns the step's hooks: SAM where {@code takeSam} says so on the clean gradient's ‖g‖², storing g_v;
     * otherwise the base step with g_v added.
     */
    WholeBatchVariant variant(Predicate<DoubleSupplier> takeSam) {
        return new WholeBatchVariant() {
            private NDList clean;

            @Override
            public boolean takeSam(NDList cleanGradients, DoubleSupplier squaredNorm, NDManager stepManager) {
                if (!takeSam.test(squaredNorm)) {
                    return false;
                }
                // The ascent may consume the clean gradient; g_v needs it after the perturbed pass.
                clean = Gradients.copy(cleanGradients, stepManager);
                return true;
            }

            @Override
            public void beforeUpdate(NDList descent) {
                store(clean, descent);
            }

            @Override
            public void beforeBaseUpdate(NDList cleanGradients, double gradientNorm) {
                if (orthogonal != null) {
                    addTo(cleanGradients, gradientNorm);
                }
            }
        };
    }

    /** g_v = g_s − (⟨g_s, g⟩/‖g‖²)·g. */
    private void store(NDList g, NDList gs) {
        double c = Gradients.dot(gs, g) / (Gradients.squaredNorm(g) + 1e-12);
        NDList next = new NDList(g.size());
        for (int i = 0; i < g.size(); i++) {
            try (NDArray parallel = g.get(i).mul((float) c)) {
                NDArray v = gs.get(i).sub(parallel);
                v.attach(stateManager);
                next.add(v);
            }
        }
        replace(next);
    }

    /** g ← g + α·(‖g‖/‖g_v‖)·g_v, in place. */
    private void addTo(NDList g, double gradientNorm) {
        float scale = (float) (alpha * gradientNorm / (Gradients.norm(orthogonal) + 1e-12));
        for (int i = 0; i < g.size(); i++) {
            try (NDArray term = orthogonal.get(i).mul(scale)) {
                g.get(i).addi(term);
            }
        }
    }

    /** Adds copies of g_v, if stored, to {@code out}. */
    void exportTo(NDList out, NDManager manager) {
        if (orthogonal != null) {
            StateArrays.putArrays(out, ORTHOGONAL, orthogonal, manager);
        }
    }

    /** Restores g_v from {@code state}, or none if the state has none. */
    void restore(StateArrays state, int parameters) {
        replace(state.hasArrays(ORTHOGONAL) ? state.arrays(ORTHOGONAL, parameters, stateManager) : null);
    }

    /** Returns whether {@code name} is one of this reuse's state arrays. */
    static boolean owns(String name) {
        return name != null && name.startsWith(ORTHOGONAL + ".");
    }

    private void replace(NDList next) {
        if (orthogonal != null) {
            orthogonal.close();
        }
        orthogonal = next;
    }
}
