package io.sam4j.report.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** Reading of JSON written by other commands: a value that may be absent, a number or null. */
final class JsonValues {

    private JsonValues() {}

    /** Returns the first of {@code names} that {@code node} has with a non-null value (one name: that key). */
    static Optional<JsonNode> first(JsonNode node, String... names) {
        if (node == null || !node.isObject()) {
            return Optional.empty();
        }
        for (String name : names) {
            JsonNode value = node.get(name);
            if (value != null && !value.isNull() && !value.isMissingNode()) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    /** Returns the number, NaN for null, missing or non-numeric values. */
    static double number(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return Double.NaN;
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (node.isTextual()) {
            try {
                return Double.parseDouble(node.asText());
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    /** Returns a flat array of numbers, or null when {@code node} is not an array of scalars. */
    static double[] vector(JsonNode node) {
        if (node == null || !node.isArray()) {
            return null;
        }
        double[] out = new double[node.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = node.get(i);
            if (v.isContainerNode()) {
                return null;
            }
            out[i] = number(v);
        }
        return out;
    }

    /** Returns an array of rows: a nested array as it is, a flat array as one row; null otherwise. */
    static double[][] rows(JsonNode node) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            return null;
        }
        if (!node.get(0).isArray()) {
            double[] flat = vector(node);
            return flat == null ? null : new double[][] {flat};
        }
        double[][] out = new double[node.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = vector(node.get(i));
            if (out[i] == null) {
                return null;
            }
        }
        return out;
    }
}
