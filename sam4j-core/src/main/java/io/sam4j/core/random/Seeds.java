package io.sam4j.core.random;

import java.util.SplittableRandom;

/**
 * Derives independent, reproducible seeds from one run seed.
 *
 * <p>Every consumer of randomness (initialization, shuffling, augmentation, m-sharpness groups,
 * dropout) gets its own stream, named by a {@link Stream} and by the epoch and step it is used in.
 * Because a seed is a pure function of {@code (runSeed, stream, epoch, step)}, a run resumed at an
 * epoch boundary draws exactly the numbers an uninterrupted run draws, without having to save any
 * generator state. The mixing is {@link SplittableRandom}'s (SplitMix64), which decorrelates nearby
 * inputs.
 */
public final class Seeds {

    /** The consumers of randomness in a training run. */
    public enum Stream {
        /** Weight initialization. */
        INIT,
        /** Order of training examples within an epoch. */
        SHUFFLE,
        /** Data augmentation. */
        AUGMENT,
        /** Engine randomness during a step (dropout, stochastic depth). */
        STEP,
        /** Subset selection and other data preparation. */
        DATA,
        /** Hessian analysis: its sample of training examples, start vectors and probes. */
        HESSIAN,
        /**
         * Analyses of a trained model (samples, landscape directions, m-sharpness groups). Last, so that
         * the seeds of the streams before it do not change.
         */
        ANALYSIS
    }

    private final long runSeed;

    /**
     * Creates a seed source for a run.
     *
     * @param runSeed the run's only seed
     */
    public Seeds(long runSeed) {
        this.runSeed = runSeed;
    }

    /** Returns the run seed. */
    public long runSeed() {
        return runSeed;
    }

    /** Returns the seed of a stream that does not depend on epoch or step. */
    public long of(Stream stream) {
        return of(stream, 0, 0);
    }

    /** Returns the seed of a stream for one epoch. */
    public long of(Stream stream, int epoch) {
        return of(stream, epoch, 0);
    }

    /**
     * Returns the seed of a stream for one step of one epoch.
     *
     * @param stream the consumer
     * @param epoch the epoch (0-based)
     * @param step the step within the epoch (0-based)
     * @return a seed that is a pure function of the arguments and the run seed
     */
    public long of(Stream stream, int epoch, long step) {
        long s = new SplittableRandom(runSeed).split().nextLong();
        s = new SplittableRandom(s ^ (stream.ordinal() + 1L) * 0x9E3779B97F4A7C15L).nextLong();
        s = new SplittableRandom(s ^ (epoch + 1L) * 0xBF58476D1CE4E5B9L).nextLong();
        return new SplittableRandom(s ^ (step + 1L) * 0x94D049BB133111EBL).nextLong();
    }
}
