package io.sam4j.zoo.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** EfficientNet's sizes against torchvision's. */
class EfficientNetTest {

    private static final Shape IMAGENET = new Shape(3, 224, 224);

    /** torchvision.models.efficientnet_bN(): sum(p.numel() for p in model.parameters()). */
    @ParameterizedTest(name = "{0} has {1} parameters and resolution {2}")
    @CsvSource({
        "efficientnet-b0, 5288548, 224",
        "efficientnet-b1, 7794184, 240",
        "efficientnet-b2, 9109994, 260",
        "efficientnet-b3, 12233232, 300",
        "efficientnet-b4, 19341616, 380",
        "efficientnet-b5, 30389784, 456",
        "efficientnet-b6, 43040704, 528",
        "efficientnet-b7, 66347960, 600",
    })
    void parameterCountsAreTorchvisions(String name, long expected, int resolution) {
        ModelCatalog catalog = ModelCatalog.standard();
        ModelInfo info = catalog.info(catalog.resolve(name), IMAGENET, 1000);
        assertThat(info.parameterCount()).isEqualTo(expected);
        assertThat(info.defaultResolution()).hasValue(resolution);
    }
}
