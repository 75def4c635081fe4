package io.sam4j.core.sam;

import io.sam4j.core.util.Checks;

/**
 * AE-SAM's decision (Jiang, Yang, Zhang, Kwok, "An Adaptive Policy to Employ Sharpness-Aware
 * Minimization", ICLR 2023, Algorithm 1): whether step t is in a sharp region, judged by the squared
 * norm of its clean gradient against exponential moving estimates of that norm's mean and variance.
 *
 * <pre>
 *   x_t  = ‖g_t‖²
 *   μ_t  = δ·μ_{t−1} + (1 − δ)·x_t                 μ_{−1} = 0
 *   σ²_t = δ·σ²_{t−1} + (1 − δ)·(x_t − μ_t)²        σ²_{−1} = 0
 *   c_t  = λ₁ + (λ₂ − λ₁)·t/T                      linear over the run's T steps
 *   SAM at step t  ⇔  x_t ≥ μ_t + c_t·σ_t
 * </pre>
 *
 * The estimates include the step's own x_t, as in the paper. With λ₁ &lt; λ₂, SAM is taken more often
 * early in training than late; if x_t were normal, the share of SAM steps at step t would be 1 −
 * Φ(c_t) ({@link #expectedShare}). μ, σ² and t are the policy's state and go into checkpoints.
 */
public final class AdaptivePolicy {

    private final double delta;
    private final double lambdaStart;
    private final double lambdaEnd;
    private final long totalSteps;
    private double mean;
    private double variance;
    private long step;

    /**
     * @param delta δ ∈ [0, 1), the forgetting rate of the moving estimates
     * @param lambdaStart λ₁, the threshold in standard deviations at the first step
     * @param lambdaEnd λ₂, the threshold at the last step
     * @param totalSteps T, the run's number of steps, at least 1
     */
    public AdaptivePolicy(double delta, double lambdaStart, double lambdaEnd, long totalSteps) {
        Checks.checkArgument(delta >= 0 && delta < 1, "delta must be in [0, 1) but was %s", delta);
        Checks.checkArgument(
                Double.isFinite(lambdaStart) && Double.isFinite(lambdaEnd),
                "lambdas must be finite but were %s and %s",
                lambdaStart,
                lambdaEnd);
        Checks.checkPositive("totalSteps", totalSteps);
        this.delta = delta;
        this.lambdaStart = lambdaStart;
        this.lambdaEnd = lambdaEnd;
        this.totalSteps = totalSteps;
    }

    /**
     * Updates the estimates with this step's squared gradient norm and decides.
     *
     * @param squaredNorm ‖g_t‖²
     * @return whether step t takes SAM's perturbed pass
     */
    public boolean decide(double squaredNorm) {
        mean = delta * mean + (1 - delta) * squaredNorm;
        double deviation = squaredNorm - mean;
        variance = delta * variance + (1 - delta) * deviation * deviation;
        boolean sam = squaredNorm >= mean + threshold(step) * Math.sqrt(variance);
        step++;
        return sam;
    }

    /** Returns c_t, the threshold in standard deviations at step t. */
    public double threshold(long t) {
        return lambdaStart + (lambdaEnd - lambdaStart) * Math.min(t, totalSteps) / totalSteps;
    }

    /** Returns μ, the moving mean of ‖g‖². */
    public double mean() {
        return mean;
    }

    /** Returns σ², the moving variance of ‖g‖². */
    public double variance() {
        return variance;
    }

    /** Returns t, the number of decisions made. */
    public long steps() {
        return step;
    }

    /** Restores a state read from a checkpoint. */
    void restore(double mean, double variance, long steps) {
        Checks.checkArgument(variance >= 0, "the AE-SAM variance must be >= 0 but was %s", variance);
        Checks.checkNonNegative("steps", steps);
        this.mean = mean;
        this.variance = variance;
        this.step = steps;
    }

    /**
     * Returns the share of SAM steps over a run if ‖g‖² were normal around the estimates: the mean of
     * 1 − Φ(c) for c linear from λ₁ to λ₂ (0.5 for the paper's λ₁ = −1, λ₂ = 1).
     */
    public static double expectedShare(double lambdaStart, double lambdaEnd) {
        int intervals = 200;
        double sum = 0;
        for (int i = 0; i <= intervals; i++) {
            double c = lambdaStart + (lambdaEnd - lambdaStart) * i / intervals;
            double weight = i == 0 || i == intervals ? 0.5 : 1;
            sum += weight * upperTail(c);
        }
        return sum / intervals;
    }

    /**
     * 1 − Φ(c) = 1/2 − sign(c)·∫₀^|c| φ(x) dx, the integral by Simpson's rule on 200 intervals (error
     * below 1e-9 for the |c| ≤ 5 the parameters allow).
     */
    static double upperTail(double c) {
        int intervals = 200;
        double h = Math.abs(c) / intervals;
        double sum = 0;
        for (int i = 0; i <= intervals; i++) {
            double x = i * h;
            double weight = i == 0 || i == intervals ? 1 : i % 2 == 1 ? 4 : 2;
            sum += weight * Math.exp(-x * x / 2);
        }
        double integral = sum * h / 3 / Math.sqrt(2 * Math.PI);
        return 0.5 - Math.signum(c) * integral;
    }
}
