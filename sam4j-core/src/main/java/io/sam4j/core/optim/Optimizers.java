package io.sam4j.core.optim;

/** Static factories for the PyTorch-convention optimizers, in the style of DJL's {@code Optimizer.sgd()}. */
public final class Optimizers {

    private Optimizers() {}

    /** SGD with (optionally Nesterov) momentum, as {@code torch.optim.SGD}. */
    public static MomentumSgd.Builder sgd() {
        return MomentumSgd.builder();
    }

    /** Adam with coupled weight decay, as {@code torch.optim.Adam}. */
    public static AdamOptimizer.Builder adam() {
        return AdamOptimizer.builder(false);
    }

    /** AdamW with decoupled weight decay, as {@code torch.optim.AdamW}. */
    public static AdamOptimizer.Builder adamW() {
        return AdamOptimizer.builder(true);
    }
}
