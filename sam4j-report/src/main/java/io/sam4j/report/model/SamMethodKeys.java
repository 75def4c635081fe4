package io.sam4j.report.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The training-step methods a run's {@code sam} setting names and the config keys of each method's
 * parameters, in the order of sam4j-core's catalog ({@code io.sam4j.core.sam.SamMethods}).
 *
 * <p>The report reads run directories without the core (and its native engine) on the class path, so it
 * keeps this copy of the names; a test in sam4j-cli, which has both, checks that it equals the catalog.
 * A run's config.json records every setting, so a base run also carries (default) values of parameters
 * it does not use: pairing a method with its base must ignore all of them.
 */
public final class SamMethodKeys {

    /** The config key that names the method. */
    public static final String METHOD = "sam";

    /** The base optimizer alone. */
    public static final String NONE = "none";

    /** Each method's parameter keys, in catalog order. */
    public static final Map<String, List<String>> PARAMETERS = parameters();

    private SamMethodKeys() {}

    private static Map<String, List<String>> parameters() {
        Map<String, List<String>> p = new LinkedHashMap<>();
        p.put(NONE, List.of());
        p.put("sam", List.of("rho", "m"));
        p.put("asam", List.of("rho", "eta", "m"));
        p.put("rst", List.of("p", "rho", "m"));
        p.put("looksam", List.of("k", "looksam-alpha", "rho"));
        p.put("late-sam", List.of("sam-start", "rho", "m"));
        p.put("ae-sam", List.of("ae-delta", "ae-lambda-start", "ae-lambda-end", "rho"));
        p.put("ae-looksam", List.of("ae-delta", "ae-lambda-start", "ae-lambda-end", "looksam-alpha", "rho"));
        p.put("esam", List.of("esam-beta", "esam-gamma", "rho"));
        p.put("msam", List.of("rho", "msam-bn-recalibrate"));
        p.put("gsam", List.of("gsam-alpha", "rho", "gsam-rho-min", "m"));
        p.put("fsam", List.of("fsam-sigma", "fsam-lambda", "rho"));
        p.put("sam-on", List.of("rho", "m"));
        return Collections.unmodifiableMap(p);
    }

    /** Returns the method key and every method's parameter keys: what differs between a method and its base. */
    public static Set<String> all() {
        Set<String> keys = new LinkedHashSet<>();
        keys.add(METHOD);
        PARAMETERS.values().forEach(keys::addAll);
        return Set.copyOf(keys);
    }

    /** Returns the parameter keys of {@code method}; empty for a method this report does not know. */
    public static List<String> parametersOf(String method) {
        return PARAMETERS.getOrDefault(method, List.of());
    }

    /**
     * Returns the parameter keys that {@code method} ignores: those of the other methods. Empty for a
     * method this report does not know, so that none of its settings is hidden.
     */
    public static Set<String> ignoredBy(String method) {
        if (!PARAMETERS.containsKey(method)) {
            return Set.of();
        }
        Set<String> ignored = new LinkedHashSet<>(all());
        ignored.remove(METHOD);
        ignored.removeAll(PARAMETERS.get(method));
        return ignored;
    }

    /** Returns the method's position in the catalog, after every known method when unknown. */
    public static int order(String method) {
        List<String> names = new ArrayList<>(PARAMETERS.keySet());
        int i = names.indexOf(method);
        return i < 0 ? names.size() : i;
    }
}
