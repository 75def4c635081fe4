package io.sam4j.zoo.augment;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The value of the CLI flag {@code --augment}: a comma-separated list of
 * <ul>
 *   <li>{@code none}: no augmentation (only alone);</li>
 *   <li>{@code basic}: {@code crop-reflect} + {@code flip}, the usual CIFAR recipe (on image folders:
 *       random-resized-crop + flip, see {@link #toFolderTrainPipeline});</li>
 *   <li>{@code crop}: pad 4 with zeros, random crop back to H×W;</li>
 *   <li>{@code crop-reflect}: the same with reflect padding;</li>
 *   <li>{@code flip}: horizontal flip with probability 0.5;</li>
 *   <li>{@code autoaugment}, {@code autoaugment:cifar10} (the same) or {@code autoaugment:svhn}: the
 *       published AutoAugment policy ({@link AutoAugment});</li>
 *   <li>{@code randaugment} or {@code randaugment:N:M}: RandAugment with N operations at magnitude M on the
 *       0–10 scale, default N = {@value #DEFAULT_RANDAUGMENT_N}, M = {@value #DEFAULT_RANDAUGMENT_M}
 *       ({@link RandAugment});</li>
 *   <li>{@code cutout} or {@code cutout:N}: Cutout with an N×N square per image, default
 *       {@value #DEFAULT_CUTOUT} (DeVries &amp; Taylor's CIFAR-10 value; on 28×28 images the square is
 *       simply clipped more often at the borders);</li>
 *   <li>{@code cutout-batch} or {@code cutout-batch:N}: the same square at one position for the whole batch,
 *       as the official SAM code applies it ({@link BatchCutout}).</li>
 * </ul>
 * Spaces are ignored. A name given twice, two crops, two policies, two Cutouts, or a flip given both
 * directly and through {@code basic} is rejected. {@link #toString()} gives the canonical form, which
 * {@link #parse} accepts.
 *
 * <p>Composition order, the official SAM code's ({@code sam_jax/datasets/dataset_source.py}: AutoAugment,
 * then {@code weak_image_augmentation}, then normalization per batch, then batch-level Cutout): policy
 * (AutoAugment or RandAugment, on [0, 1] values), crop, flip, normalize, Cutout (so the cut is 0 in
 * normalized space); {@code cutout-batch} runs after all that, once per batch.
 */
public final class AugmentationSpec {

    /** Padding on each side used by the crops. */
    public static final int CROP_PADDING = 4;
    /** Cutout square side when {@code cutout} is given without a size. */
    public static final int DEFAULT_CUTOUT = 16;
    /** RandAugment's operations per image when not given. */
    public static final int DEFAULT_RANDAUGMENT_N = 2;
    /** RandAugment's magnitude (0–10) when not given. */
    public static final int DEFAULT_RANDAUGMENT_M = 9;

    private static final List<String> KNOWN = List.of(
            "none",
            "basic",
            "crop",
            "crop-reflect",
            "flip",
            "cutout",
            "cutout:N",
            "cutout-batch[:N]",
            "autoaugment[:cifar10|svhn]",
            "randaugment[:N:M]");

    private final List<String> tokens;
    private final PaddingMode crop;
    private final boolean flip;
    private final Integer cutout;
    private final boolean cutoutPerBatch;
    private final String autoAugment;
    private final int[] randAugment;

    private AugmentationSpec(
            List<String> tokens,
            PaddingMode crop,
            boolean flip,
            Integer cutout,
            boolean cutoutPerBatch,
            String autoAugment,
            int[] randAugment) {
        this.tokens = List.copyOf(tokens);
        this.crop = crop;
        this.flip = flip;
        this.cutout = cutout;
        this.cutoutPerBatch = cutoutPerBatch;
        this.autoAugment = autoAugment;
        this.randAugment = randAugment;
    }

    /** @return the spec meaning no augmentation */
    public static AugmentationSpec none() {
        return new AugmentationSpec(List.of("none"), null, false, null, false, null, null);
    }

    /**
     * @param text e.g. {@code "basic, cutout"} or {@code "autoaugment,basic,cutout-batch"}
     * @return the parsed spec
     * @throws IllegalArgumentException with a one-line message listing the known names
     */
    public static AugmentationSpec parse(String text) {
        String compact = text == null ? "" : text.replaceAll("\\s+", "");
        if (compact.isEmpty()) {
            throw bad("--augment is empty");
        }
        List<String> tokens = new ArrayList<>();
        PaddingMode crop = null;
        String cropFrom = null;
        boolean flip = false;
        String flipFrom = null;
        Integer cutout = null;
        boolean perBatch = false;
        String cutoutFrom = null;
        String policyFrom = null;
        String autoAugment = null;
        int[] randAugment = null;
        for (String token : compact.split(",", -1)) {
            if (token.isEmpty()) {
                throw bad("--augment '" + text + "' has an empty item");
            }
            int colon = token.indexOf(':');
            String name = colon < 0 ? token : token.substring(0, colon);
            if (tokens.stream().anyMatch(t -> t.equals(name) || t.startsWith(name + ":"))) {
                throw bad("--augment '" + text + "' names '" + name + "' twice");
            }
            String canonical = token;
            switch (name) {
                case "none" -> {
                    // Recorded below; combining is checked after the loop.
                }
                case "basic", "crop", "crop-reflect" -> {
                    if (crop != null) {
                        throw bad("--augment '" + text + "': '" + token + "' and '" + cropFrom + "' both crop");
                    }
                    crop = "crop".equals(name) ? PaddingMode.ZERO : PaddingMode.REFLECT;
                    cropFrom = token;
                    if ("basic".equals(name)) {
                        flip = checkFlip(text, flip, flipFrom, token);
                        flipFrom = token;
                    }
                }
                case "flip" -> {
                    flip = checkFlip(text, flip, flipFrom, token);
                    flipFrom = token;
                }
                case "cutout", "cutout-batch" -> {
                    if (cutoutFrom != null) {
                        throw bad("--augment '" + text + "': '" + token + "' and '" + cutoutFrom + "' are both Cutout");
                    }
                    cutout = cutoutSize(text, name, token);
                    perBatch = "cutout-batch".equals(name);
                    cutoutFrom = token;
                    canonical = cutout == DEFAULT_CUTOUT ? name : name + ":" + cutout;
                }
                case "autoaugment", "randaugment" -> {
                    if (policyFrom != null) {
                        throw bad("--augment '" + text + "': '" + token + "' and '" + policyFrom
                                + "' are both augmentation policies");
                    }
                    policyFrom = token;
                    if ("autoaugment".equals(name)) {
                        autoAugment = autoAugmentPolicy(text, token);
                        canonical = "cifar10".equals(autoAugment) ? name : name + ":" + autoAugment;
                    } else {
                        randAugment = randAugmentArgs(text, token);
                        canonical = randAugment[0] == DEFAULT_RANDAUGMENT_N && randAugment[1] == DEFAULT_RANDAUGMENT_M
                                ? name
                                : name + ":" + randAugment[0] + ":" + randAugment[1];
                    }
                }
                default -> throw bad("--augment '" + text + "': unknown augmentation '" + token + "'");
            }
            if (colon >= 0
                    && !List.of("cutout", "cutout-batch", "autoaugment", "randaugment")
                            .contains(name)) {
                throw bad("--augment '" + text + "': '" + name + "' takes no argument");
            }
            tokens.add(canonical);
        }
        if (tokens.contains("none") && tokens.size() > 1) {
            throw bad("--augment '" + text + "': 'none' cannot be combined with other augmentations");
        }
        return new AugmentationSpec(tokens, crop, flip, cutout, perBatch, autoAugment, randAugment);
    }

    private static boolean checkFlip(String text, boolean flip, String flipFrom, String token) {
        if (flip) {
            throw bad("--augment '" + text + "': '" + token + "' and '" + flipFrom + "' both flip");
        }
        return true;
    }

    private static int cutoutSize(String text, String name, String token) {
        if (!token.contains(":")) {
            return DEFAULT_CUTOUT;
        }
        String value = token.substring(name.length() + 1);
        try {
            int size = Integer.parseInt(value);
            if (size >= 1) {
                return size;
            }
        } catch (NumberFormatException e) {
            // Reported below with the accepted form.
        }
        throw bad("--augment '" + text + "': " + name + " size '" + value + "' must be a positive integer, as in "
                + name + ":8");
    }

    private static String autoAugmentPolicy(String text, String token) {
        if (!token.contains(":")) {
            return "cifar10";
        }
        String policy = token.substring("autoaugment:".length());
        if (!AutoAugmentPolicy.NAMES.contains(policy)) {
            throw bad("--augment '" + text + "': AutoAugment policy '" + policy + "' must be one of "
                    + String.join(", ", AutoAugmentPolicy.NAMES));
        }
        return policy;
    }

    private static int[] randAugmentArgs(String text, String token) {
        if (!token.contains(":")) {
            return new int[] {DEFAULT_RANDAUGMENT_N, DEFAULT_RANDAUGMENT_M};
        }
        String[] parts = token.substring("randaugment:".length()).split(":", -1);
        try {
            if (parts.length == 2) {
                int n = Integer.parseInt(parts[0]);
                int m = Integer.parseInt(parts[1]);
                if (n >= 1 && m >= 0 && m <= AugmentOp.MAX_MAGNITUDE) {
                    return new int[] {n, m};
                }
            }
        } catch (NumberFormatException e) {
            // Reported below with the accepted form.
        }
        throw bad("--augment '" + text + "': '" + token + "' must be randaugment:N:M with N >= 1 operations and "
                + "magnitude M in [0, 10], as in randaugment:2:9");
    }

    private static IllegalArgumentException bad(String problem) {
        return new IllegalArgumentException(problem + "; known: " + String.join(", ", KNOWN) + " (comma-separated)");
    }

    /** @return whether this spec does no augmentation */
    public boolean isNone() {
        return crop == null && !flip && cutout == null && autoAugment == null && randAugment == null;
    }

    /** @return the crop's padding mode, if a crop is requested */
    public Optional<PaddingMode> crop() {
        return Optional.ofNullable(crop);
    }

    /** @return whether a horizontal flip is requested */
    public boolean flip() {
        return flip;
    }

    /** @return the Cutout square side, if Cutout (per image or per batch) is requested */
    public OptionalInt cutoutSize() {
        return cutout == null ? OptionalInt.empty() : OptionalInt.of(cutout);
    }

    /** @return whether Cutout places one square per batch ({@code cutout-batch}) rather than per image */
    public boolean cutoutPerBatch() {
        return cutoutPerBatch;
    }

    /** @return the AutoAugment policy name ({@code cifar10} or {@code svhn}), if requested */
    public Optional<String> autoAugment() {
        return Optional.ofNullable(autoAugment);
    }

    /** @return RandAugment's {@code {N, M}}, if requested */
    public Optional<int[]> randAugment() {
        return Optional.ofNullable(randAugment).map(int[]::clone);
    }

    /**
     * Builds the per-image transform for fixed-size images in the order policy, crop, flip, normalize,
     * Cutout (see the class comment).
     *
     * @param normalize the normalization to apply, or {@code null} for none
     * @return the pipeline
     */
    public AugmentationPipeline toPipeline(Normalize normalize) {
        List<Augmentation> stages = new ArrayList<>();
        addPolicy(stages);
        if (crop != null) {
            stages.add(new RandomCrop(CROP_PADDING, crop));
        }
        if (flip) {
            stages.add(new HorizontalFlip());
        }
        addNormalizeAndCutout(stages, normalize);
        return new AugmentationPipeline(stages);
    }

    /**
     * Builds the training transform of an image folder whose images are stored larger than the model input:
     * policy, then {@link RandomResizedCrop} to {@code size}×{@code size} plus flip for {@code basic} (or a
     * {@link CenterCrop}, with a flip if {@code flip} is given), then normalize and Cutout.
     *
     * @param size the model's input side
     * @param normalize the normalization, or {@code null}
     * @throws IllegalArgumentException for {@code crop} or {@code crop-reflect}, which pad and crop at a fixed size
     */
    public AugmentationPipeline toFolderTrainPipeline(int size, Normalize normalize) {
        if (crop != null && !tokens.contains("basic")) {
            throw new IllegalArgumentException("--augment '" + this + "': pad-and-crop is for fixed-size datasets; "
                    + "image folders crop with random-resized-crop through 'basic'");
        }
        List<Augmentation> stages = new ArrayList<>();
        addPolicy(stages);
        stages.add(crop != null ? new RandomResizedCrop(size) : new CenterCrop(size));
        if (flip) {
            stages.add(new HorizontalFlip());
        }
        addNormalizeAndCutout(stages, normalize);
        return new AugmentationPipeline(stages);
    }

    /**
     * @param size the model's input side
     * @param normalize the normalization, or {@code null}
     * @return the evaluation transform of an image folder: center crop to {@code size}, then normalize
     */
    public static AugmentationPipeline folderTestPipeline(int size, Normalize normalize) {
        List<Augmentation> stages = new ArrayList<>();
        stages.add(new CenterCrop(size));
        if (normalize != null) {
            stages.add(normalize);
        }
        return new AugmentationPipeline(stages);
    }

    /** @return the per-batch transform ({@code cutout-batch}), if any */
    public Optional<BatchAugmentation> batchAugmentation() {
        return cutoutPerBatch ? Optional.of(new BatchCutout(cutout)) : Optional.empty();
    }

    private void addPolicy(List<Augmentation> stages) {
        if (autoAugment != null) {
            stages.add(new AutoAugment(AutoAugmentPolicy.named(autoAugment)));
        }
        if (randAugment != null) {
            stages.add(new RandAugment(randAugment[0], randAugment[1]));
        }
    }

    private void addNormalizeAndCutout(List<Augmentation> stages, Normalize normalize) {
        if (normalize != null) {
            stages.add(normalize);
        }
        if (cutout != null && !cutoutPerBatch) {
            stages.add(new Cutout(cutout));
        }
    }

    /** @return the canonical form, e.g. {@code basic,cutout:8} */
    @Override
    public String toString() {
        return String.join(",", tokens);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AugmentationSpec other && tokens.equals(other.tokens);
    }

    @Override
    public int hashCode() {
        return tokens.hashCode();
    }
}
