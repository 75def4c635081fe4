package io.sam4j.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The minified plotly.js bundle, taken from the npm registry at build time (version pinned in
 * {@code sam4j-report/package-lock.json}) and packaged as a class-path resource, so that every page
 * that inlines it renders with no network access.
 */
public final class PlotlyScript {

    private static final String RESOURCE = "assets/plotly.min.js";
    private static final String VERSION_RESOURCE = "assets/plotly.version";

    private static volatile String source;

    private PlotlyScript() {}

    /** Returns the plotly.js source, ready for a {@code <script>} element. */
    public static String source() {
        String s = source;
        if (s == null) {
            s = read(RESOURCE);
            // A literal "</script" inside an inline script would end the element early.
            s = s.replace("</script", "<\\/script");
            source = s;
        }
        return s;
    }

    /** Returns the plotly.js version, e.g. {@code 4.1.2}. */
    public static String version() {
        return read(VERSION_RESOURCE).trim();
    }

    /** Returns a complete {@code <script>} element holding plotly.js. */
    public static String scriptElement() {
        return "<script>/* plotly.js " + version() + " (MIT) */\n" + source() + "\n</script>";
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
