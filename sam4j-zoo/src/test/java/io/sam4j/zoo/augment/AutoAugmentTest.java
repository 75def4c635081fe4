package io.sam4j.zoo.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AutoAugmentTest {

    private static float[] image(long seed) {
        Random r = new Random(seed);
        float[] img = new float[3 * 32 * 32];
        for (int i = 0; i < img.length; i++) {
            img[i] = r.nextInt(256) / 255f;
        }
        return img;
    }

    @Test
    void publishedPoliciesHaveTwentyFiveTwoStepSubPolicies() {
        for (AutoAugmentPolicy policy :
                new AutoAugmentPolicy[] {AutoAugmentPolicy.cifar10(), AutoAugmentPolicy.svhn()}) {
            assertThat(policy.subPolicies()).hasSize(25);
            for (AutoAugmentPolicy.SubPolicy sub : policy.subPolicies()) {
                assertThat(sub.steps()).hasSize(2);
                assertThat(sub.steps()).allSatisfy(s -> {
                    assertThat(s.probability()).isBetween(0.0, 1.0);
                    assertThat(s.magnitude()).isBetween(0, 10);
                    assertThat(s.op()).isNotEqualTo(AugmentOp.IDENTITY);
                });
            }
        }
        AutoAugmentPolicy cifar = AutoAugmentPolicy.cifar10();
        assertThat(cifar.subPolicies().get(0).steps())
                .containsExactly(
                        new AutoAugmentPolicy.Step(AugmentOp.INVERT, 0.1, 0),
                        new AutoAugmentPolicy.Step(AugmentOp.CONTRAST, 0.2, 6));
        assertThat(AutoAugmentPolicy.svhn().subPolicies().get(24).steps())
                .containsExactly(
                        new AutoAugmentPolicy.Step(AugmentOp.SHEAR_X, 0.7, 2),
                        new AutoAugmentPolicy.Step(AugmentOp.INVERT, 0.1, 0));
        // SVHN's policy is mostly geometric and inverting; CIFAR-10's mostly colour: both use no Cutout.
        assertThat(AutoAugmentPolicy.named("svhn").name()).isEqualTo("svhn");
        assertThatThrownBy(() -> AutoAugmentPolicy.named("imagenet"))
                .hasMessage("unknown AutoAugment policy 'imagenet'; known: cifar10, svhn");
    }

    @Test
    void appliesTheDrawnSubPolicyWithItsProbabilities() {
        // Sub-policy 14 of CIFAR-10: Solarize 0.5 magnitude 2 (threshold 256 - 51 = 205), Invert 0.0.
        AutoAugment aa = new AutoAugment(AutoAugmentPolicy.cifar10());
        float[] img = {0f, 210 / 255f, 204 / 255f};
        float[] out = aa.apply(img.clone(), 1, 1, 3, new ScriptedRandom(14, 0.49, 0.0));
        assertThat(out).containsExactly(0f, 1 - 210 / 255f, 204 / 255f);
        // A draw of 0.5 does not pass probability 0.5: unchanged.
        assertThat(aa.apply(img.clone(), 1, 1, 3, new ScriptedRandom(14, 0.5, 0.0)))
                .containsExactly(img);
    }

    @Test
    void sameSeedSameImageDifferentSeedsDiffer() {
        for (AutoAugmentPolicy policy :
                new AutoAugmentPolicy[] {AutoAugmentPolicy.cifar10(), AutoAugmentPolicy.svhn()}) {
            AutoAugment aa = new AutoAugment(policy);
            float[] a = aa.apply(image(1), 3, 32, 32, new Random(7));
            assertThat(aa.apply(image(1), 3, 32, 32, new Random(7))).containsExactly(a);
            int differing = 0;
            for (long seed = 8; seed < 18; seed++) {
                if (!Arrays.equals(a, aa.apply(image(1), 3, 32, 32, new Random(seed)))) {
                    differing++;
                }
            }
            assertThat(differing).isGreaterThan(5);
        }
    }

    @Test
    void randAugmentAppliesNOpsAtMagnitudeM() {
        // Two draws: op 4 (Solarize, M 5 -> threshold 128), then op 0 (identity).
        RandAugment ra = new RandAugment(2, 5);
        float[] out = ra.apply(new float[] {100 / 255f, 200 / 255f}, 1, 1, 2, new ScriptedRandom(4, 0));
        assertThat(out).containsExactly(100 / 255f, 1 - 200 / 255f);
        float[] a = ra.apply(image(2), 3, 32, 32, new Random(3));
        assertThat(ra.apply(image(2), 3, 32, 32, new Random(3))).containsExactly(a);
        assertThat(ra.apply(image(2), 3, 32, 32, new Random(4))).isNotEqualTo(a);
        assertThat(RandAugment.OPS).hasSize(14).doesNotHaveDuplicates();
        assertThatThrownBy(() -> new RandAugment(0, 5)).hasMessage("RandAugment N must be at least 1, got 0");
        assertThatThrownBy(() -> new RandAugment(2, 11)).hasMessage("RandAugment M must be in [0, 10], got 11");
    }
}
