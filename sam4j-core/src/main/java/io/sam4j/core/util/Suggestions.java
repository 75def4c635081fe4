package io.sam4j.core.util;

import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * "Did you mean ...?" hints for misspelt names (optimizers, models, datasets, options).
 *
 * <p>Matching is by case-insensitive Levenshtein distance. A candidate is only suggested when it is
 * close enough to be a plausible typo: distance at most {@code max(2, input.length() / 2)}; beyond
 * that a suggestion confuses more than it helps.
 */
public final class Suggestions {

    private Suggestions() {}

    /**
     * Returns the candidate nearest to {@code input}, if any is within the typo threshold. Ties go to
     * the longer common prefix, since people mistype the end of a name more often than its start
     * ({@code wrn-28} is 3 edits from both {@code wrn-16-8} and {@code wrn-28-10}, and means the
     * latter), then to the candidate met first, so results are stable for ordered collections.
     */
    public static Optional<String> closest(String input, Collection<String> candidates) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(candidates, "candidates");
        String needle = input.toLowerCase(Locale.ROOT);
        int threshold = Math.max(2, input.length() / 2);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        int bestPrefix = -1;
        for (String candidate : candidates) {
            if (candidate == null) {
                continue;
            }
            String lower = candidate.toLowerCase(Locale.ROOT);
            int distance = levenshtein(needle, lower);
            int prefix = commonPrefixLength(needle, lower);
            if (distance < bestDistance || (distance == bestDistance && prefix > bestPrefix)) {
                best = candidate;
                bestDistance = distance;
                bestPrefix = prefix;
            }
        }
        return bestDistance <= threshold ? Optional.of(best) : Optional.empty();
    }

    /**
     * Returns {@code " (did you mean 'x'?)"} for the closest candidate, or {@code ""} when none is
     * close, ready to append to an error message.
     */
    public static String didYouMean(String input, Collection<String> candidates) {
        return closest(input, candidates)
                .map(s -> " (did you mean '" + s + "'?)")
                .orElse("");
    }

    private static int commonPrefixLength(String a, String b) {
        int n = 0;
        while (n < a.length() && n < b.length() && a.charAt(n) == b.charAt(n)) {
            n++;
        }
        return n;
    }

    /** Edit distance with unit-cost insertions, deletions and substitutions, in O(min) memory. */
    static int levenshtein(String a, String b) {
        if (a.length() < b.length()) {
            return levenshtein(b, a);
        }
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
