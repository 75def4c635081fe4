package io.sam4j.core.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

    private static final List<String> OPTIMIZERS = List.of("sgd", "adam", "adamw", "rmsprop");

    @Test
    void computesLevenshteinDistance() {
        assertThat(Suggestions.levenshtein("kitten", "sitting")).isEqualTo(3);
        assertThat(Suggestions.levenshtein("", "abc")).isEqualTo(3);
        assertThat(Suggestions.levenshtein("abc", "abc")).isZero();
        assertThat(Suggestions.levenshtein("flaw", "lawn")).isEqualTo(2);
    }

    @Test
    void suggestsTheNearestCandidateIgnoringCase() {
        assertThat(Suggestions.closest("ADAN", OPTIMIZERS)).contains("adam");
        assertThat(Suggestions.closest("rmsprp", OPTIMIZERS)).contains("rmsprop");
        assertThat(Suggestions.closest("AdamW", OPTIMIZERS)).contains("adamw");
    }

    @Test
    void breaksTiesByCommonPrefixThenCandidateOrder() {
        // "adma" is two edits from both "adam" and "adamw", with the same prefix "ad"; "adam" comes first.
        assertThat(Suggestions.closest("adma", OPTIMIZERS)).contains("adam");
        assertThat(Suggestions.closest("adma", List.of("adamw", "adam"))).contains("adamw");
        // "ab" is one edit from both; "aa" shares the prefix "a", so it wins in either order.
        assertThat(Suggestions.closest("ab", List.of("aa", "bb"))).contains("aa");
        assertThat(Suggestions.closest("ab", List.of("bb", "aa"))).contains("aa");
        // "wrn-28" is three edits from both; the user typed the start of "wrn-28-10".
        assertThat(Suggestions.closest("wrn-28", List.of("wrn-16-8", "wrn-28-10")))
                .contains("wrn-28-10");
    }

    @Test
    void allowsAtLeastTwoEditsAndMoreForLongInputs() {
        // Short input: threshold is max(2, 4 / 2) = 2.
        assertThat(Suggestions.closest("xdxm", OPTIMIZERS)).contains("adam");
        assertThat(Suggestions.closest("xxxm", OPTIMIZERS)).isEmpty();
        // 12 characters: threshold is max(2, 12 / 2) = 6.
        List<String> datasets = List.of("fashionmnist", "cifar10");
        assertThat(Suggestions.closest("fasionmnst__", datasets)).contains("fashionmnist");
        assertThat(Suggestions.closest("fxsxixnxnxsx", datasets)).contains("fashionmnist");
        assertThat(Suggestions.closest("fxsxixnxnxsx_", datasets)).isEmpty();
    }

    @Test
    void findsNothingAmongNoCandidates() {
        assertThat(Suggestions.closest("adam", List.of())).isEmpty();
    }

    @Test
    void formatsTheHintForErrorMessages() {
        assertThat(Suggestions.didYouMean("sdg", OPTIMIZERS)).isEqualTo(" (did you mean 'sgd'?)");
        assertThat(Suggestions.didYouMean("lbfgs", OPTIMIZERS)).isEmpty();
    }
}
