package io.sam4j.zoo.augment;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The value of the CLI flag {@code --augment}: a comma-separated list of
 * <ul>
 *   <li>{@code none}: no augmentation (only alone);</li>
 *   <li>{@code basic}: {@code crop-reflect} + {@code flip}, the usual CIFAR recipe;</li>
 *   <li>{@code crop}: pad 4 with zeros, random crop back to H×W;</li>
 *   <li>{@code crop-reflect}: the same with reflect padding;</li>
 *   <li>{@code flip}: horizontal flip with probability 0.5;</li>
 *   <li>{@code cutout} or {@code cutout:N}: Cutout with an N×N square, default
 *       {@value #DEFAULT_CUTOUT} (DeVries &amp; Taylor's CIFAR-10 value; on 28×28 images the square is
 *       simply clipped more often at the borders).</li>
 * </ul>
 * Spaces are ignored. A name given twice, two crops, or a flip given both directly and through
 * {@code basic} is rejected. {@link #toString()} gives the canonical form, which {@link #parse} accepts.
 */
public final class AugmentationSpec {

    /** Padding on each side used by the crops. */
    public static final int CROP_PADDING = 4;
    /** Cutout square side when {@code cutout} is given without a size. */
    public static final int DEFAULT_CUTOUT = 16;

    private static final List<String> KNOWN = List.of("none", "basic", "crop", "crop-reflect", "flip", "cutout",
            "cutout:N");

    private final List<String> tokens;
    private final PaddingMode crop;
    private final boolean flip;
    private final Integer cutout;

    private AugmentationSpec(List<String> tokens, PaddingMode crop, boolean flip, Integer cutout) {
        this.tokens = List.copyOf(tokens);
        this.crop = crop;
        this.flip = flip;
        this.cutout = cutout;
    }

    /** @return the spec meaning no augmentation */
    public static AugmentationSpec none() {
        return new AugmentationSpec(List.of("none"), null, false, null);
    }

    /**
     * @param text e.g. {@code "basic, cutout"} or {@code "crop,flip,cutout:8"}
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
        for (String token : compact.split(",", -1)) {
            if (token.isEmpty()) {
                throw bad("--augment '" + text + "' has an empty item");
            }
            String name = token.startsWith("cutout:") ? "cutout" : token;
            if (tokens.stream().anyMatch(t -> t.equals(name) || t.startsWith(name + ":"))) {
                throw bad("--augment '" + text + "' names '" + name + "' twice");
            }
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
                case "cutout" -> cutout = cutoutSize(text, token);
                default -> throw bad("--augment '" + text + "': unknown augmentation '" + token + "'");
            }
            tokens.add("cutout".equals(name) && cutout == DEFAULT_CUTOUT ? "cutout" : token);
        }
        if (tokens.contains("none") && tokens.size() > 1) {
            throw bad("--augment '" + text + "': 'none' cannot be combined with other augmentations");
        }
        return new AugmentationSpec(tokens, crop, flip, cutout);
    }

    private static boolean checkFlip(String text, boolean flip, String flipFrom, String token) {
        if (flip) {
            throw bad("--augment '" + text + "': '" + token + "' and '" + flipFrom + "' both flip");
        }
        return true;
    }

    private static int cutoutSize(String text, String token) {
        if (!token.contains(":")) {
            return DEFAULT_CUTOUT;
        }
        String value = token.substring("cutout:".length());
        try {
            int size = Integer.parseInt(value);
            if (size >= 1) {
                return size;
            }
        } catch (NumberFormatException e) {
            // Reported below with the accepted form.
        }
        throw bad("--augment '" + text + "': cutout size '" + value + "' must be a positive integer, as in cutout:8");
    }

    private static IllegalArgumentException bad(String problem) {
        return new IllegalArgumentException(problem + "; known: " + String.join(", ", KNOWN)
                + " (comma-separated)");
    }

    /** @return whether this spec does no augmentation */
    public boolean isNone() {
        return crop == null && !flip && cutout == null;
    }

    /** @return the crop's padding mode, if a crop is requested */
    public Optional<PaddingMode> crop() {
        return Optional.ofNullable(crop);
    }

    /** @return whether a horizontal flip is requested */
    public boolean flip() {
        return flip;
    }

    /** @return the Cutout square side, if Cutout is requested */
    public OptionalInt cutoutSize() {
        return cutout == null ? OptionalInt.empty() : OptionalInt.of(cutout);
    }

    /**
     * Builds the per-image transform in the order crop, flip, normalize, Cutout (Cutout after normalization
     * so the cut is 0 in normalized space).
     *
     * @param normalize the normalization to apply, or {@code null} for none
     * @return the pipeline
     */
    public AugmentationPipeline toPipeline(Normalize normalize) {
        List<Augmentation> stages = new ArrayList<>();
        if (crop != null) {
            stages.add(new RandomCrop(CROP_PADDING, crop));
        }
        if (flip) {
            stages.add(new HorizontalFlip());
        }
        if (normalize != null) {
            stages.add(normalize);
        }
        if (cutout != null) {
            stages.add(new Cutout(cutout));
        }
        return new AugmentationPipeline(stages);
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
