package io.sam4j.cli.spec;

/** The closed choices of a run's settings, written on the command line in lower case. */
public final class Choices {

    private Choices() {}

    /** The base optimizer. */
    public enum BaseOptimizer {
        SGD,
        ADAM,
        ADAMW
    }

    /** The learning-rate schedule. */
    public enum Schedule {
        COSINE,
        STEP,
        CONSTANT
    }

    /**
     * Where weight decay acts: as an L2 term of the loss, seen by SAM's ascent (the official JAX code),
     * or inside the base optimizer (the PyTorch wrappers; AdamW's decoupled decay).
     */
    public enum WeightDecayMode {
        LOSS,
        OPTIMIZER
    }

    /**
     * Which tensors the loss's L2 term covers: every parameter (the official JAX code's default) or
     * tensors of rank ≥ 2 (its {@code --no_weight_decay_on_bn}).
     */
    public enum WeightDecayOn {
        ALL,
        RANK2
    }

    /** CIFAR-100's fine (100) or coarse (20) labels. */
    public enum Cifar100Labels {
        FINE,
        COARSE
    }
}
