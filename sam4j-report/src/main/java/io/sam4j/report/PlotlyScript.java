package io.sam4j.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

/**
 * plotly.js's minified partial bundles, taken from the npm registry at build time (versions pinned in
 * {@code sam4j-report/package-lock.json}) and packaged as class-path resources, so that every page
 * that inlines one renders with no network access. A page inlines the smallest bundle that has its
 * trace types: the full build (4.8 MB, maps included) would make every report a 5 MB file.
 */
public final class PlotlyScript {

    /** A partial bundle of plotly.js and the trace types it draws. */
    public enum Bundle {
        /** scatter, bar, contour, heatmap, histogram, box, …: everything on 2-D axes (1.5 MB). */
        CARTESIAN("cartesian"),
        /** scatter and the 3-D traces: surface, scatter3d, mesh3d, … (1.8 MB). */
        GL3D("gl3d");

        private final String id;

        Bundle(String id) {
            this.id = id;
        }

        /** Returns the bundle's name in plotly.js's packages, e.g. {@code cartesian}. */
        public String id() {
            return id;
        }

        private String resource() {
            return "assets/plotly-" + id + ".min.js";
        }
    }

    private static final String VERSION_RESOURCE = "assets/plotly.version";

    private static final Map<Bundle, String> SOURCES = new EnumMap<>(Bundle.class);

    private PlotlyScript() {}

    /** Returns the bundle's source, ready for a {@code <script>} element. */
    public static synchronized String source(Bundle bundle) {
        return SOURCES.computeIfAbsent(bundle, b -> {
            // A literal "</script" inside an inline script would end the element early.
            return read(b.resource()).replace("</script", "<\\/script");
        });
    }

    /** Returns the plotly.js version, e.g. {@code 4.1.1}. */
    public static String version() {
        return read(VERSION_RESOURCE).trim();
    }

    /** Returns a complete {@code <script>} element holding the bundle. */
    public static String scriptElement(Bundle bundle) {
        return "<script>/* plotly.js " + version() + " (" + bundle.id() + " bundle, MIT) */\n" + source(bundle)
                + "\n</script>";
    }

    private static String read(String name) {
        try (InputStream in = PlotlyScript.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource io/sam4j/report/" + name
                        + " is missing: sam4j-report was built without its npm assets (run its fetch-assets.sh)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource io/sam4j/report/" + name, e);
        }
    }
}
