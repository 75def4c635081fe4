package io.sam4j.analysis.landscape;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import io.sam4j.analysis.ProgressListener;
import io.sam4j.core.train.EvalResult;
import io.sam4j.core.train.ModelParameters;
import java.util.List;
import java.util.Objects;

/**
 * Evaluates a model along a line or over a plane of weights (Li et al. 2018, Section 5):
 *
 * <pre>f(α) = L(θ + αd),   f(α, β) = L(θ + αd₁ + βd₂)</pre>
 *
 * and along the straight path between two trained models (Goodfellow, Vinyals &amp; Saxe 2015, "Qualitatively
 * characterizing neural network optimization problems"; Li et al., Section 3):
 *
 * <pre>θ(α) = (1 − α)θ₁ + αθ₂</pre>
 *
 * where the interpolation covers BatchNorm's running statistics as well, with running variances kept at
 * 0 or above when α leaves [0, 1].
 *
 * <p>The weights are written in place into the model's own parameters, each point computed from a saved
 * copy of θ (so errors do not accumulate along the scan), and the original weights and state are restored
 * bitwise when the scan ends, also when it fails. The model is never rebuilt and no gradient is recorded.
 */
public final class LandscapeScan {

    private static final NDIndex ALL = new NDIndex(":");

    private final ModelParameters parameters;
    private final SampleEvaluator evaluator;
    private final NDManager manager;
    private final ProgressListener listener;

    private LandscapeScan(Builder builder) {
        this.parameters = Objects.requireNonNull(builder.parameters, "setParameters is required");
        this.evaluator = Objects.requireNonNull(builder.evaluator, "setEvaluator is required");
        this.manager = Objects.requireNonNull(builder.manager, "setManager is required");
        this.listener = builder.listener;
    }

    /** Returns a builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Scans the line θ + αd.
     *
     * @param direction one array per trainable parameter
     * @param range the values of α
     */
    public Landscape line(NDList direction, AxisRange range) {
        checkDirection(direction);
        double[] x = range.values();
        double[][] loss = new double[1][x.length];
        double[][] accuracy = new double[1][x.length];
        try (NDManager scope = manager.newSubManager()) {
            NDList theta = parameters.copyTrainable(scope);
            try {
                for (int i = 0; i < x.length; i++) {
                    setWeights(theta, direction, x[i], null, 0);
                    record(loss, accuracy, 0, i, i + 1, x.length);
                }
            } finally {
                parameters.restoreTrainable(theta);
            }
        }
        return new Landscape(x, null, loss, accuracy);
    }

    /**
     * Scans the plane θ + αd₁ + βd₂, row by row (β outer, α inner).
     *
     * @param xDirection d₁
     * @param yDirection d₂
     * @param xRange the values of α
     * @param yRange the values of β
     */
    public Landscape plane(NDList xDirection, NDList yDirection, AxisRange xRange, AxisRange yRange) {
        checkDirection(xDirection);
        checkDirection(yDirection);
        double[] x = xRange.values();
        double[] y = yRange.values();
        double[][] loss = new double[y.length][x.length];
        double[][] accuracy = new double[y.length][x.length];
        int total = x.length * y.length;
        try (NDManager scope = manager.newSubManager()) {
            NDList theta = parameters.copyTrainable(scope);
            try {
                for (int j = 0; j < y.length; j++) {
                    for (int i = 0; i < x.length; i++) {
                        setWeights(theta, xDirection, x[i], yDirection, y[j]);
                        record(loss, accuracy, j, i, j * x.length + i + 1, total);
                    }
                }
            } finally {
                parameters.restoreTrainable(theta);
            }
        }
        return new Landscape(x, y, loss, accuracy);
    }

