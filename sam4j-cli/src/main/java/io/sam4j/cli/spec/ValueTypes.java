package io.sam4j.cli.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.sam4j.core.util.Suggestions;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.LongFunction;

/** The implementations of {@link ValueType}. */
public final class ValueTypes {

    private ValueTypes() {}

    static String kindOf(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "nothing";
        } else if (node.isArray()) {
            return "a list";
        } else if (node.isObject()) {
            return "a mapping";
        } else if (node.isBoolean()) {
            return "true/false";
        } else if (node.isNumber()) {
            return "the number " + node.asText();
        }
        return "'" + node.asText() + "'";
    }

    /** A whole number in [min, max], boxed as {@code Integer} or {@code Long}. */
    static final class WholeType<T extends Number> implements ValueType<T> {
        private final long min;
        private final long max;
        private final LongFunction<T> box;

        WholeType(long min, long max, LongFunction<T> box) {
            this.min = min;
            this.max = max;
            this.box = box;
        }

        @Override
        public T parse(String text) {
            long value;
            try {
                value = new BigDecimal(text.trim()).longValueExact();
            } catch (NumberFormatException | ArithmeticException e) {
                throw new IllegalArgumentException("expected a whole number but got '" + text + "'");
            }
            if (value < min) {
                throw new IllegalArgumentException("must be >= " + min + " but was " + value);
            }
            if (value > max) {
                throw new IllegalArgumentException("must be <= " + max + " but was " + value);
            }
            return box.apply(value);
        }

        @Override
        public T fromJson(JsonNode node) {
            if (node.isIntegralNumber() || node.isTextual()) {
                return parse(node.asText());
            }
            throw new IllegalArgumentException("expected a whole number but got " + kindOf(node));
        }

        @Override
        public JsonNode toJson(T value) {
            return JsonNodeFactory.instance.numberNode(value.longValue());
        }

        @Override
        public Form form() {
            return Form.WHOLE;
        }

        @Override
        public String describe() {
            return "a whole number";
        }
    }

    /** A finite number, optionally bounded; the bounds' wording matches the flags' errors. */
    public static final class DecimalType implements ValueType<Double> {
        private final double min;
        private final boolean minInclusive;
        private final double max;
        private final boolean maxInclusive;

        DecimalType(double min, boolean minInclusive, double max, boolean maxInclusive) {
            this.min = min;
            this.minInclusive = minInclusive;
            this.max = max;
            this.maxInclusive = maxInclusive;
        }

        /** At least {@code min}. */
        public DecimalType atLeast(double bound) {
            return new DecimalType(bound, true, max, maxInclusive);
        }

        /** Greater than {@code bound}. */
        public DecimalType above(double bound) {
            return new DecimalType(bound, false, max, maxInclusive);
        }

        /** At most {@code bound}. */
        public DecimalType atMost(double bound) {
            return new DecimalType(min, minInclusive, bound, true);
        }

        /** Less than {@code bound}. */
        public DecimalType below(double bound) {
            return new DecimalType(min, minInclusive, bound, false);
        }

        @Override
        public Double parse(String text) {
            double value;
            try {
                value = Double.parseDouble(text.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected a number but got '" + text + "'");
            }
            return check(value);
        }

        @Override
        public Double fromJson(JsonNode node) {
            if (node.isNumber() || node.isTextual()) {
                return parse(node.asText());
            }
            throw new IllegalArgumentException("expected a number but got " + kindOf(node));
        }

        @Override
        public JsonNode toJson(Double value) {
            return JsonNodeFactory.instance.numberNode(value);
        }

        @Override
        public String format(Double value) {
            BigDecimal number = BigDecimal.valueOf(value).stripTrailingZeros();
            return number.signum() == 0 ? "0" : number.toPlainString();
        }

        double check(double value) {
            boolean low = Double.isInfinite(min) ? false : minInclusive ? value < min : value <= min;
            boolean high = Double.isInfinite(max) ? false : maxInclusive ? value > max : value >= max;
            if (!Double.isFinite(value) || low || high || Double.isNaN(value)) {
                throw new IllegalArgumentException("must be " + range() + " but was " + value);
            }
            return value;
        }

        private String range() {
            boolean bounded = !Double.isInfinite(min) && !Double.isInfinite(max);
            if (bounded) {
                return "in " + (minInclusive ? "[" : "(") + plain(min) + ", " + plain(max) + (maxInclusive ? "]" : ")");
            } else if (!Double.isInfinite(min)) {
                return (minInclusive ? ">= " : "> ") + plain(min);
            } else if (!Double.isInfinite(max)) {
                return (maxInclusive ? "<= " : "< ") + plain(max);
            }
            return "a finite number";
        }

        private static String plain(double bound) {
            return bound == Math.rint(bound) ? String.valueOf((long) bound) : String.valueOf(bound);
        }

        @Override
        public Form form() {
            return Form.DECIMAL;
        }

        @Override
        public String describe() {
            return "a number";
        }
    }

    static final class BooleanType implements ValueType<Boolean> {
        @Override
        public Boolean parse(String text) {
            String lower = text.trim().toLowerCase(Locale.ROOT);
            if (lower.equals("true") || lower.equals("false")) {
                return Boolean.valueOf(lower);
            }
            throw new IllegalArgumentException("expected true or false but got '" + text + "'");
        }

        @Override
        public Boolean fromJson(JsonNode node) {
            if (node.isBoolean()) {
                return node.booleanValue();
            }
            throw new IllegalArgumentException("expected true or false but got " + kindOf(node));
        }

        @Override
        public JsonNode toJson(Boolean value) {
            return JsonNodeFactory.instance.booleanNode(value);
        }

        @Override
        public Form form() {
            return Form.BOOLEAN;
        }

        @Override
        public String describe() {
            return "true or false";
        }

        @Override
        public boolean isBoolean() {
            return true;
        }
    }

    static final class ChoiceType<E extends Enum<E>> implements ValueType<E> {
        private final Class<E> type;

        ChoiceType(Class<E> type) {
            this.type = type;
        }

        @Override
        public E parse(String text) {
            String wanted = text.trim().toLowerCase(Locale.ROOT);
            for (E constant : type.getEnumConstants()) {
                if (format(constant).equals(wanted)) {
                    return constant;
                }
            }
            throw new IllegalArgumentException(
                    "must be " + describe() + " but was '" + text + "'" + Suggestions.didYouMean(text, names()));
        }

        @Override
        public String format(E value) {
            return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        List<String> names() {
            return Arrays.stream(type.getEnumConstants()).map(this::format).toList();
        }

        @Override
        public String describe() {
            return "one of " + String.join(", ", names());
        }
    }

    static final class DecimalListType implements ValueType<List<Double>> {
        private final DecimalType element;

        DecimalListType(DecimalType element) {
            this.element = element;
        }

        @Override
        public List<Double> parse(String text) {
            List<Double> values = new ArrayList<>();
            for (String part : text.split(",", -1)) {
                values.add(element.parse(part));
            }
            return List.copyOf(values);
        }

        @Override
        public List<Double> fromJson(JsonNode node) {
            if (!node.isArray()) {
                if (node.isValueNode() && !node.isNull()) {
                    return parse(node.asText());
                }
                throw new IllegalArgumentException("expected a list of numbers but got " + kindOf(node));
            }
            List<Double> values = new ArrayList<>();
            for (JsonNode item : node) {
                values.add(element.fromJson(item));
            }
            return List.copyOf(values);
        }

        @Override
        public JsonNode toJson(List<Double> value) {
            var array = JsonNodeFactory.instance.arrayNode();
            value.forEach(array::add);
            return array;
        }

        @Override
        public String format(List<Double> value) {
            return String.join(",", value.stream().map(element::format).toList());
        }

        @Override
        public Form form() {
            return Form.LIST;
        }

        @Override
        public String describe() {
            return "a comma-separated list of numbers";
        }
    }

    static final class MappedType<T> implements ValueType<T> {
        private final String description;
        private final Function<String, T> parser;
        private final Function<T, String> formatter;

        MappedType(String description, Function<String, T> parser, Function<T, String> formatter) {
            this.description = description;
            this.parser = parser;
            this.formatter = formatter;
        }

        @Override
        public T parse(String text) {
            String trimmed = text.trim();
            if (trimmed.isEmpty()) {
                throw new IllegalArgumentException("expected " + description + " but got an empty value");
            }
            return parser.apply(trimmed);
        }

        @Override
        public String format(T value) {
            return formatter.apply(value);
        }

        @Override
        public String describe() {
            return description;
        }
    }

    static final class PathType implements ValueType<Path> {
        @Override
        public Path parse(String text) {
            if (text.isBlank()) {
                throw new IllegalArgumentException("expected a path but got an empty value");
            }
            return Path.of(text.trim()).normalize();
        }

        @Override
        public String describe() {
            return "a path";
        }

        @Override
        public Form form() {
            return Form.PATH;
        }
    }
}
