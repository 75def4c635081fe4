package io.sam4j.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void escapesMarkup() {
        assertThat(Html.escape("<script>alert(1)</script> & \"q\" 'a'"))
                .isEqualTo("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot; &#39;a&#39;");
        assertThat(Html.escape(null)).isEmpty();
    }

    @Test
    void jsonForScriptCannotCloseTheScriptAndReadsBackUnchanged() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        String name = "</script><script>alert(1)</script>\u2028&";
        String safe = Html.jsonForScript(mapper.writeValueAsString(Map.of("run", name)));
        assertThat(safe).doesNotContain("<").doesNotContain(">").doesNotContain("\u2028");
        assertThat(mapper.readTree(safe).get("run").asText()).isEqualTo(name);
    }

    @Test
    void plotlysPartialBundlesAreInlinedFromTheNpmPackages() {
        assertThat(PlotlyScript.version()).matches("\\d+\\.\\d+\\.\\d+");
        for (PlotlyScript.Bundle bundle : PlotlyScript.Bundle.values()) {
            String source = PlotlyScript.source(bundle);
            // A partial bundle: over 1 MB of plotly.js, under the full build's 4.8 MB.
            assertThat(source.length()).as(bundle.id()).isBetween(1_000_000, 2_000_000);
            assertThat(source)
                    .contains("plotly.js (" + bundle.id() + " - minified) v" + PlotlyScript.version())
                    .doesNotContain("</script");
            assertThat(PlotlyScript.scriptElement(bundle))
                    .startsWith("<script>")
                    .endsWith("</script>");
        }
    }
}
