package io.sam4j.zoo.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class AugmentOpTest {

    @Test
    void magnitudesMapToTheReferenceRanges() {
        assertThat(AugmentOp.SHEAR_X.parameter(10, 32)).isCloseTo(0.3, within(1e-12));
        assertThat(AugmentOp.SHEAR_Y.parameter(5, 32)).isCloseTo(0.15, within(1e-12));
        assertThat(AugmentOp.TRANSLATE_X.parameter(9, 32)).isEqualTo(9);
        assertThat(AugmentOp.TRANSLATE_X.parameter(10, 32)).isEqualTo(10);
        assertThat(AugmentOp.TRANSLATE_Y.parameter(10, 64)).isEqualTo(20);
        assertThat(AugmentOp.ROTATE.parameter(10, 32)).isCloseTo(30, within(1e-12));
        assertThat(AugmentOp.SOLARIZE.parameter(0, 32)).isEqualTo(256);
        assertThat(AugmentOp.SOLARIZE.parameter(5, 32)).isEqualTo(128);
        assertThat(AugmentOp.SOLARIZE.parameter(10, 32)).isEqualTo(0);
        assertThat(AugmentOp.POSTERIZE.parameter(0, 32)).isEqualTo(8);
        assertThat(AugmentOp.POSTERIZE.parameter(7, 32)).isEqualTo(6);
        assertThat(AugmentOp.POSTERIZE.parameter(10, 32)).isEqualTo(4);
        for (AugmentOp op :
                new AugmentOp[] {AugmentOp.COLOR, AugmentOp.CONTRAST, AugmentOp.BRIGHTNESS, AugmentOp.SHARPNESS}) {
            assertThat(op.parameter(0, 32)).isCloseTo(0.1, within(1e-12));
            assertThat(op.parameter(10, 32)).isCloseTo(1.9, within(1e-12));
        }
        assertThatThrownBy(() -> AugmentOp.ROTATE.parameter(10.5, 32))
                .hasMessage("augmentation magnitude must be in [0, 10], got 10.5");
        assertThatThrownBy(() -> AugmentOp.ROTATE.parameter(-1, 32))
                .hasMessage("augmentation magnitude must be in [0, 10], got -1.0");
    }

    @Test
    void signedOpsTakeTheirSignFromTheRandom() {
        float[] row = {1, 2, 3, 4};
        float fill = AugmentOp.FILL;
        // nextBoolean() true means negative: content moves right by 1 pixel (magnitude 10 on width 4 = 1 px).
        assertThat(AugmentOp.TRANSLATE_X.apply(row.clone(), 1, 1, 4, 10, true)).containsExactly(fill, 1, 2, 3);
        assertThat(AugmentOp.TRANSLATE_X.apply(row.clone(), 1, 1, 4, 10, false)).containsExactly(2, 3, 4, fill);
        assertThat(AugmentOp.SOLARIZE.signed()).isFalse();
        assertThat(AugmentOp.byPaperName("AutoContrast")).isEqualTo(AugmentOp.AUTO_CONTRAST);
        Random a = new Random(3);
        Random b = new Random(3);
        assertThat(AugmentOp.ROTATE.apply(new float[16], 1, 4, 4, 5, a))
                .containsExactly(AugmentOp.ROTATE.apply(new float[16], 1, 4, 4, 5, b.nextBoolean()));
    }

    @Test
    void everyOpKeepsValuesInTheUnitInterval() {
        Random rng = new Random(5);
        for (AugmentOp op : AugmentOp.values()) {
            for (int m = 0; m <= 10; m++) {
                float[] img = new float[3 * 8 * 8];
                for (int i = 0; i < img.length; i++) {
                    img[i] = rng.nextInt(256) / 255f;
                }
                float[] out = op.apply(img, 3, 8, 8, m, rng);
                assertThat(out).hasSize(3 * 8 * 8);
                for (float v : out) {
                    assertThat(v).as("%s at magnitude %d", op, m).isBetween(0f, 1f);
                }
            }
        }
    }
}
