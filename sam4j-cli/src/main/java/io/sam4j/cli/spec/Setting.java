package io.sam4j.cli.spec;

import com.fasterxml.jackson.databind.JsonNode;
import io.sam4j.cli.UserError;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * One training setting, declared once: its name (the {@code --name} flag, the YAML and
 * {@code config.json} key, the sweep axis), its type, default and help line, whether it may change
 * when a run is resumed, and when it applies at all.
 *
 * <p>{@link Settings} holds the declarations; the {@code train} command's options, the config-file
 * reader, the sweep's axes, the resume rules and the README's flag table are all made from them.
 *
 * @param <T> the value's type
 */
public final class Setting<T> {

    /** Sections of the help and of the README table. */
    public enum Group {
        DATA("Data"),
        MODEL("Model"),
        OPTIMIZATION("Optimization"),
        SAM("SAM"),
        RUN("Run");

        private final String title;

        Group(String title) {
            this.title = title;
        }

        /** Returns the section's title. */
        public String title() {
            return title;
        }
    }

    private final String name;
    private final ValueType<T> type;
    private final T defaultValue;
    private final String defaultText;
    private final String help;
    private final String paramLabel;
    private final Group group;
    private final boolean resumable;
    private final boolean axis;
    private final Predicate<RunSpec> appliesTo;

    private Setting(Builder<T> builder) {
        this.name = builder.name;
        this.type = builder.type;
        this.defaultValue = builder.defaultValue;
        this.defaultText = builder.defaultText != null
                ? builder.defaultText
                : builder.defaultValue == null ? null : type.format(builder.defaultValue);
        this.help = Objects.requireNonNull(builder.help, () -> "setting " + builder.name + " has no help line");
        this.paramLabel = builder.paramLabel;
        this.group = Objects.requireNonNull(builder.group, () -> "setting " + builder.name + " has no group");
        this.resumable = builder.resumable;
        this.axis = builder.axis;
        this.appliesTo = builder.appliesTo;
    }

    /** Starts the declaration of a setting named {@code name} (no dashes) of type {@code type}. */
    public static <T> Builder<T> builder(String name, ValueType<T> type) {
        return new Builder<>(name, type);
    }

    /** Returns the name: the flag without dashes, the YAML and config.json key. */
    public String name() {
        return name;
    }

    /** Returns {@code --name}. */
    public String flag() {
        return "--" + name;
    }

    public ValueType<T> type() {
        return type;
    }

    /** Returns the default, or null when there is none (the setting is then unset or derived). */
    public T defaultValue() {
        return defaultValue;
    }

    /** Returns the default as the help shows it, or null. */
    public String defaultText() {
        return defaultText;
    }

    public String help() {
        return help;
    }

    /** Returns the help line with its default: what {@code --help} and the README show. */
    public String description() {
        return defaultText == null ? help : help + " (default: " + defaultText + ")";
    }

    /** Returns the parameter label of {@code --help}, e.g. {@code N} or {@code FILE}. */
    public String paramLabel() {
        return paramLabel != null ? paramLabel : type.isBoolean() ? "" : name.toUpperCase(Locale.ROOT);
    }

    public Group group() {
        return group;
    }

    /** Returns whether {@code train --resume} may change it. */
    public boolean resumable() {
        return resumable;
    }

    /** Returns whether a sweep may vary it. */
    public boolean axis() {
        return axis;
    }

    /** Returns whether the setting changes a run of that spec (a sweep collapses axes that do not). */
    public boolean appliesTo(RunSpec spec) {
        return appliesTo.test(spec);
    }

    /**
     * Parses a flag's or axis's text.
     *
     * @throws UserError naming the flag (or file and line) and what is wrong
     */
    public T parse(String text, Origin origin) {
        try {
            return type.parse(text);
        } catch (IllegalArgumentException e) {
            throw error(origin, e);
        }
    }

    /**
     * Reads a config-file or recorded value.
     *
     * @throws UserError naming the file, key and line and what is wrong
     */
    public T fromJson(JsonNode node, Origin origin) {
        try {
            return type.fromJson(node);
        } catch (IllegalArgumentException e) {
            throw error(origin, e);
        }
    }

    /** Writes {@code value} (of this setting's type) as command-line text. */
    @SuppressWarnings("unchecked")
    public String format(Object value) {
        return type.format((T) value);
    }

    /** Writes {@code value} (of this setting's type) for config.json. */
    @SuppressWarnings("unchecked")
    public JsonNode toJson(Object value) {
        return type.toJson((T) value);
    }

    private UserError error(Origin origin, IllegalArgumentException e) {
        // Range errors read "--rho must be ..." while kind errors read "rho: expected ...".
        String message = e.getMessage();
        String subject = origin.subject(this);
        String glue = message.startsWith("must ") && origin.kind() != Origin.Kind.FILE ? " " : ": ";
        return new UserError(subject + glue + message + origin.suffix());
    }

    @Override
    public String toString() {
        return flag();
    }

    /** Declares a setting; see {@link Setting#builder}. */
    public static final class Builder<T> {
        private final String name;
        private final ValueType<T> type;
        private T defaultValue;
        private String defaultText;
        private String help;
        private String paramLabel;
        private Group group;
        private boolean resumable;
        private boolean axis = true;
        private Predicate<RunSpec> appliesTo = spec -> true;

        private Builder(String name, ValueType<T> type) {
            this.name = Objects.requireNonNull(name, "name");
            this.type = Objects.requireNonNull(type, "type");
        }

        /** Sets the default value. */
        public Builder<T> optDefault(T value) {
            this.defaultValue = value;
            return this;
        }

        /** Describes a default that is derived rather than fixed, e.g. "AdamW: optimizer; else loss". */
        public Builder<T> optDefaultText(String text) {
            this.defaultText = text;
            return this;
        }

        /** Sets the one-line help, without the default. */
        public Builder<T> setHelp(String text) {
            this.help = text;
            return this;
        }

        /** Sets the parameter label of {@code --help}. */
        public Builder<T> optParamLabel(String label) {
            this.paramLabel = label;
            return this;
        }

        /** Sets the help section. */
        public Builder<T> setGroup(Group value) {
            this.group = value;
            return this;
        }

        /** Lets {@code train --resume} change the setting (it does not change what is trained). */
        public Builder<T> optResumable() {
            this.resumable = true;
            return this;
        }

        /** Keeps the setting off sweep axes (e.g. lists, or settings that would not change a result). */
        public Builder<T> optNoAxis() {
            this.axis = false;
            return this;
        }

        /** Says when the setting changes a run; a sweep drops the axis elsewhere. */
        public Builder<T> optAppliesTo(Predicate<RunSpec> rule) {
            this.appliesTo = rule;
            return this;
        }

        /** Returns the declaration. */
        public Setting<T> build() {
            return new Setting<>(this);
        }
    }
}
