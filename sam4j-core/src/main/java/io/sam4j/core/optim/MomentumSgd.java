package io.sam4j.core.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import io.sam4j.core.util.Checks;
import java.util.List;

/**
 * Stochastic gradient descent with momentum, in PyTorch's convention ({@code torch.optim.SGD},
 * dampening 0):
 *
 * <pre>
 *   d ← g + λ·w                          (coupled weight decay, when λ &gt; 0)
 *   b ← μ·b + d                          (b starts at 0)
 *   d ← d + μ·b  if Nesterov,  else d ← b
 *   w ← w − η_t·d
 * </pre>
 *
 * <p>The weight decay λ ({@code optWeightDecay}, default 0) applies to every parameter. The learning rate η_t multiplies the whole update at step t, so a schedule changes the step
 * size immediately; in DJL's {@code Sgd} (MXNet's convention) it only scales new gradients.
 * Nesterov's variant follows Sutskever et al. (2013) as PyTorch implements it.
 */
public final class MomentumSgd extends StatefulOptimizer {

    private final float momentum;
    private final boolean nesterov;

    private MomentumSgd(Builder builder) {
        super(builder);
        this.momentum = builder.momentum;
        this.nesterov = builder.nesterov;
    }

    /** Returns a builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the momentum μ. */
    public float momentum() {
        return momentum;
    }

    /**
     * Returns the momentum buffer b of a parameter, the optimizer's own array (read it, do not change
     * it), or null before the parameter's first update. Momentum-SAM perturbs along it.
     *
     * @throws IllegalStateException if this optimizer has no momentum (μ = 0)
     */
    public NDArray momentumBuffer(String parameterId) {
        if (momentum == 0) {
            throw new IllegalStateException("this SGD has no momentum buffer (momentum 0)");
        }
        return slot(parameterId, 0);
    }

    @Override
    protected List<String> slotNames() {
        return momentum == 0 ? List.of() : List.of("momentum");
    }

    @Override
    protected void apply(NDArray weight, NDArray grad, NDArray[] slots, float lr, int count) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray d = grad;
            if (weightDecay() != 0) {
                d = grad.add(weight.mul(weightDecay()));
            }
            if (momentum != 0) {
                NDArray buffer = slots[0];
                buffer.muli(momentum).addi(d);
                d = nesterov ? d.add(buffer.mul(momentum)) : buffer;
            }
            weight.subi(d.mul(lr));
        }
    }

    /** Builds a {@link MomentumSgd}. */
    public static final class Builder extends StatefulOptimizer.Builder<Builder> {
        private float momentum;
        private boolean nesterov;

        private Builder() {
            super(0f);
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** Sets the momentum μ in [0, 1) (default 0). */
        public Builder optMomentum(float momentum) {
            Checks.checkArgument(momentum >= 0 && momentum < 1, "momentum must be in [0, 1) but was %s", momentum);
            this.momentum = momentum;
            return this;
        }

        /** Uses Nesterov momentum (default false). */
        public Builder optNesterov(boolean nesterov) {
            this.nesterov = nesterov;
            return this;
        }

        /** Builds the optimizer. */
        public MomentumSgd build() {
            Checks.checkArgument(!nesterov || momentum > 0, "Nesterov momentum needs momentum > 0");
            return new MomentumSgd(this);
        }
    }
}
