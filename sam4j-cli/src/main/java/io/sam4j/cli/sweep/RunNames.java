package io.sam4j.cli.sweep;

import java.util.Map;
import java.util.StringJoiner;

/** Readable, file-system-safe run names: {@code sam-sam_rho-0.05_seed-1}. */
public final class RunNames {

    /** The name of a run when no axis applies to it (every axis collapsed). */
    public static final String SINGLE = "run";

    private RunNames() {}

    /** Returns {@code axis-value} pairs joined by {@code _}, with anything but letters, digits, '.', '+', '-' made '-'. */
    public static String of(Map<String, String> axisValues) {
        if (axisValues.isEmpty()) {
            return SINGLE;
        }
        StringJoiner name = new StringJoiner("_");
        axisValues.forEach((axis, value) -> name.add(safe(axis) + "-" + safe(value)));
        return name.toString();
    }

    private static String safe(String text) {
        return text.replaceAll("[^A-Za-z0-9.+-]", "-");
    }
}
