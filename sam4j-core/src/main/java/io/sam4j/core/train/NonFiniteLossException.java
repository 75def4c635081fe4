package io.sam4j.core.train;

/** Thrown when a step's loss is NaN or infinite; the weights have not been updated. */
public final class NonFiniteLossException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int epoch;
    private final long step;
    private final float loss;

    /**
     * Creates the exception.
     *
     * @param epoch the 1-based epoch, or 0 where the caller does not know it
     * @param step the 1-based step within the epoch, or 0
     * @param loss the offending value
     */
    public NonFiniteLossException(int epoch, long step, float loss) {
        super("loss became " + loss + (epoch > 0 ? " at epoch " + epoch + ", step " + step : "")
                + "; the weights were not updated (try a lower --lr, --clip-norm, or a smaller --rho)");
        this.epoch = epoch;
        this.step = step;
        this.loss = loss;
    }

    /** Returns a copy that names where in training the loss broke. */
    public NonFiniteLossException at(int epoch, long step) {
        return new NonFiniteLossException(epoch, step, loss);
    }

    /** Returns the 1-based epoch. */
    public int epoch() {
        return epoch;
    }

    /** Returns the 1-based step within the epoch. */
    public long step() {
        return step;
    }

    /** Returns the loss value. */
    public float loss() {
        return loss;
    }
}
