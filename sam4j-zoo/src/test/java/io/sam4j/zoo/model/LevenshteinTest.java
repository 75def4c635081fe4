package io.sam4j.zoo.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

class LevenshteinTest {

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
        "'', '', 0",
        "'', abc, 3",
        "abc, '', 3",
        "kitten, sitting, 3",
        "wrn-28, wrn-28-10, 3",
        "resnet-20, resnet-20, 0",
        "resent-20, resnet-20, 2",
        "cnn, mlp, 3",
    })
    void countsEdits(String a, String b, int expected) {
        assertThat(Levenshtein.distance(a, b)).isEqualTo(expected);
        assertThat(Levenshtein.distance(b, a)).isEqualTo(expected);
    }

    @Test
    void suggestsTheClosestCandidateOnly() {
        List<String> names = List.of("mlp", "cnn", "wrn-16-4", "wrn-16-8", "wrn-28-10");
        assertThat(Levenshtein.closest("wrn-28", names)).contains("wrn-28-10");
        assertThat(Levenshtein.closest("cnm", names)).contains("cnn");
        assertThat(Levenshtein.distance("wrn-28", "wrn-16-8"))
                .as("a tie, broken by prefix")
                .isEqualTo(3);
        assertThat(Levenshtein.closest("transformer-big", names)).isEmpty();
    }
}
