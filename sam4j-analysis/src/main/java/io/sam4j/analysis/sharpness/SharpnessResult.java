package io.sam4j.analysis.sharpness;

/**
 * ε-sharpness of a model on a sample.
 *
 * @param sharpness the mean over groups of max_{δ in the ball} L_S(w + δ) − L_S(w)
 * @param loss the mean over groups of L_S(w)
 * @param maxLoss the mean over groups of the largest L_S(w + δ) found
 * @param groups how many groups S were measured
 * @param groupSize the examples per group (the m of m-sharpness; the whole sample when not set)
 * @param perGroup the sharpness of each group, in group order
 */
public record SharpnessResult(
        double sharpness, double loss, double maxLoss, int groups, int groupSize, double[] perGroup) {

    /**
     * Returns Keskar et al.'s normalized form, 100 · (max L − L) / (1 + L) of the mean losses, which
     * compares models with different loss levels.
     */
    public double keskarPercent() {
        return 100 * (maxLoss - loss) / (1 + loss);
    }
}
