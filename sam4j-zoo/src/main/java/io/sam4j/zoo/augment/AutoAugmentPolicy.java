package io.sam4j.zoo.augment;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A learned AutoAugment policy: a list of sub-policies, each two operations with a probability and a
 * magnitude (0–10). The policies are the published ones of Cubuk et al., 2019 ("AutoAugment: Learning
 * Augmentation Policies from Data", appendix): the CIFAR-10 policy (25 sub-policies, the table the paper
 * reports; the official SAM code instead uses the 95 sub-policies of all five CIFAR search runs) and the
 * SVHN policy (25 sub-policies, the same list the official SAM code uses).
 *
 * @param name {@code cifar10} or {@code svhn}
 * @param subPolicies the sub-policies
 */
public record AutoAugmentPolicy(String name, List<SubPolicy> subPolicies) {

    /** Names accepted by {@link #named}. */
    public static final List<String> NAMES = List.of("cifar10", "svhn");

    /** Copies the list and rejects an empty policy. */
    public AutoAugmentPolicy {
        subPolicies = List.copyOf(subPolicies);
        if (subPolicies.isEmpty()) {
            throw new IllegalArgumentException("policy '" + name + "' has no sub-policies");
        }
    }

    /**
     * One step of a sub-policy.
     *
     * @param op the operation
     * @param probability chance of applying it, in [0, 1]
     * @param magnitude in [0, 10]; ignored by operations without a magnitude
     */
    public record Step(AugmentOp op, double probability, int magnitude) {
        /** Checks the ranges. */
        public Step {
            if (!(probability >= 0 && probability <= 1)) {
                throw new IllegalArgumentException("sub-policy probability must be in [0, 1], got " + probability);
            }
            if (magnitude < 0 || magnitude > AugmentOp.MAX_MAGNITUDE) {
                throw new IllegalArgumentException("sub-policy magnitude must be in [0, 10], got " + magnitude);
            }
        }
    }

    /** Sub-policy: its steps are applied in order, each with its own probability. */
    public record SubPolicy(List<Step> steps) {
        /** Copies the list. */
        public SubPolicy {
            steps = List.copyOf(steps);
        }
    }

    /** @return the policy called {@code name} ({@code cifar10} or {@code svhn}) */
    public static AutoAugmentPolicy named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "cifar10" -> cifar10();
            case "svhn" -> svhn();
            default ->
                throw new IllegalArgumentException(
                        "unknown AutoAugment policy '" + name + "'; known: " + String.join(", ", NAMES));
        };
    }

    /** @return the CIFAR-10 policy of the AutoAugment paper's appendix */
    public static AutoAugmentPolicy cifar10() {
        return parse("cifar10", """
                Invert 0.1 -, Contrast 0.2 6
                Rotate 0.7 2, TranslateX 0.3 9
                Sharpness 0.8 1, Sharpness 0.9 3
                ShearY 0.5 8, TranslateY 0.7 9
                AutoContrast 0.5 -, Equalize 0.9 -
                ShearY 0.2 7, Posterize 0.3 7
                Color 0.4 3, Brightness 0.6 7
                Sharpness 0.3 9, Brightness 0.7 9
                Equalize 0.6 -, Equalize 0.5 -
                Contrast 0.6 7, Sharpness 0.6 5
                Color 0.7 7, TranslateX 0.5 8
                Equalize 0.3 -, AutoContrast 0.4 -
                TranslateY 0.4 3, Sharpness 0.2 6
                Brightness 0.9 6, Color 0.2 8
                Solarize 0.5 2, Invert 0.0 -
                Equalize 0.2 -, AutoContrast 0.6 -
                Equalize 0.2 -, Equalize 0.6 -
                Color 0.9 9, Equalize 0.6 -
                AutoContrast 0.8 -, Solarize 0.2 8
                Brightness 0.1 3, Color 0.7 0
                Solarize 0.4 5, AutoContrast 0.9 -
                TranslateY 0.9 9, TranslateY 0.7 9
                AutoContrast 0.9 -, Solarize 0.8 3
                Equalize 0.8 -, Invert 0.1 -
                TranslateY 0.7 9, AutoContrast 0.9 -
                """);
    }

    /** @return the SVHN policy of the AutoAugment paper's appendix */
    public static AutoAugmentPolicy svhn() {
        return parse("svhn", """
                ShearX 0.9 4, Invert 0.2 -
                ShearY 0.9 8, Invert 0.7 -
                Equalize 0.6 -, Solarize 0.6 6
                Invert 0.9 -, Equalize 0.6 -
                Equalize 0.6 -, Rotate 0.9 3
                ShearX 0.9 4, AutoContrast 0.8 -
                ShearY 0.9 8, Invert 0.4 -
                ShearY 0.9 5, Solarize 0.2 6
                Invert 0.9 -, AutoContrast 0.8 -
                Equalize 0.6 -, Rotate 0.9 3
                ShearX 0.9 4, Solarize 0.3 3
                ShearY 0.8 8, Invert 0.7 -
                Equalize 0.9 -, TranslateY 0.6 6
                Invert 0.9 -, Equalize 0.6 -
                Contrast 0.3 3, Rotate 0.8 4
                Invert 0.8 -, TranslateY 0.0 2
                ShearY 0.7 6, Solarize 0.4 8
                Invert 0.6 -, Rotate 0.8 4
                ShearY 0.3 7, TranslateX 0.9 3
                ShearX 0.1 6, Invert 0.6 -
                Solarize 0.7 2, TranslateY 0.6 7
                ShearY 0.8 4, Invert 0.8 -
                ShearX 0.7 9, TranslateY 0.8 3
                ShearY 0.8 5, AutoContrast 0.7 -
                ShearX 0.7 2, Invert 0.1 -
                """);
    }

    /** Reads lines of {@code Op probability magnitude, Op probability magnitude} ({@code -}: no magnitude). */
    static AutoAugmentPolicy parse(String name, String table) {
        List<SubPolicy> subs = table.lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty())
                .map(line -> {
                    List<Step> steps = Arrays.stream(line.split(","))
                            .map(String::strip)
                            .map(item -> {
                                String[] parts = item.split("\\s+");
                                if (parts.length != 3) {
                                    throw new IllegalArgumentException(
                                            "policy '" + name + "': bad step '" + item + "'");
                                }
                                int magnitude = "-".equals(parts[2]) ? 0 : Integer.parseInt(parts[2]);
                                return new Step(
                                        AugmentOp.byPaperName(parts[0]), Double.parseDouble(parts[1]), magnitude);
                            })
                            .toList();
                    return new SubPolicy(steps);
                })
                .toList();
        return new AutoAugmentPolicy(name, subs);
    }
}
