package io.sam4j.core.sam;

import io.sam4j.core.train.TrainingStep;
import io.sam4j.core.util.Checks;
import java.util.Collections;
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
 * @param authors the authors' settings: this method's own defaults and its tuning grid, with their
 *     sources
 */
public record SamMethod(
        String name,
        String summary,
        List<SamParameter> parameters,
        String cost,
        ToDoubleFunction<Values> passesPerStep,
        String reference,
        Factory factory,
        AuthorSettings authors) {

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
        for (var entry : authors.defaults().entrySet()) {
            SamParameter p = find(parameters, entry.getKey());
            Checks.checkArgument(p != null, "method %s: a default for %s, which it lacks", name, entry.getKey());
            p.validate(entry.getValue());
        }
        for (Map<String, Double> point : authors.grid()) {
            for (var entry : point.entrySet()) {
                SamParameter p = find(parameters, entry.getKey());
                Checks.checkArgument(p != null, "method %s: a grid value for %s, which it lacks", name, entry.getKey());
                p.validate(entry.getValue());
            }
        }
        Checks.checkArgument(
                authors.grid().stream().distinct().count() == authors.grid().size(),
                "method %s lists a grid point twice",
                name);
    }

    /** A method without settings of its own: every parameter at its shared default, no grid. */
    public SamMethod(
            String name,
            String summary,
            List<SamParameter> parameters,
            String cost,
            ToDoubleFunction<Values> passesPerStep,
            String reference,
            Factory factory) {
        this(name, summary, parameters, cost, passesPerStep, reference, factory, AuthorSettings.NONE);
    }

    /** Returns this method with the authors' settings {@code settings}. */
    public SamMethod withAuthors(AuthorSettings settings) {
        return new SamMethod(name, summary, parameters, cost, passesPerStep, reference, factory, settings);
    }

    /**
     * Returns this method's default of parameter {@code name}: the authors' when they set one, else the
     * parameter's shared default.
     *
     * @throws IllegalArgumentException if the method has no such parameter
     */
    public double defaultValue(String name) {
        SamParameter p = parameter(name);
        Checks.checkArgument(p != null, "method %s has no parameter %s", this.name, name);
        return authors.defaults().getOrDefault(name, p.defaultValue());
    }

    /**
     * Returns the tuning grid: each point's values for every parameter (defaults filled in), in declared
     * order; one point, the defaults, for a method without a grid.
     */
    public List<Map<String, Double>> tuningGrid() {
        if (authors.grid().isEmpty()) {
            return List.of(resolve(Map.of()).ordered(this));
        }
        return authors.grid().stream().map(p -> resolve(p).ordered(this)).toList();
    }

    private static SamParameter find(List<SamParameter> parameters, String name) {
        return parameters.stream()
                .filter(p -> p.name().equals(name))
                .findFirst()
                .orElse(null);
    }

    /** Returns the parameter {@code name}, or null if this method has none of that name. */
    public SamParameter parameter(String name) {
        return find(parameters, name);
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
            values.put(p.name(), value == null ? defaultValue(p.name()) : p.validate(value.doubleValue()));
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

        /** Returns the values in the order of {@code method}'s parameters. */
        public Map<String, Double> ordered(SamMethod method) {
            Map<String, Double> out = new LinkedHashMap<>();
            for (String name : method.names()) {
                out.put(name, decimal(name));
            }
            return Collections.unmodifiableMap(out);
        }
    }
}
