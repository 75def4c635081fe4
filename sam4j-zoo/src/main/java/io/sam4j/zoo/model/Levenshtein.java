package io.sam4j.zoo.model;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** Edit distance, for "did you mean" suggestions on mistyped model names. */
final class Levenshtein {

    private Levenshtein() {}

    /**
     * Returns the minimum number of single-character insertions, deletions and substitutions
     * turning {@code a} into {@code b}.
     */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] =
                        Math.min(
                                previous[j - 1] + substitution,
                                Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /**
     * Returns the candidate closest to {@code input}, unless even that one differs in more than
     * half of the input's characters (then a suggestion would confuse more than help). Ties go to
     * the longer common prefix, since people mistype the end of a name more often than its start:
     * {@code wrn-28} is 3 edits from both {@code wrn-16-8} and {@code wrn-28-10}, and means the
     * latter.
     */
    static Optional<String> closest(String input, Collection<String> candidates) {
        Comparator<String> closeness =
                Comparator.<String>comparingInt(candidate -> distance(input, candidate))
                        .thenComparing(
                                Comparator.<String>comparingInt(
                                                candidate -> commonPrefixLength(input, candidate))
                                        .reversed());
        int tolerance = Math.max(2, input.length() / 2);
        return candidates.stream()
                .min(closeness)
                .filter(best -> distance(input, best) <= tolerance);
    }

    private static int commonPrefixLength(String a, String b) {
        int length = 0;
        while (length < a.length() && length < b.length() && a.charAt(length) == b.charAt(length)) {
            length++;
        }
        return length;
    }
}
