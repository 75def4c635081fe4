package io.sam4j.zoo.model;

/**
 * Architecture options that are not part of a model's name.
 *
 * @param dropout probability of zeroing an activation during training, in [0, 1); where it acts
 *     depends on the family (see each family's description), and families without a dropout site
 *     reject a non-zero value rather than silently ignore it
 */
public record ModelOptions(float dropout) {

    /** No dropout. */
    public static final ModelOptions DEFAULTS = new ModelOptions(0f);

    /** Validates the options. */
    public ModelOptions {
        if (!(dropout >= 0f && dropout < 1f)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
    }

    /**
     * Returns a copy with another dropout probability.
     *
     * @param rate probability in [0, 1)
     * @return the new options
     */
    public ModelOptions withDropout(float rate) {
        return new ModelOptions(rate);
    }
}
