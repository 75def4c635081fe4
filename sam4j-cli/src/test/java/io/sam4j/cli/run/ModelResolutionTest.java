package io.sam4j.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.sam4j.zoo.data.ImageFolders;
import org.junit.jupiter.api.Test;

/** Folder images are resized to the model's own resolution unless --image-size says otherwise. */
class ModelResolutionTest {

    @Test
    void efficientNetsTakeTheirResolutionOthersTheDefault() {
        assertThat(ImageTaskData.defaultImageSize("efficientnet-b0")).isEqualTo(224);
        assertThat(ImageTaskData.defaultImageSize("efficientnet-b3")).isEqualTo(300);
        assertThat(ImageTaskData.defaultImageSize("efficientnet-l2-475")).isEqualTo(475);
        assertThat(ImageTaskData.defaultImageSize("resnet-50")).isEqualTo(ImageFolders.DEFAULT_IMAGE_SIZE);
        assertThat(ImageTaskData.defaultImageSize("no-such-model")).isEqualTo(ImageFolders.DEFAULT_IMAGE_SIZE);
    }
}
