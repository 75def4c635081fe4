package io.sam4j.zoo.augment;

import java.util.Objects;
import java.util.Random;

/**
 * AutoAugment (Cubuk et al., 2019): draws one sub-policy uniformly ({@code rng.nextInt}) and applies its
 * operations in order, each with its probability ({@code rng.nextDouble() < p}) at its magnitude; a signed
 * operation that applies then draws its sign. Values stay in [0, 1]; put it before normalization.
 */
public final class AutoAugment implements Augmentation {

    private final AutoAugmentPolicy policy;

    /** @param policy the learned policy, e.g. {@link AutoAugmentPolicy#cifar10()} */
    public AutoAugment(AutoAugmentPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** @return the policy */
    public AutoAugmentPolicy policy() {
        return policy;
    }

    @Override
    public float[] apply(float[] chw, int c, int h, int w, Random rng) {
        Augmentation.checkShape(chw, c, h, w);
        AutoAugmentPolicy.SubPolicy sub =
                policy.subPolicies().get(rng.nextInt(policy.subPolicies().size()));
        float[] out = chw;
        for (AutoAugmentPolicy.Step step : sub.steps()) {
            if (rng.nextDouble() < step.probability()) {
                out = step.op().apply(out, c, h, w, step.magnitude(), rng);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "AutoAugment(" + policy.name() + ")";
    }
}
