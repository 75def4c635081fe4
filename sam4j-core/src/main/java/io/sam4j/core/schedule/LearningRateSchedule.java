package io.sam4j.core.schedule;

import ai.djl.training.tracker.Tracker;
import io.sam4j.core.util.Checks;
import java.util.Arrays;

/**
 * A learning rate as a function of the 0-based optimizer step.
 *
 * <p>DJL passes trackers a 1-based update count; {@link #getNewValue(int)} maps update n to step
 * n − 1, so step 0 is the first update.
 */
@FunctionalInterface
public interface LearningRateSchedule extends Tracker {

    /** Returns the learning rate of 0-based step {@code step}. */
    double valueAt(long step);

    @Override
    default float getNewValue(int numUpdate) {
        return (float) valueAt(numUpdate - 1L);
    }

    /** A constant learning rate. */
    static LearningRateSchedule constant(double lr) {
        checkLearningRate(lr);
        return step -> lr;
    }

    /**
     * Cosine decay from {@code lr} to 0 (Loshchilov &amp; Hutter, SGDR, without restarts), starting
     * after {@code decayStart} steps at full rate: {@code lr·½(1 + cos(π·(t − s)/(T − s)))}.
     *
     * @param lr the peak learning rate
     * @param totalSteps T, the number of steps of the run
     * @param decayStart s, the steps before decay begins (the warm-up), in [0, T)
     */
    static LearningRateSchedule cosine(double lr, long totalSteps, long decayStart) {
        checkLearningRate(lr);
        Checks.checkPositive("totalSteps", totalSteps);
        Checks.checkInRange("decayStart", decayStart, 0, totalSteps - 1);
        long span = totalSteps - decayStart;
        return step -> {
            if (step < decayStart) {
                return lr;
            }
            double progress = Math.min(1.0, (double) (step - decayStart) / span);
            return lr * 0.5 * (1 + Math.cos(Math.PI * progress));
        };
    }

    /**
     * Piecewise-constant decay: the rate is multiplied by {@code gamma} at each milestone step.
     *
     * @param lr the initial rate
     * @param milestones steps at which the rate drops, ascending
     * @param gamma the factor in (0, 1]
     */
    static LearningRateSchedule step(double lr, long[] milestones, double gamma) {
        checkLearningRate(lr);
        Checks.checkArgument(gamma > 0 && gamma <= 1, "gamma must be in (0, 1] but was %s", gamma);
        long[] sorted = milestones.clone();
        for (int i = 1; i < sorted.length; i++) {
            Checks.checkArgument(
                    sorted[i] > sorted[i - 1],
                    "milestones must be strictly ascending but were %s",
                    Arrays.toString(milestones));
        }
        return step -> {
            double value = lr;
            for (long m : sorted) {
                if (step >= m) {
                    value *= gamma;
                }
            }
            return value;
        };
    }

    /**
     * Multiplies the first {@code warmupSteps} steps by a linear ramp {@code (t + 1)/W}, so the first
     * step uses {@code lr/W} and step W − 1 the full rate.
     */
    default LearningRateSchedule withLinearWarmup(long warmupSteps) {
        Checks.checkNonNegative("warmupSteps", warmupSteps);
        if (warmupSteps == 0) {
            return this;
        }
        LearningRateSchedule inner = this;
        return step -> step < warmupSteps ? inner.valueAt(step) * (step + 1) / warmupSteps : inner.valueAt(step);
    }

    private static void checkLearningRate(double lr) {
        Checks.checkArgument(lr > 0 && Double.isFinite(lr), "learning rate must be > 0 but was %s", lr);
    }
}
