package io.sam4j.core.run;

import java.util.List;

/**
 * The keys of the JSON records in a run directory ({@link RunFiles}) that more than one program
 * relies on: defined once here, used by the commands that write the records and by the report that
 * reads them. Keys a writer adds only for people (timings, convergence histories) are not listed.
 */
public final class RunKeys {

    private RunKeys() {}

    /** {@code config.json}: two objects; the settings' own keys are the {@code train} flags' names. */
    public static final class Config {
        /** The resolved settings. */
        public static final String CONFIG = "config";
        /** What the run was made with: versions, seed, data hash and facts. */
        public static final String PROVENANCE = "provenance";

        private Config() {}
    }

    /** {@code metrics.jsonl}: one object per epoch; a non-finite value is written as null. */
    public static final class Metrics {
        public static final String EPOCH = "epoch";
        public static final String TRAIN_LOSS = "train_loss";
        public static final String TRAIN_ACCURACY = "train_accuracy";
        public static final String TEST_LOSS = "test_loss";
        public static final String TEST_ACCURACY = "test_accuracy";
        public static final String LR = "lr";
        public static final String GRAD_NORM = "grad_norm";
        public static final String EPS_NORM = "eps_norm";
        public static final String TRAIN_SECONDS = "train_seconds";
        public static final String EVAL_SECONDS = "eval_seconds";
        /**
         * The epoch's counted work in passes per training example: forward-backward passes, plus a third
         * of gradient-free forwards (1 for the base optimizer, 2 for SAM). Runs from before it lack it.
         */
        public static final String PASSES = "passes";
        /** Logged every {@code --hessian-every} epochs. */
        public static final String HESSIAN_LAMBDA_MAX = "hessian_lambda_max";
        /** Logged every {@code --hessian-every} epochs with {@code --hessian-trace}. */
        public static final String HESSIAN_TRACE = "hessian_trace";

        /** The keys every epoch has, in the order they are written. */
        public static final List<String> EVERY_EPOCH = List.of(
                EPOCH,
                TRAIN_LOSS,
                TRAIN_ACCURACY,
                TEST_LOSS,
                TEST_ACCURACY,
                LR,
                GRAD_NORM,
                EPS_NORM,
                TRAIN_SECONDS,
                EVAL_SECONDS);

        private Metrics() {}
    }

    /** {@code summary.json}: the final figures of a run (or of its last epoch so far). */
    public static final class Summary {
        public static final String TEST_ACCURACY = "test_accuracy";
        public static final String TEST_LOSS = "test_loss";
        public static final String TRAIN_ACCURACY = "train_accuracy";
        public static final String TRAIN_LOSS = "train_loss";
        public static final String EPOCHS = "epochs";
        public static final String EPOCHS_PLANNED = "epochs_planned";
        public static final String COMPLETE = "complete";
        public static final String TRAIN_SECONDS = "train_seconds";
        public static final String BEST_TEST_ACCURACY = "best_test_accuracy";
        public static final String MODEL = "model";
        public static final String DATASET = "dataset";
        public static final String SAM = "sam";
        public static final String RHO = "rho";
        public static final String SEED = "seed";
        public static final String EVALUATED_ON = "evaluated_on";
        public static final String LABEL_NOISE_FRACTION = "label_noise_fraction";

        private Summary() {}
    }

    /** {@code hessian.json}. */
    public static final class Hessian {
        /** The top eigenvalues, largest first. */
        public static final String EIGENVALUES = "eigenvalues";

        public static final String LAMBDA_MAX = "lambda_max";
        public static final String LAMBDA_MIN = "lambda_min";
        /** An object: {@link #ESTIMATE}, {@link #STANDARD_ERROR}, … */
        public static final String TRACE = "trace";

        public static final String ESTIMATE = "estimate";
        public static final String STANDARD_ERROR = "standard_error";
        /** An object: {@link #GRID}, {@link #VALUES}, … */
        public static final String DENSITY = "density";

        public static final String GRID = "grid";
        public static final String VALUES = "values";

        private Hessian() {}
    }

    /** {@code landscape-MODE.json}. */
    public static final class Landscape {
        public static final String MODE = "mode";
        public static final String X = "x";
        /** Only in 2-D landscapes. */
        public static final String Y = "y";
        /** 1-D: one row per line; 2-D: one row per {@link #Y} value, one column per {@link #X} value. */
        public static final String LOSS = "loss";
        /** The same layout as {@link #LOSS}. */
        public static final String ACCURACY = "accuracy";

        public static final String SETTINGS = "settings";
        public static final String TIMINGS = "timings";

        private Landscape() {}
    }

    /** {@code sharpness.json}: every top-level number is a result except {@link #SECONDS}. */
    public static final class Sharpness {
        /** How it was measured: not a result. */
        public static final String SETTINGS = "settings";
        /** The time it took: not a result. */
        public static final String SECONDS = "seconds";

        private Sharpness() {}
    }
}
