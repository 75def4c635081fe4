package io.sam4j.report.model;

import io.sam4j.core.run.RunKeys;
import io.sam4j.core.sam.SamMethod;
import io.sam4j.core.sam.SamMethods;
import io.sam4j.report.run.RunRecord;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A run's cost in forward-backward passes per training step: what a step computes, unlike its
 * wall-clock time, which other load on the machine changes.
 *
 * <p>For a method whose steps are all alike (SGD 1, SAM 2, LookSAM 1 + 1/k, ESAM 1 + 1/3 + γ) it is the
 * catalog's formula ({@link SamMethod#passesPerStep}) for the run's recorded parameters. A method that
 * chooses per step between a SAM step (2 passes) and a base step (1) counts the SAM steps it took: their
 * perturbation has ‖ε‖ = ρ exactly (ε = ρ·g/‖g‖) and a base step reports ‖ε‖ = 0, so an epoch's mean
 * {@code eps_norm} divided by ρ is its share of SAM steps, and epochs have equal numbers of steps. When
 * the run did not log {@code eps_norm}, the catalog's expected value stands in.
 *
 * @param perStep passes per step, NaN when unknown
 * @param source where the figure comes from
 */
public record PassCount(double perStep, Source source) {

    /** The methods that choose SAM or base steps as they go, with SAM's ρ-norm perturbation. */
    static final Set<String> COUNTED = Set.of("rst", "late-sam", "ae-sam", "ae-looksam");

    /** Where a pass count comes from. */
    public enum Source {
        /** The catalog's formula: the method's steps are all alike. */
        CATALOG,
        /** The run's own record: SAM steps counted from eps_norm. */
        COUNTED,
        /** The catalog's expected value for a method that chooses per step, the run having no eps_norm. */
        EXPECTED,
        /** Neither: no config, or a method this sam4j does not know. */
        UNKNOWN
    }

    /** Returns the pass count of {@code run}. */
    public static PassCount of(RunRecord run) {
        String sam = run.configText(SamMethodKeys.METHOD);
        if (sam.isEmpty()) {
            return new PassCount(Double.NaN, Source.UNKNOWN);
        }
        SamMethod method;
        try {
            method = SamMethods.named(sam);
        } catch (IllegalArgumentException unknown) {
            return new PassCount(Double.NaN, Source.UNKNOWN);
        }
        if (COUNTED.contains(sam)) {
            double share = samShare(run);
            if (Double.isFinite(share)) {
                return new PassCount(1 + share, Source.COUNTED);
            }
        }
        Map<String, Double> given = new LinkedHashMap<>();
        for (String p : method.names()) {
            double v = run.configNumber(p);
            if (Double.isFinite(v)) {
                given.put(p, v);
            }
        }
        try {
            return new PassCount(method.passesPerStep(given), COUNTED.contains(sam) ? Source.EXPECTED : Source.CATALOG);
        } catch (IllegalArgumentException outOfBounds) {
            return new PassCount(Double.NaN, Source.UNKNOWN);
        }
    }

    /** Returns the share of SAM steps over the run's epochs, NaN when an epoch lacks eps_norm or ρ is not > 0. */
    static double samShare(RunRecord run) {
        double rho = run.configNumber("rho");
        double[] eps = run.series(RunKeys.Metrics.EPS_NORM);
        if (!(rho > 0) || eps.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (double e : eps) {
            if (!Double.isFinite(e)) {
                return Double.NaN;
            }
            sum += e;
        }
        // ‖ε‖ is ρ up to float rounding (ρ is a float in the step): clip to [0, 1].
        return Math.max(0, Math.min(1, sum / eps.length / rho));
    }
}
