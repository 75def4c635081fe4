package io.sam4j.zoo.augment;

import java.util.Random;

/**
 * The operations of AutoAugment (Cubuk et al., 2019, "AutoAugment: Learning Augmentation Policies from
 * Data", Table 1) and RandAugment (Cubuk et al., 2020), with their magnitude ranges.
 *
 * <p>A magnitude {@code m} in [0, {@value #MAX_MAGNITUDE}] maps linearly to the operation's parameter, as
 * in the authors' CIFAR code ({@code PARAMETER_MAX = 10}):
 * <ul>
 *   <li>ShearX/Y: shear {@code 0.3·m/10};</li>
 *   <li>TranslateX/Y: {@code ⌊m·size/32⌋} pixels, i.e. up to 10 pixels on a 32-pixel side (the authors' CIFAR
 *       value), proportionally more on larger images;</li>
 *   <li>Rotate: {@code 30·m/10} degrees;</li>
 *   <li>Solarize: threshold {@code 256 − ⌊256·m/10⌋};</li>
 *   <li>Posterize: {@code 8 − ⌊4·m/10⌋} bits, the paper's range [4, 8] (the authors' released code keeps
 *       {@code 4 − ⌊4·m/10⌋} bits, down to a black image, which contradicts the paper's table);</li>
 *   <li>Color, Contrast, Brightness, Sharpness: enhancement factor {@code 0.1 + 1.8·m/10}, in [0.1, 1.9];</li>
 *   <li>AutoContrast, Equalize, Invert, Identity: no magnitude.</li>
 * </ul>
 * Shears, translations and rotations take a random sign ({@code rng.nextBoolean()} means negative) and
 * fill the uncovered area with grey, level 128, as the official SAM code's AutoAugment does. Pixel
 * definitions are those of {@link ImageOps}.
 */
public enum AugmentOp {
    /** Leaves the image unchanged (RandAugment's identity). */
    IDENTITY("Identity", false),
    /** {@link ImageOps#shearX}. */
    SHEAR_X("ShearX", true),
    /** {@link ImageOps#shearY}. */
    SHEAR_Y("ShearY", true),
    /** {@link ImageOps#translateX}. */
    TRANSLATE_X("TranslateX", true),
    /** {@link ImageOps#translateY}. */
    TRANSLATE_Y("TranslateY", true),
    /** {@link ImageOps#rotate}. */
    ROTATE("Rotate", true),
    /** {@link ImageOps#autoContrast}. */
    AUTO_CONTRAST("AutoContrast", false),
    /** {@link ImageOps#invert}. */
    INVERT("Invert", false),
    /** {@link ImageOps#equalize}. */
    EQUALIZE("Equalize", false),
    /** {@link ImageOps#solarize}. */
    SOLARIZE("Solarize", false),
    /** {@link ImageOps#posterize}. */
    POSTERIZE("Posterize", false),
    /** {@link ImageOps#contrast}. */
    CONTRAST("Contrast", false),
    /** {@link ImageOps#color}. */
    COLOR("Color", false),
    /** {@link ImageOps#brightness}. */
    BRIGHTNESS("Brightness", false),
    /** {@link ImageOps#sharpness}. */
    SHARPNESS("Sharpness", false);

    /** The largest magnitude, the end of the authors' 0–10 scale. */
    public static final int MAX_MAGNITUDE = 10;
    /** Fill of the area a geometric operation uncovers: grey, level 128. */
    public static final float FILL = 128f / 255f;

    private final String paperName;
    private final boolean signed;

    AugmentOp(String paperName, boolean signed) {
        this.paperName = paperName;
        this.signed = signed;
    }

    /** @return the name the papers and reference code use, e.g. {@code ShearX} */
    public String paperName() {
        return paperName;
    }

    /** @return whether the parameter takes a random sign */
    public boolean signed() {
        return signed;
    }

    /** @return the operation called {@code name} in the papers, e.g. {@code TranslateY} */
    public static AugmentOp byPaperName(String name) {
        for (AugmentOp op : values()) {
            if (op.paperName.equals(name)) {
                return op;
            }
        }
        throw new IllegalArgumentException("unknown augmentation operation '" + name + "'");
    }

    /**
     * The parameter at magnitude {@code m}, before any sign: shear, pixels, degrees, threshold, bits or
     * enhancement factor (see the class comment); 0 for operations without a magnitude.
     *
     * @param size the image side the operation acts along (width for x, height for y); used by translations
     */
    public double parameter(double m, int size) {
        checkMagnitude(m);
        return switch (this) {
            case SHEAR_X, SHEAR_Y -> 0.3 * m / MAX_MAGNITUDE;
            case TRANSLATE_X, TRANSLATE_Y -> Math.floor(m * size / 32.0 + 1e-9);
            case ROTATE -> 30.0 * m / MAX_MAGNITUDE;
            case SOLARIZE -> 256 - Math.floor(256.0 * m / MAX_MAGNITUDE + 1e-9);
            case POSTERIZE -> 8 - Math.floor(4.0 * m / MAX_MAGNITUDE + 1e-9);
            case CONTRAST, COLOR, BRIGHTNESS, SHARPNESS -> 0.1 + 1.8 * m / MAX_MAGNITUDE;
            default -> 0;
        };
    }

    /**
     * Applies the operation at magnitude {@code m}, drawing the sign of a signed operation from {@code rng}.
     *
     * @return the result: {@code chw} changed in place, or a new array for geometric operations
     */
    public float[] apply(float[] chw, int c, int h, int w, double m, Random rng) {
        boolean negative = signed && rng.nextBoolean();
        return apply(chw, c, h, w, m, negative);
    }

    /** The deterministic part of {@link #apply(float[], int, int, int, double, Random)}. */
    public float[] apply(float[] chw, int c, int h, int w, double m, boolean negative) {
        Augmentation.checkShape(chw, c, h, w);
        int sizeAlong = this == TRANSLATE_Y || this == SHEAR_Y ? h : w;
        double v = parameter(m, sizeAlong) * (negative ? -1 : 1);
        return switch (this) {
            case IDENTITY -> chw;
            case SHEAR_X -> ImageOps.shearX(chw, c, h, w, v, FILL);
            case SHEAR_Y -> ImageOps.shearY(chw, c, h, w, v, FILL);
            case TRANSLATE_X -> ImageOps.translateX(chw, c, h, w, v, FILL);
            case TRANSLATE_Y -> ImageOps.translateY(chw, c, h, w, v, FILL);
            case ROTATE -> ImageOps.rotate(chw, c, h, w, v, FILL);
            case AUTO_CONTRAST -> ImageOps.autoContrast(chw, c, h, w);
            case INVERT -> ImageOps.invert(chw);
            case EQUALIZE -> ImageOps.equalize(chw, c, h, w);
            case SOLARIZE -> ImageOps.solarize(chw, (int) v);
            case POSTERIZE -> ImageOps.posterize(chw, (int) v);
            case CONTRAST -> ImageOps.contrast(chw, c, h, w, (float) v);
            case COLOR -> ImageOps.color(chw, c, h, w, (float) v);
            case BRIGHTNESS -> ImageOps.brightness(chw, (float) v);
            case SHARPNESS -> ImageOps.sharpness(chw, c, h, w, (float) v);
        };
    }

    private static void checkMagnitude(double m) {
        if (!(m >= 0 && m <= MAX_MAGNITUDE)) {
            throw new IllegalArgumentException(
                    "augmentation magnitude must be in [0, " + MAX_MAGNITUDE + "], got " + m);
        }
    }
}
