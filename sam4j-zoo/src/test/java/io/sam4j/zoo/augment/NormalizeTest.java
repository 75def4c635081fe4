package io.sam4j.zoo.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NormalizeTest {

    @Test
    void standardizesEachChannel() {
        Normalize n = new Normalize(new float[] {0.5f, 0.25f}, new float[] {0.5f, 0.25f});
        float[] chw = {0f, 1f, 0.5f, 0.25f, 0f, 0.75f};
        assertThat(n.apply(chw, 2, 1, 3, null)).containsExactly(-1f, 1f, 0f, 0f, -1f, 2f);
    }

    @Test
    void rejectsBadStatisticsAndChannelCounts() {
        assertThatThrownBy(() -> new Normalize(new float[] {0.5f}, new float[] {0f}))
                .hasMessage("normalize std must be positive and finite, got [0.0]");
        assertThatThrownBy(() -> new Normalize(new float[] {0.5f}, new float[] {1f, 1f}))
                .hasMessage("normalize needs one mean and one std per channel, got [0.5] and [1.0, 1.0]");
        Normalize one = new Normalize(new float[] {0f}, new float[] {1f});
        assertThatThrownBy(() -> one.normalize(new float[2], 2, 1, 1))
                .hasMessage("image has 2 channels, normalize has 1");
    }
}
