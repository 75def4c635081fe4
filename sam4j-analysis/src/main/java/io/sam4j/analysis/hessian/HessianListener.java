package io.sam4j.analysis.hessian;

import io.sam4j.core.random.Seeds;
import io.sam4j.core.run.RunKeys;
import io.sam4j.core.train.EpochMetrics;
import io.sam4j.core.train.TrainingListener;
import io.sam4j.core.train.TrainingLoop;
import io.sam4j.core.util.Checks;

/**
 * Follows sharpness through training, as the SAM paper (Foret et al., 2021, fig. 3) does: every E
 * epochs it estimates the Hessian's top eigenvalue λmax ({@link TopEigenvalues}, as {@code sam4j hessian}
 * does; and optionally its trace) on a fixed sample
 * of training examples and adds {@code hessian_lambda_max} (and {@code hessian_trace}) to the
 * epoch's metrics, so that listeners added after this one log them (metrics.jsonl, TensorBoard).
 *
 * <p>The products run in evaluation mode on per-pass leaves, so the weights, their gradients and
 * BatchNorm statistics are untouched and training continues exactly as without this listener. The
 * start vector and probes of epoch e come from the run's {@link Seeds.Stream#HESSIAN} stream.
 */
public final class HessianListener implements TrainingListener {

    /** Metric name of λmax. */
    public static final String LAMBDA_MAX = RunKeys.Metrics.HESSIAN_LAMBDA_MAX;
    /** Metric name of the trace estimate. */
    public static final String TRACE = RunKeys.Metrics.HESSIAN_TRACE;

    private final EvalLoss loss;
    private final int every;
    private final int iterations;
    private final double tolerance;
    private final int traceProbes;

    private HessianListener(Builder builder) {
        this.loss = builder.loss;
        this.every = builder.every;
        this.iterations = builder.iterations;
        this.tolerance = builder.tolerance;
        this.traceProbes = builder.traceProbes;
    }

    /** Returns a builder. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void onEpochEnd(TrainingLoop loop, EpochMetrics metrics) {
        if (metrics.epoch() % every != 0) {
            return;
        }
        Seeds seeds = loop.seeds();
        try (HessianOperator hessian = loss.openHessian()) {
            TopEigenvalues.Result top = TopEigenvalues.find(
                    hessian,
                    1,
                    iterations,
                    tolerance,
                    TopEigenvalues.heapBudget(),
                    seeds.of(Seeds.Stream.HESSIAN, metrics.epoch(), 1));
            metrics.extra().put(LAMBDA_MAX, top.largest());
            if (traceProbes > 0) {
                HutchinsonTrace.Result trace = HutchinsonTrace.estimate(
                        hessian, traceProbes, seeds.of(Seeds.Stream.HESSIAN, metrics.epoch(), 2));
                metrics.extra().put(TRACE, trace.estimate());
            }
        }
    }

    /** Builds a {@link HessianListener}: {@code setX} required, {@code optX} optional. */
    public static final class Builder {
        private EvalLoss loss;
        private int every;
        private int iterations = 20;
        private double tolerance = 1e-3;
        private int traceProbes;

        private Builder() {}

        /** Sets the loss on the fixed sample whose Hessian to follow. */
        public Builder setLoss(EvalLoss loss) {
            this.loss = loss;
            return this;
        }

        /** Sets the period in epochs. */
        public Builder setEvery(int every) {
            this.every = Checks.checkPositive("every", every);
            return this;
        }

        /** Sets the most Lanczos steps (power iterations, if it falls back) (default 20: a cheap estimate). */
        public Builder optIterations(int iterations) {
            this.iterations = Checks.checkPositive("iterations", iterations);
            return this;
        }

        /** Sets the relative residual bound (relative change, for power iteration) that stops it (default 1e-3). */
        public Builder optTolerance(double tolerance) {
            Checks.checkArgument(tolerance > 0, "tolerance must be > 0 but was %s", tolerance);
            this.tolerance = tolerance;
            return this;
        }

        /** Also estimates the trace with this many Hutchinson probes (default 0: no trace). */
        public Builder optTraceProbes(int traceProbes) {
            this.traceProbes = Checks.checkNonNegative("traceProbes", traceProbes);
            return this;
        }

        /** Builds the listener. */
        public HessianListener build() {
            Checks.checkArgument(loss != null, "setLoss is required");
            Checks.checkArgument(every > 0, "setEvery is required");
            return new HessianListener(this);
        }
    }
}
