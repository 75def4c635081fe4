package io.sam4j.core.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import io.sam4j.core.util.Checks;
import java.util.List;

/**
 * Adam (Kingma &amp; Ba, 2015) and AdamW (Loshchilov &amp; Hutter, 2019), as {@code torch.optim.Adam}
 * and {@code torch.optim.AdamW} compute them:
 *
 * <pre>
 *   Adam:   g ← g + λ·w                  (coupled decay)
 *   AdamW:  w ← w·(1 − η_t·λ)            (decoupled decay)
 *   m ← β₁m + (1 − β₁)g,   v ← β₂v + (1 − β₂)g²
 *   w ← w − (η_t / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)
 * </pre>
 */
public final class AdamOptimizer extends StatefulOptimizer {

    private final float beta1;
    private final float beta2;
    private final float epsilon;
    private final boolean decoupled;

    private AdamOptimizer(Builder builder) {
        super(builder);
        this.beta1 = builder.beta1;
        this.beta2 = builder.beta2;
        this.epsilon = builder.epsilon;
        this.decoupled = builder.decoupled;
    }

    /**
     * Returns a builder.
     *
     * @param decoupled true for AdamW's decoupled weight decay, false for Adam's coupled one
     */
    public static Builder builder(boolean decoupled) {
        return new Builder(decoupled);
    }

    @Override
    protected List<String> slotNames() {
        return List.of("m", "v");
    }

    @Override
    protected void apply(NDArray weight, NDArray grad, NDArray[] slots, float lr, int count) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray g = grad;
            if (weightDecay() != 0) {
                if (decoupled) {
                    weight.muli(1 - lr * weightDecay());
                } else {
                    g = grad.add(weight.mul(weightDecay()));
                }
            }
            NDArray m = slots[0];
            NDArray v = slots[1];
            m.muli(beta1).addi(g.mul(1 - beta1));
            v.muli(beta2).addi(g.square().muli(1 - beta2));
            double biasCorrection1 = 1 - Math.pow(beta1, count);
            double biasCorrection2 = 1 - Math.pow(beta2, count);
            NDArray denominator =
                    v.sqrt().divi((float) Math.sqrt(biasCorrection2)).addi(epsilon);
            weight.subi(m.div(denominator).muli((float) (lr / biasCorrection1)));
        }
    }

    /** Builds an {@link AdamOptimizer}. */
    public static final class Builder extends StatefulOptimizer.Builder<Builder> {
        private final boolean decoupled;
        private float beta1 = 0.9f;
        private float beta2 = 0.999f;
        private float epsilon = 1e-8f;

        /** Weight decay defaults as in PyTorch: 0 for Adam, 0.01 for AdamW. */
        private Builder(boolean decoupled) {
            super(decoupled ? 0.01f : 0f);
            this.decoupled = decoupled;
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** Sets β₁ and β₂ in [0, 1) (defaults 0.9, 0.999). */
        public Builder optBetas(float beta1, float beta2) {
            Checks.checkArgument(beta1 >= 0 && beta1 < 1, "beta1 must be in [0, 1) but was %s", beta1);
            Checks.checkArgument(beta2 >= 0 && beta2 < 1, "beta2 must be in [0, 1) but was %s", beta2);
            this.beta1 = beta1;
            this.beta2 = beta2;
            return this;
        }

        /** Sets ε &gt; 0 (default 1e-8). */
        public Builder optEpsilon(float epsilon) {
            Checks.checkArgument(epsilon > 0, "epsilon must be > 0 but was %s", epsilon);
            this.epsilon = epsilon;
            return this;
        }

        /** Builds the optimizer. */
        public AdamOptimizer build() {
            return new AdamOptimizer(this);
        }
    }
}
