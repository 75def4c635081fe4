package io.sam4j.core.sam;

import io.sam4j.core.train.TrainingStep;
import io.sam4j.core.util.Checks;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * A training-step method of the {@link SamMethods catalog}: its name as {@code --sam} takes it, its
 * parameters, its cost and its paper, and the factory that builds its {@link TrainingStep}.
 *
 * @param name the name ({@code "sam"}, {@code "looksam"})
 * @param summary one line on what it does
 * @param parameters its parameters, in the order a listing shows them
 * @param cost forward-backward passes per step, as a formula in the parameters' names ("1 + 1/k")
 * @param passesPerStep the same formula, evaluated for given values
 * @param reference the paper
 * @param factory builds the step from the common settings and resolved values
 */
public record SamMethod(
        String name,
        String summary,
        List<SamParameter> parameters,
        String cost,
        ToDoubleFunction<Values> passesPerStep,
        String reference,
        Factory factory) {

    /** Builds a method's step. */
    @FunctionalInterface
    public interface Factory {
        /**
         * @param settings the common settings
         * @param values every parameter's value, validated
         */
        TrainingStep build(StepSettings settings, Values values);
    }

    public SamMethod {
        parameters = List.copyOf(parameters);
        long distinct = parameters.stream().map(SamParameter::name).distinct().count();
        Checks.checkArgument(distinct == parameters.size(), "method %s names a parameter twice", name);
    }

    /** Returns the parameter {@code name}, or null if this method has none of that name. */
    public SamParameter parameter(String name) {
        return parameters.stream()
                .filter(p -> p.name().equals(name))
                .findFirst()
                .orElse(null);
    }

    /**
     * Resolves given values against this method's parameters: defaults fill what is not given.
     *
     * @param given values by parameter name; every name must be one of this method's
     * @throws IllegalArgumentException in one line for an unknown name or a value out of bounds
     */
    public Values resolve(Map<String, ? extends Number> given) {
        for (String key : given.keySet()) {
            if (parameter(key) == null) {
                throw new IllegalArgumentException("method " + name + " has no parameter " + key
                        + (parameters.isEmpty() ? " (it has none)" : " (it takes " + String.join(", ", names()) + ")"));
            }
        }
        Map<String, Double> values = new LinkedHashMap<>();
        for (SamParameter p : parameters) {
            Number value = given.get(p.name());
            values.put(p.name(), value == null ? p.defaultValue() : p.validate(value.doubleValue()));
        }
        return new Values(name, values);
    }

    /** Returns the parameters' names. */
    public List<String> names() {
        return parameters.stream().map(SamParameter::name).toList();
    }

    /**
     * Builds this method's step.
     *
     * @param given parameter values by name (missing ones take their defaults)
     * @throws IllegalArgumentException in one line for a bad value or a setting the method cannot use
     */
    public TrainingStep build(StepSettings settings, Map<String, ? extends Number> given) {
        return factory.build(settings, resolve(given));
    }

    /** Returns the passes per step for the given values (defaults for the rest). */
    public double passesPerStep(Map<String, ? extends Number> given) {
        return passesPerStep.applyAsDouble(resolve(given));
    }

    /**
     * A method's resolved parameter values.
     *
     * @param method the method's name
     * @param values every parameter's value, in declaration order
     */
    public record Values(String method, Map<String, Double> values) {

        public Values {
            values = Map.copyOf(values);
        }

        /** Returns a decimal parameter's value. */
        public double decimal(String name) {
            Double v = values.get(name);
            Checks.checkArgument(v != null, "method %s has no parameter %s", method, name);
            return v;
        }

        /** Returns an integer parameter's value. */
        public int integer(String name) {
            return Math.toIntExact(Math.round(decimal(name)));
        }
    }
}
