package io.sam4j.report.run;

/** The names of the files a run directory may hold (written by sam4j train and the analysis commands). */
public final class RunFiles {

    public static final String CONFIG = "config.json";
    public static final String METRICS = "metrics.jsonl";
    public static final String SUMMARY = "summary.json";
    public static final String HESSIAN = "hessian.json";
    public static final String HESSIAN_DENSITY_PNG = "hessian-density.png";
    public static final String LANDSCAPE_1D = "landscape-1d.json";
    public static final String LANDSCAPE_2D = "landscape-2d.json";
    public static final String LANDSCAPE_INTERPOLATION = "landscape-interp.json";
    public static final String SHARPNESS = "sharpness.json";

    private RunFiles() {}
}
