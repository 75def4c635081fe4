package io.sam4j.analysis.landscape;

import java.util.Locale;

/**
 * What a filter-normalized direction does with one-dimensional parameters (biases and BatchNorm's γ and
 * β), which have no filters to normalize.
 */
public enum IgnoreMode {
    /**
     * Zero them in the direction, so the scan leaves biases and BatchNorm parameters at their trained
     * values (Li et al.'s {@code --xignore biasbn}, the usual choice).
     */
    BIASBN,
    /**
     * Set them to the parameter's own value, so the direction scales them (Li et al.'s code does this
     * when they are not ignored: the direction entry becomes a copy of the weight).
     */
    NONE;

    /** Parses {@code biasbn} or {@code none}, ignoring case. */
    public static IgnoreMode parse(String text) {
        for (IgnoreMode mode : values()) {
            if (mode.name().equalsIgnoreCase(text)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("must be biasbn or none but was '" + text + "'");
    }

    /** Returns the lower-case name used on the command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
