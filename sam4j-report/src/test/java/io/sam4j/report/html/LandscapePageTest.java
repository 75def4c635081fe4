package io.sam4j.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import io.sam4j.report.PlotlyScript;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LandscapePageTest {

    /** The page without the inlined plotly.js, small enough for readable failures. */
    private static String withoutPlotly(String html) {
        int start = html.indexOf("<script>/* plotly.js");
        int end = html.indexOf("</script>", start);
        return html.substring(0, start) + html.substring(end);
    }

    private static void assertSelfContained(String html) {
        assertThat(html.contains("<script>/* plotly.js " + PlotlyScript.version()))
                .as("plotly inlined")
                .isTrue();
        assertThat(html.length()).isGreaterThan(1_000_000);
        Matcher tags = Pattern.compile("<(script|link|img|iframe)\\b[^>]*>", Pattern.CASE_INSENSITIVE)
                .matcher(html);
        while (tags.find()) {
            assertThat(tags.group())
                    .doesNotContainIgnoringCase("src=")
                    .doesNotContainIgnoringCase("href=")
                    .doesNotContainIgnoringCase("http");
        }
    }

    @Test
    void theSurfacePageInlinesPlotlyAndLoadsNothingFromOutside() {
        String html = LandscapePage.surface(
                "loss <surface>",
                new double[] {0, 1},
                new double[] {0, 1},
                new double[][] {{1, 2}, {3, Double.NaN}},
                new double[][] {{0.5, 0.4}, {0.3, 0.2}},
                Map.of("run", "runs/<x>"));
        assertSelfContained(html);
        // The surface needs plotly's gl3d bundle; the line page takes the smaller cartesian one.
        assertThat(html).contains(PlotlyScript.scriptElement(PlotlyScript.Bundle.GL3D));
        String page = withoutPlotly(html);
        assertThat(page)
                .contains("loss &lt;surface&gt;")
                .contains("runs/&lt;x&gt;")
                .doesNotContain("<surface>");
        assertThat(page).contains("\"type\":\"surface\"").contains("[3.0,null]").doesNotContain("NaN");
    }

    @Test
    void theLinePageInlinesPlotlyToo() {
        String html = LandscapePage.line(
                "interpolation",
                "α",
                new double[] {0, 0.5, 1},
                new double[] {0.3, 2, 0.4},
                new double[] {0.9, 0.2, 0.88},
                Map.of());
        assertSelfContained(html);
        assertThat(html).contains(PlotlyScript.scriptElement(PlotlyScript.Bundle.CARTESIAN));
        assertThat(withoutPlotly(html)).contains("\"yaxis\":\"y2\"").contains("[0.3,2.0,0.4]");
    }
}
