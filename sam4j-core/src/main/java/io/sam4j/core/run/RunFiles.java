package io.sam4j.core.run;

/**
 * The names of the files a run directory holds: the one definition that {@code sam4j train} and the
 * analysis commands write under and that reports read. The keys inside the JSON files are in
 * {@link RunKeys}.
 *
 * <pre>
 *   config.json                 {"config": the resolved settings, "provenance": what the run was made with}
 *   metrics.jsonl               one JSON object per epoch
 *   summary.json                final figures
 *   checkpoint.bin              model, optimizer state and epoch after the last complete epoch
 *   events.out.tfevents.*       TensorBoard scalars per epoch
 *   eval.json                   sam4j eval
 *   hessian.json, hessian-density.png            sam4j hessian
 *   landscape-MODE.json, .png, .html (1d, 2d, interp) sam4j landscape
 *   sharpness.json              sam4j sharpness
 * </pre>
 */
public final class RunFiles {

    public static final String CONFIG = "config.json";
    public static final String METRICS = "metrics.jsonl";
    public static final String SUMMARY = "summary.json";
    public static final String CHECKPOINT = "checkpoint.bin";
    public static final String EVAL = "eval.json";
    public static final String HESSIAN = "hessian.json";
    public static final String HESSIAN_DENSITY_PNG = "hessian-density.png";
    public static final String LANDSCAPE_1D = landscape("1d") + ".json";
    public static final String LANDSCAPE_2D = landscape("2d") + ".json";
    public static final String LANDSCAPE_INTERPOLATION = landscape("interp") + ".json";
    public static final String SHARPNESS = "sharpness.json";

    private RunFiles() {}

    /**
     * Returns the base name of a landscape's files, {@code landscape-MODE}, to which {@code .json},
     * {@code .png} and {@code .html} are added.
     *
     * @param mode 1d, 2d or interp
     */
    public static String landscape(String mode) {
        return "landscape-" + mode;
    }
}
