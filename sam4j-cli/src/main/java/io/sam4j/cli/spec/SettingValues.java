package io.sam4j.cli.spec;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Values of {@link Settings}, each with its {@link Origin}; immutable. Unset settings read as their
 * declared default.
 */
public final class SettingValues {

    /** One value and where it came from. */
    public record Entry(Object value, Origin origin) {}

    private static final SettingValues EMPTY = new SettingValues(Map.of());

    private final Map<Setting<?>, Entry> entries;

    private SettingValues(Map<Setting<?>, Entry> entries) {
        this.entries = Collections.unmodifiableMap(entries);
    }

    /** Returns no values: every setting at its default. */
    public static SettingValues empty() {
        return EMPTY;
    }

    /** Returns the value of {@code setting}: the one set, else its default (possibly null). */
    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> setting) {
        Entry entry = entries.get(setting);
        return entry == null ? setting.defaultValue() : (T) entry.value();
    }

    /** Returns where the value of {@code setting} came from. */
    public Origin origin(Setting<?> setting) {
        Entry entry = entries.get(setting);
        return entry == null ? Origin.DEFAULT : entry.origin();
    }

    /** Returns whether {@code setting} was set (by anything but its default). */
    public boolean isSet(Setting<?> setting) {
        return entries.containsKey(setting);
    }

    /** Returns the set entries, in the order they were set. */
    public Map<Setting<?>, Entry> entries() {
        return entries;
    }

    /** Returns the entry of {@code setting}, if set. */
    public Optional<Entry> entry(Setting<?> setting) {
        return Optional.ofNullable(entries.get(setting));
    }

    /**
     * Returns these values with {@code setting} set to {@code value}, checked as the flag's text would be
     * (so a value set by code, e.g. a {@code demo} option, obeys the setting's bounds).
     *
     * @throws io.sam4j.cli.UserError naming the setting when the value is out of its bounds
     */
    public <T> SettingValues with(Setting<T> setting, T value, Origin origin) {
        T checked = setting.parse(setting.type().format(value), origin);
        Map<Setting<?>, Entry> copy = new LinkedHashMap<>(entries);
        copy.put(setting, new Entry(checked, origin));
        return new SettingValues(copy);
    }

    /** Returns these values with {@code setting} back at its default. */
    public SettingValues without(Setting<?> setting) {
        Map<Setting<?>, Entry> copy = new LinkedHashMap<>(entries);
        copy.remove(setting);
        return new SettingValues(copy);
    }

    /** Returns these values with {@code setting}'s entry replaced by {@code entry}. */
    public SettingValues with(Setting<?> setting, Entry entry) {
        Map<Setting<?>, Entry> copy = new LinkedHashMap<>(entries);
        copy.put(setting, entry);
        return new SettingValues(copy);
    }

    /** Returns these values overlaid by {@code stronger}'s. */
    public SettingValues overlaidBy(SettingValues stronger) {
        Map<Setting<?>, Entry> copy = new LinkedHashMap<>(entries);
        copy.putAll(stronger.entries);
        return new SettingValues(copy);
    }

    /** Returns only the settings for which {@code keep} holds. */
    public SettingValues filter(Predicate<Setting<?>> keep) {
        Map<Setting<?>, Entry> copy = new LinkedHashMap<>();
        entries.forEach((s, e) -> {
            if (keep.test(s)) {
                copy.put(s, e);
            }
        });
        return new SettingValues(copy);
    }

    /**
     * Writes every setting (defaults included, unset ones left out) under its name, in declaration
     * order: the {@code config.json} record of a run.
     */
    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        for (Setting<?> setting : Settings.ALL) {
            Object value = get(setting);
            if (value != null) {
                node.set(setting.name(), setting.toJson(value));
            }
        }
        return node;
    }

    /** Builds values from name → entry (a config file's keys, a preset). */
    static SettingValues of(Map<Setting<?>, Entry> entries) {
        return new SettingValues(new LinkedHashMap<>(entries));
    }
}
