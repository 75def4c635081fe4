package io.sam4j.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.sam4j.cli.spec.Specs;
import io.sam4j.zoo.data.ImageFolders;
import org.junit.jupiter.api.Test;

/** Folder images are resized to the model's own resolution unless --image-size says otherwise. */
class ModelResolutionTest {

    @Test
    void efficientNetsTakeTheirResolutionOthersTheDefault() {
        assertThat(Specs.of("dataset", "folder:/data/pets", "model", "efficientnet-b0")
                        .data()
                        .imageSize())
                .isEqualTo(224);
        assertThat(Specs.of("dataset", "folder:/data/pets", "model", "efficientnet-b3")
                        .data()
                        .imageSize())
                .isEqualTo(300);
        assertThat(Specs.of("dataset", "folder:/data/pets", "model", "efficientnet-l2-475")
                        .data()
                        .imageSize())
                .isEqualTo(475);
        assertThat(Specs.of("dataset", "folder:/data/pets", "model", "resnet-50")
                        .data()
                        .imageSize())
                .isEqualTo(ImageFolders.DEFAULT_IMAGE_SIZE);
        assertThat(Specs.of("dataset", "folder:/data/pets", "model", "resnet-18", "image-size", "96")
                        .data()
                        .imageSize())
                .isEqualTo(96);
    }
}
