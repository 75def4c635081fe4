package io.sam4j.core.sam;

import io.sam4j.core.util.Checks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a method's authors ran it with, and what they searched: the defaults that differ from a
 * parameter's shared default (ASAM's ρ 0.5, not SAM's 0.05), and a small tuning grid for {@code sam4j
 * compare}, each with where it comes from (a repository and file, or a paper's table).
 *
 * @param defaults this method's own defaults, by parameter name; the others keep the parameter's
 * @param source where the defaults come from, one line
 * @param grid the tuning grid's points, each a map of parameter values (missing ones take the
 *     defaults); empty: the method is not tuned, its one point is its defaults
 * @param gridSource where the grid's values come from, one line
 */
public record AuthorSettings(
        Map<String, Double> defaults, String source, List<Map<String, Double>> grid, String gridSource) {

    /** A method with no own defaults and no grid (the base optimizer alone). */
    public static final AuthorSettings NONE = new AuthorSettings(Map.of(), "—", List.of(), "—");

    public AuthorSettings {
        defaults = Collections.unmodifiableMap(new LinkedHashMap<>(defaults));
        grid = grid.stream()
                .map(p -> Collections.unmodifiableMap(new LinkedHashMap<>(p)))
                .toList();
        Checks.checkArgument(source != null && !source.isBlank(), "author settings need a source");
        Checks.checkArgument(gridSource != null && !gridSource.isBlank(), "a tuning grid needs a source");
    }

    /** Starts the settings of a method, citing {@code source}. */
    public static Builder from(String source) {
        return new Builder(source);
    }

    /** Declares {@link AuthorSettings}. */
    public static final class Builder {
        private final String source;
        private final Map<String, Double> defaults = new LinkedHashMap<>();

        private Builder(String source) {
            this.source = source;
        }

        /** Sets this method's default of {@code parameter}. */
        public Builder set(String parameter, double value) {
            defaults.put(parameter, value);
            return this;
        }

        /**
         * Finishes with a grid over one parameter.
         *
         * @param gridSource where the values come from
         */
        public AuthorSettings grid(String gridSource, String parameter, double... values) {
            List<Map<String, Double>> points = new ArrayList<>();
            for (double v : values) {
                points.add(Map.of(parameter, v));
            }
            return new AuthorSettings(defaults, source, points, gridSource);
        }

        /** Finishes with a grid of explicit points (several parameters per point). */
        @SafeVarargs
        public final AuthorSettings points(String gridSource, Map<String, Double>... points) {
            return new AuthorSettings(defaults, source, List.of(points), gridSource);
        }
    }
}
