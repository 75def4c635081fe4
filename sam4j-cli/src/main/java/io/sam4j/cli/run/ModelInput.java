package io.sam4j.cli.run;

import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a model is built for: the shape of one example, the number of classes, and the input shapes it
 * is initialized with. Recorded in a run's provenance, so that the model of a run can be rebuilt (for
 * {@code export}, {@code --init-from}) without loading its data.
 *
 * @param example the shape of one example, e.g. {@code (1, 28, 28)}
 * @param classes the number of classes
 * @param initialization the shapes of the inputs to initialize the model with
 */
public record ModelInput(Shape example, int classes, Shape[] initialization) {

    /** The key of this record in the provenance's data facts. */
    public static final String KEY = "model_input";

    /** Checks the values and copies the array. */
    public ModelInput {
        Objects.requireNonNull(example, "example");
        if (classes < 1) {
            throw new IllegalArgumentException("classes must be at least 1, got " + classes);
        }
        if (initialization == null || initialization.length == 0) {
            throw new IllegalArgumentException("at least one initialization shape is needed");
        }
        initialization = initialization.clone();
    }

    /** Returns the input of a run's data. */
    public static ModelInput of(TaskData data) {
        return new ModelInput(data.exampleShape(), data.numClasses(), data.initializationShapes());
    }

    /** Returns a copy of the initialization shapes. */
    @Override
    public Shape[] initialization() {
        return initialization.clone();
    }

    /** Returns this record as JSON-ready values. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("example", example.getShape());
        json.put("classes", classes);
        json.put(
                "initialization",
                Arrays.stream(initialization).map(Shape::getShape).toList());
        return json;
    }

    /**
     * Reads the record written by {@link #toJson()}.
     *
     * @throws IllegalArgumentException if a value is missing or malformed
     */
    @SuppressWarnings("unchecked")
    public static ModelInput fromJson(Map<String, Object> json) {
        try {
            Shape example = shape((List<Number>) json.get("example"));
            int classes = ((Number) json.get("classes")).intValue();
            List<List<Number>> init = (List<List<Number>>) json.get("initialization");
            return new ModelInput(
                    example, classes, init.stream().map(ModelInput::shape).toArray(Shape[]::new));
        } catch (ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException("malformed " + KEY + " " + json, e);
        }
    }

    private static Shape shape(List<Number> dims) {
        return new Shape(dims.stream().mapToLong(Number::longValue).toArray());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelInput other
                && example.equals(other.example)
                && classes == other.classes
                && Arrays.equals(initialization, other.initialization);
    }

    @Override
    public int hashCode() {
        return Objects.hash(example, classes, Arrays.hashCode(initialization));
    }

    @Override
    public String toString() {
        return "ModelInput[example=" + example + ", classes=" + classes + ", initialization="
                + Arrays.toString(initialization) + "]";
    }
}
