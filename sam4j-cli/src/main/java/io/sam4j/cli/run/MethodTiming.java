package io.sam4j.cli.run;

import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;
import io.sam4j.core.sam.SamMethod;
import io.sam4j.core.sam.StepSettings;
import io.sam4j.core.train.ArrayBatch;
import io.sam4j.core.train.GradientPass;
import io.sam4j.core.train.TrainingStep;
import io.sam4j.core.train.WeightDecay;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Times training-step methods side by side on one model and batch: each round runs one step of every
 * method, in an order rotated from round to round so that none always follows another.
 *
 * <p>Methods whose cost varies from step to step (RST, LookSAM, late-phase SAM) are compared by their
 * mean time per step, which is what a run pays; the median is kept for the others' noise. The timed
 * steps are a run of their own: late-phase SAM is SAM for the last (1 − sam-start) of them (exactly,
 * when their number is a multiple of 10), LookSAM for one step in k (exactly, for a multiple of k).
 */
public final class MethodTiming {

    /**
     * One method's timings.
     *
     * @param method the method
     * @param passesTheory its passes per step by its formula, for the values used
     * @param ms each timed step's milliseconds, in order
     * @param passes the work the timed steps did, in passes on the whole batch per step (a
     *     gradient-free forward counted as a third; what the draws of the stochastic methods gave,
     *     where the theory is their expectation)
     */
    public record Result(SamMethod method, double passesTheory, double[] ms, double passes) {

        /** Returns the mean milliseconds per step. */
        public double mean() {
            double sum = 0;
            for (double v : ms) {
                sum += v;
            }
            return sum / ms.length;
        }
    }

    private static final int EPOCHS = 10;

    private MethodTiming() {}

    /**
     * Times {@code methods} for {@code warmup} untimed and {@code steps} timed rounds.
     *
     * @param parameters values for the methods' parameters (others take their defaults)
     * @param optimizers makes a fresh base optimizer for each method
     * @param notApplicable told of each method the model cannot take (SAM-ON without normalization
     *     layers) and why, in one line; those methods are left out of the results
     */
    public static List<Result> run(
            List<SamMethod> methods,
            Map<String, Double> parameters,
            GradientPass pass,
            Supplier<Optimizer> optimizers,
            WeightDecay decay,
            NDManager manager,
            ArrayBatch batch,
            int warmup,
            int steps,
            long seed,
            BiConsumer<SamMethod, String> notApplicable) {
        // The warm-up runs on instances of its own, so that each timed instance starts at its step 0:
        // the timed rounds are then a whole run of ten "epochs", and the methods whose cost changes
        // over a run (late-phase SAM switches at its fraction of them, LookSAM every k steps) pay
        // in the window what they pay in a run whose length is a multiple of theirs.
        int stepsPerEpoch = Math.max(1, (steps + EPOCHS - 1) / EPOCHS);
        List<SamMethod> applicable = new ArrayList<>();
        List<TrainingStep> warm = new ArrayList<>();
        for (SamMethod method : methods) {
            try {
                warm.add(build(method, parameters, pass, optimizers, decay, manager, stepsPerEpoch));
                applicable.add(method);
            } catch (IllegalArgumentException e) {
                notApplicable.accept(method, e.getMessage());
            }
        }
        methods = applicable;
        List<TrainingStep> timed = new ArrayList<>();
        for (SamMethod method : methods) {
            timed.add(build(method, parameters, pass, optimizers, decay, manager, stepsPerEpoch));
        }
        List<double[]> times = new ArrayList<>();
        double[] passes = new double[methods.size()];
        for (int m = 0; m < methods.size(); m++) {
            times.add(new double[steps]);
        }
        long stepSeed = seed;
        for (int round = 0; round < warmup + steps; round++) {
            for (int k = 0; k < methods.size(); k++) {
                int m = (round + k) % methods.size();
                TrainingStep step = round < warmup ? warm.get(m) : timed.get(m);
                double passesBefore = passes(pass, batch);
                long start = System.nanoTime();
                step.step(batch, ++stepSeed);
                double ms = (System.nanoTime() - start) / 1e6;
                if (round >= warmup) {
                    times.get(m)[round - warmup] = ms;
                    passes[m] += passes(pass, batch) - passesBefore;
                }
            }
        }
        List<Result> results = new ArrayList<>();
        for (int m = 0; m < methods.size(); m++) {
            SamMethod method = methods.get(m);
            results.add(new Result(
                    method, method.passesPerStep(only(method, parameters)), times.get(m), passes[m] / steps));
        }
        return results;
    }

    /**
     * The work the pass runner has done, in passes on the whole batch: examples that went through a
     * forward-backward pass, plus a third of those that went through a gradient-free forward (a
     * backward taken as twice a forward), over the batch size.
     */
    private static double passes(GradientPass pass, ArrayBatch batch) {
        return (pass.passExamples() + pass.forwardExamples() / 3.0) / batch.size();
    }

    private static TrainingStep build(
            SamMethod method,
            Map<String, Double> parameters,
            GradientPass pass,
            Supplier<Optimizer> optimizers,
            WeightDecay decay,
            NDManager manager,
            int stepsPerEpoch) {
        StepSettings own = new StepSettings(pass, optimizers.get(), manager, decay, 0, EPOCHS, stepsPerEpoch);
        return method.build(own, only(method, parameters));
    }

    private static Map<String, Double> only(SamMethod method, Map<String, Double> parameters) {
        Map<String, Double> own = new LinkedHashMap<>();
        parameters.forEach((name, value) -> {
            if (method.parameter(name) != null) {
                own.put(name, value);
            }
        });
        return own;
    }
}
