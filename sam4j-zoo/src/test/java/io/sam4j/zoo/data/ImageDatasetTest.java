package io.sam4j.zoo.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ImageDatasetTest {

    private static final List<String> AB = List.of("a", "b");

    /** Two 1×2×2 images: bytes 0,51,102,255 and 10,20,30,40. */
    private static ImageDataset twoImages() {
        byte[] px = {0, 51, 102, (byte) 255, 10, 20, 30, 40};
        return new ImageDataset("tiny", px, new int[] {1, 0}, 1, 2, 2, 2, AB);
    }

    @Test
    void scalesBytesToUnitInterval() {
        ImageDataset ds = twoImages();
        assertThat(ds.size()).isEqualTo(2);
        assertThat(ds.imageSize()).isEqualTo(4);
        assertThat(ds.imageFloats(0)).containsExactly(0f, 0.2f, 0.4f, 1f);
        float[] dst = new float[6];
        ds.copyImage(1, dst, 2);
        assertThat(dst).containsExactly(0f, 0f, 10 / 255f, 20 / 255f, 30 / 255f, 40 / 255f);
    }

    @Test
    void subsetCopiesSelectedImagesInOrder() {
        ImageDataset ds = twoImages();
        ImageDataset sub = ds.subset(new int[] {1, 1, 0});
        assertThat(sub.size()).isEqualTo(3);
        assertThat(sub.labels()).containsExactly(0, 0, 1);
        assertThat(sub.imageBytes(0)).containsExactly(10, 20, 30, 40);
        assertThat(sub.imageBytes(2)).containsExactly(0, 51, 102, (byte) 255);
        assertThatThrownBy(() -> ds.subset(new int[] {2}))
                .isInstanceOf(DatasetException.class)
                .hasMessage("dataset 'tiny': subset index 2 at position 0 is outside [0, 2)");
    }

    @Test
    void accessorsReturnCopies() {
        ImageDataset ds = twoImages();
        ds.labels()[0] = 7;
        ds.images()[0] = 7;
        assertThat(ds.label(0)).isEqualTo(1);
        assertThat(ds.imageBytes(0)[0]).isZero();
    }

    @Test
    void rejectsInconsistentSizes() {
        assertThatThrownBy(() -> new ImageDataset("x", new byte[7], new int[] {0, 1}, 1, 2, 2, 2, AB))
                .isInstanceOf(DatasetException.class)
                .hasMessage("dataset 'x': 2 labels of shape 1x2x2 need 8 image bytes, found 7");
        assertThatThrownBy(() -> new ImageDataset("x", new byte[8], new int[] {0, 2}, 1, 2, 2, 2, AB))
                .hasMessage("dataset 'x': label 2 at index 1 is outside [0, 2)");
        assertThatThrownBy(() -> new ImageDataset("x", new byte[8], new int[] {0, 1}, 1, 2, 2, 3, AB))
                .hasMessage("dataset 'x': 3 classes but 2 class names [a, b]");
        assertThatThrownBy(() -> new ImageDataset("x", new byte[0], new int[0], 0, 2, 2, 2, AB))
                .hasMessage("dataset 'x': channels must be at least 1, got 0");
    }

    @Test
    void withLabelsKeepsTheImagesAndChecksTheLabels() {
        ImageDataset data = TestDatasets.pixels(4, 3);
        ImageDataset relabelled = data.withLabels("pixels[noisy]", new int[] {2, 2, 0, 1});
        assertThat(relabelled.labels()).containsExactly(2, 2, 0, 1);
        assertThat(relabelled.images()).containsExactly(data.images());
        assertThat(relabelled.name()).isEqualTo("pixels[noisy]");
        assertThat(data.labels()).containsExactly(0, 1, 2, 0);
        assertThatThrownBy(() -> data.withLabels("x", new int[] {0}))
                .hasMessage("dataset 'pixels': 1 new labels for 4 images");
        assertThatThrownBy(() -> data.withLabels("x", new int[] {0, 1, 2, 3}))
                .hasMessage("dataset 'x': label 3 at index 3 is outside [0, 3)");
    }
}
