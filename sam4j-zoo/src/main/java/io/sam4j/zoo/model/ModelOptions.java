package io.sam4j.zoo.model;

/**
 * Architecture options that are not part of a model's name.
 *
 * @param dropout probability of zeroing an activation during training, in [0, 1); where it acts
 *     depends on the family (see each family's description), and families without a dropout site
 *     reject a non-zero value rather than silently ignore it
 * @param dropConnect the stochastic-depth ("drop-connect") rate of the last residual block, in [0,
 *     1): families with stochastic depth (EfficientNet) drop the residual branch of block i of n
 *     with probability {@code dropConnect * i / n} per example (Huang et al. 2016, "Deep Networks
 *     with Stochastic Depth"; Tan &amp; Le 2019); families without it reject a non-zero value. The
 *     masks come from the engine's random generator, which the training step seeds, so SAM's two
 *     passes of one step drop the same blocks.
 */
public record ModelOptions(float dropout, float dropConnect) {

    /** No dropout, no stochastic depth. */
    public static final ModelOptions DEFAULTS = new ModelOptions(0f, 0f);

    /** Validates the options. */
    public ModelOptions {
        if (!(dropout >= 0f && dropout < 1f)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
        if (!(dropConnect >= 0f && dropConnect < 1f)) {
            throw new IllegalArgumentException("drop-connect rate must be in [0, 1), got " + dropConnect);
        }
    }

    /**
     * Returns a copy with another dropout probability.
     *
     * @param rate probability in [0, 1)
     * @return the new options
     */
    public ModelOptions withDropout(float rate) {
        return new ModelOptions(rate, dropConnect);
    }

    /**
     * Returns a copy with another stochastic-depth rate.
     *
     * @param rate drop probability of the last residual block, in [0, 1)
     * @return the new options
     */
    public ModelOptions withDropConnect(float rate) {
        return new ModelOptions(dropout, rate);
    }
}
