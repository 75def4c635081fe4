package io.sam4j.cli.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * How one kind of setting value is read from a flag or a config file, checked, and written back.
 *
 * <p>Every path into a setting (a flag, a YAML or JSON key, a preset, a sweep axis, a recorded
 * {@code config.json}) goes through {@link #parse} or {@link #fromJson}, so a value is parsed once,
 * in one place, with one wording of its errors. Errors are {@link IllegalArgumentException}s whose
 * message completes "&lt;setting&gt; ...", e.g. {@code "must be >= 0 but was -0.1"}.
 *
 * @param <T> the parsed value's type
 */
public interface ValueType<T> {

    /** Parses command-line text. */
    T parse(String text);

    /** Reads a config-file value; the default reads scalars as their text and refuses the rest. */
    default T fromJson(JsonNode node) {
        if (node.isValueNode() && !node.isNull()) {
            return parse(node.asText());
        }
        throw new IllegalArgumentException("expected " + describe() + " but got " + ValueTypes.kindOf(node));
    }

    /** Writes the value for {@code config.json} (read back by {@link #fromJson}). */
    default JsonNode toJson(T value) {
        return JsonNodeFactory.instance.textNode(format(value));
    }

    /** Writes the value as command-line text (read back by {@link #parse}). */
    default String format(T value) {
        return String.valueOf(value);
    }

    /** What the type takes, for errors and help: "a number", "one of sgd, adam". */
    String describe();

    /** The shape of a value's text, for tools that handle values without parsing them (sweep axes). */
    enum Form {
        TEXT,
        WHOLE,
        DECIMAL,
        BOOLEAN,
        PATH,
        LIST
    }

    /** Returns the shape of the value's text. */
    default Form form() {
        return Form.TEXT;
    }

    /** Whether the value is a flag without argument ({@code --x} / {@code --no-x}). */
    default boolean isBoolean() {
        return false;
    }

    /** A whole number in [min, max]. */
    static ValueType<Integer> integer(int min, int max) {
        return new ValueTypes.WholeType<>(min, max, v -> (int) v);
    }

    /** A whole number of at least {@code min}. */
    static ValueType<Integer> integer(int min) {
        return integer(min, Integer.MAX_VALUE);
    }

    /** A 64-bit whole number (seeds). */
    static ValueType<Long> longInteger() {
        return new ValueTypes.WholeType<>(Long.MIN_VALUE, Long.MAX_VALUE, v -> v);
    }

    /** A finite number in a range; see {@link ValueTypes.DecimalType}. */
    static ValueTypes.DecimalType decimal() {
        return new ValueTypes.DecimalType(Double.NEGATIVE_INFINITY, true, Double.POSITIVE_INFINITY, true);
    }

    /** True or false; on the command line {@code --x} or {@code --no-x}. */
    static ValueType<Boolean> bool() {
        return new ValueTypes.BooleanType();
    }

    /** Any non-blank text, trimmed. */
    static ValueType<String> text() {
        return mapped("a text", s -> s, s -> s);
    }

    /** A file or directory path. */
    static ValueType<Path> path() {
        return new ValueTypes.PathType();
    }

    /** One of an enum's constants, written in lower case with '-' for '_'. */
    static <E extends Enum<E>> ValueType<E> choice(Class<E> type) {
        return new ValueTypes.ChoiceType<>(type);
    }

    /** A comma-separated list of numbers of {@code element}'s kind. */
    static ValueType<List<Double>> decimals(ValueTypes.DecimalType element) {
        return new ValueTypes.DecimalListType(element);
    }

    /**
     * Text parsed by {@code parser} (whose {@link IllegalArgumentException} messages are kept) and
     * written back by {@code formatter}; the value is trimmed and must not be blank.
     */
    static <T> ValueType<T> mapped(String description, Function<String, T> parser, Function<T, String> formatter) {
        return new ValueTypes.MappedType<>(description, parser, formatter);
    }
}
