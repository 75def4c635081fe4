package io.sam4j.core.sam;

import ai.djl.ndarray.NDList;
import io.sam4j.core.train.Gradients;
import io.sam4j.core.util.Checks;

/**
 * How a group's descent gradient is formed from its clean gradient g = ∇L(w) and its perturbed
 * gradient g_p = ∇L(w + ε). SAM descends along g_p; GSAM also removes part of g's component
 * orthogonal to g_p.
 */
interface GroupDescent {

    /** Returns whether {@link #descent} needs the clean gradient (the step then keeps a copy). */
    boolean usesClean();

    /**
     * Returns the descent gradient; may reuse (and so consume) either argument.
     *
     * @param clean g, or null when {@link #usesClean()} is false
     * @param perturbed g_p
     */
    NDList descent(NDList clean, NDList perturbed);

    /** SAM: d = g_p. */
    GroupDescent SAM = new GroupDescent() {
        @Override
        public boolean usesClean() {
            return false;
        }

        @Override
        public NDList descent(NDList clean, NDList perturbed) {
            return perturbed;
        }
    };

    /**
     * GSAM (Zhuang et al., "Surrogate Gap Guided Sharpness-Aware Minimization", ICLR 2022, Algorithm 1):
     *
     * <pre>
     *   g_⊥ = g − (⟨g, g_p⟩ / ‖g_p‖²) · g_p          g's component orthogonal to g_p
     *   d   = g_p − α · g_⊥  =  (1 + α·c) · g_p − α · g,   c = ⟨g, g_p⟩ / ‖g_p‖²
     * </pre>
     *
     * Descending along −g_⊥ lowers the surrogate gap L(w + ε) − L(w) without changing the first-order
     * change of the perturbed loss. α = 0 is SAM.
     */
    static GroupDescent gsam(float alpha) {
        Checks.checkArgument(alpha >= 0 && Float.isFinite(alpha), "alpha must be >= 0 but was %s", alpha);
        return new GroupDescent() {
            @Override
            public boolean usesClean() {
                return true;
            }

            @Override
            public NDList descent(NDList clean, NDList perturbed) {
                double c = Gradients.dot(clean, perturbed) / (Gradients.squaredNorm(perturbed) + 1e-12);
                float keep = (float) (1 + alpha * c);
                for (int i = 0; i < clean.size(); i++) {
                    perturbed.get(i).muli(keep);
                    clean.get(i).muli(alpha);
                    perturbed.get(i).subi(clean.get(i));
                }
                clean.close();
                return perturbed;
            }
        };
    }
}
