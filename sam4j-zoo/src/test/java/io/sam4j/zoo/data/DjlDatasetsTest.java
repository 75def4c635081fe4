package io.sam4j.zoo.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Record;
import java.util.List;
import org.junit.jupiter.api.Test;

class DjlDatasetsTest {

    /** Three 1×1×2 images with bytes 0/255, 51/102 and 204/153, labels 2, 0, 1. */
    private static ImageDataset images() {
        byte[] pixels = {0, (byte) 255, 51, 102, (byte) 204, (byte) 153};
        return new ImageDataset("tiny", pixels, new int[] {2, 0, 1}, 1, 1, 2, 3, List.of("a", "b", "c"));
    }

    @Test
    void recordsAreTheScaledImagesAndTheirLabels() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            ArrayDataset dataset = DjlDatasets.arrayDataset(images(), manager, 2, false);
            assertThat(dataset.size()).isEqualTo(3);
            Record second = dataset.get(manager, 1);
            assertThat(second.getData().head().getShape().getShape()).containsExactly(1, 1, 2);
            assertThat(second.getData().head().toFloatArray()).containsExactly(0.2f, 0.4f);
            assertThat(second.getLabels().head().getInt()).isEqualTo(0);
            int batches = 0;
            for (Batch batch : dataset.getData(manager)) {
                assertThat(batch.getData().head().getShape().get(0)).isEqualTo(batches == 0 ? 2 : 1);
                batches++;
                batch.close();
            }
            assertThat(batches).isEqualTo(2);
        }
    }

    @Test
    void aBatchSizeBelowOneFails() {
        try (NDManager manager = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> DjlDatasets.arrayDataset(images(), manager, 0, true))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("batchSize");
        }
    }
}