    /**
     * Scans θ(α) = (1 − α)θ₁ + αθ₂ for weights and state; α = 0 is {@code first}, α = 1 is {@code second}.
     *
     * @param first θ₁ with its state
     * @param second θ₂ with its state
     * @param range the values of α
     */
    public Landscape interpolation(ModelWeights first, ModelWeights second, AxisRange range) {
        first.checkFits(parameters);
        second.checkFits(parameters);
        double[] x = range.values();
        double[][] loss = new double[1][x.length];
        double[][] accuracy = new double[1][x.length];
        try (NDManager scope = manager.newSubManager()) {
            NDList savedWeights = parameters.copyTrainable(scope);
            NDList savedState = parameters.snapshotState(scope);
            try {
                for (int i = 0; i < x.length; i++) {
                    double alpha = x[i];
                    mix(parameters.trainable(), first.trainable(), second.trainable(), alpha);
                    mix(parameters.state(), first.state(), second.state(), alpha);
                    record(loss, accuracy, 0, i, i + 1, x.length);
                }
            } finally {
                parameters.restoreTrainable(savedWeights);
                parameters.restoreState(savedState);
            }
        }
        return new Landscape(x, null, loss, accuracy);
    }

    private void record(double[][] loss, double[][] accuracy, int row, int column, int done, int total) {
        EvalResult result = evaluator.evaluate();
        loss[row][column] = result.loss();
        accuracy[row][column] = result.accuracy();
        listener.onProgress(done, total);
    }

    /** Writes θ + a·d₁ (+ b·d₂) into the model. */
    private void setWeights(NDList theta, NDList d1, double a, NDList d2, double b) {
        List<Parameter> trainable = parameters.trainable();
        for (int k = 0; k < trainable.size(); k++) {
            NDArray w = trainable.get(k).getArray();
            w.set(ALL, theta.get(k));
            try (NDArray step = d1.get(k).mul((float) a)) {
                w.addi(step);
            }
            if (d2 != null) {
                try (NDArray step = d2.get(k).mul((float) b)) {
                    w.addi(step);
                }
            }
        }
    }

    /** Writes (1 − α)·first + α·second into the parameters; both ends are reproduced exactly. */
    private static void mix(List<Parameter> target, NDList first, NDList second, double alpha) {
        for (int k = 0; k < target.size(); k++) {
            Parameter p = target.get(k);
            NDArray w = p.getArray();
            try (NDArray a = first.get(k).mul((float) (1 - alpha));
                    NDArray b = second.get(k).mul((float) alpha)) {
                w.set(ALL, a);
                w.addi(b);
            }
            if (p.getType() == Parameter.Type.RUNNING_VAR && (alpha < 0 || alpha > 1)) {
                // Extrapolated variances can turn negative, which BatchNorm would take the square root of.
                try (NDArray clipped = w.clip(0f, Float.MAX_VALUE)) {
                    w.set(ALL, clipped);
                }
            }
        }
    }

    private void checkDirection(NDList direction) {
        List<Parameter> trainable = parameters.trainable();
        if (direction.size() != trainable.size()) {
            throw new IllegalArgumentException("the direction has " + direction.size() + " arrays but the model has "
                    + trainable.size() + " trainable parameters");
        }
        for (int k = 0; k < trainable.size(); k++) {
            if (!direction.get(k).getShape().equals(trainable.get(k).getArray().getShape())) {
                throw new IllegalArgumentException("direction entry " + k + " has shape "
                        + direction.get(k).getShape() + " but "
                        + parameters.trainableNames().get(k)
                        + " has " + trainable.get(k).getArray().getShape());
            }
        }
    }

    /** Builds a {@link LandscapeScan}. */
    public static final class Builder {
        private ModelParameters parameters;
        private SampleEvaluator evaluator;
        private NDManager manager;
        private ProgressListener listener = ProgressListener.NONE;

        private Builder() {}

        /** Sets the parameters of the model that {@code evaluator} runs (required). */
        public Builder setParameters(ModelParameters parameters) {
            this.parameters = parameters;
            return this;
        }

        /** Sets what evaluates each point (required). */
        public Builder setEvaluator(SampleEvaluator evaluator) {
            this.evaluator = evaluator;
            return this;
        }

        /** Sets the parent manager of the scan's temporary arrays (required). */
        public Builder setManager(NDManager manager) {
            this.manager = manager;
            return this;
        }

        /** Sets a listener called after each point (default: none). */
        public Builder optListener(ProgressListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        public LandscapeScan build() {
            return new LandscapeScan(this);
        }
    }
}
