package io.sam4j.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import io.sam4j.report.PlotlyScript;
import io.sam4j.report.model.ReportModel;
import io.sam4j.report.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page's text without a browser: self-contained, escaped, and saying what is missing. */
class HtmlReportTest {

    @Test
    void selfContainedAndEscaped(@TempDir Path dir) {
        Fixtures.writeRun(
                dir.resolve("<b>x</b>"),
                "{\"sam\":\"none\",\"seed\":1,\"model\":\"</script><script>alert(1)</script>\"}",
                "{\"epoch\":1,\"test_accuracy\":0.5,\"train_accuracy\":0.6}");
        String html = HtmlReport.builder()
                .setModel(ReportModel.load(List.of(dir.resolve("<b>x</b>"))))
                .optCreated(Instant.EPOCH)
                .build()
                .render();
        assertThat(html).as("plotly.js inlined").contains(PlotlyScript.scriptElement(HtmlReport.BUNDLE));
        // The rest of the page, without plotly.js (whose source mentions URLs it never loads here).
        html = html.replace(PlotlyScript.scriptElement(HtmlReport.BUNDLE), "");
        assertThat(html)
                .doesNotContain("<script>alert(1)")
                .doesNotContain("<b>x</b>")
                .contains("&lt;b&gt;x&lt;/b&gt;")
                .contains("<dt>model</dt><dd>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</dd>")
                .doesNotContain("src=\"http")
                .doesNotContain("href=\"http")
                .doesNotContain("<link");
        // With no analysis files there is no curvature, landscape or sharpness section, not even an empty one.
        assertThat(html)
                .doesNotContain("<section id=\"curvature\"")
                .doesNotContain("<section id=\"landscape\"")
                .doesNotContain("<section id=\"sharpness\"")
                .contains("No sharpness-aware configuration has a baseline");
        assertNoEmptySection(html);
    }

    @Test
    void curvatureShowsLambdaMaxPerConfigurationWhenItIsTheOnlyMeasurement(@TempDir Path dir) throws Exception {
        // λmax alone, as sam4j demo measures it: SGD 40, 44, 48 (mean 44) and SAM 10, 12, 14 (mean 12); each
        // interval is t_{0.975,2}·s/√3 = 4.302653·(4 or 2)/√3 = 9.937 and 4.968 (four significant digits).
        double[][] lambdas = {{40, 44, 48}, {10, 12, 14}};
        String[] methods = {"none", "sam"};
        for (int m = 0; m < 2; m++) {
            for (int seed = 1; seed <= 3; seed++) {
                Path run = Fixtures.writeRun(
                        dir.resolve(methods[m] + seed),
                        "{\"sam\":\"" + methods[m] + "\",\"seed\":" + seed + "}",
                        "{\"epoch\":1,\"test_accuracy\":0.5,\"train_accuracy\":0.6}");
                Files.writeString(run.resolve("hessian.json"), "{\"eigenvalues\":[" + lambdas[m][seed - 1] + "]}");
            }
        }
        String html = HtmlReport.builder()
                .setModel(ReportModel.load(List.of(dir)))
                .build()
                .render()
                .replace(PlotlyScript.scriptElement(HtmlReport.BUNDLE), "");
        String curvature = html.substring(html.indexOf("<section id=\"curvature\">"));
        curvature = curvature.substring(0, curvature.indexOf("</section>"));

        assertThat(curvature)
                .contains("id=\"hessian-lambda-max\"")
                .contains("<th>λmax</th>")
                .doesNotContain("<th>λmin</th>")
                .doesNotContain("<th>Trace</th>")
                .contains("<td class=\"num\">3</td><td class=\"num\">44 ± 9.937</td>")
                .contains("<td class=\"num\">3</td><td class=\"num\">12 ± 4.968</td>");
    }

    @Test
    void notesNameWhatWasSkipped(@TempDir Path dir) throws Exception {
        Path run = Fixtures.writeRun(
                dir.resolve("r"), "{\"sam\":\"none\",\"seed\":1}", "{\"epoch\":1,\"test_accuracy\":0.5}");
        Files.writeString(run.resolve("hessian.json"), "[]");
        String html = HtmlReport.builder()
                .setModel(ReportModel.load(List.of(dir)))
                .build()
                .render()
                .replace(PlotlyScript.scriptElement(HtmlReport.BUNDLE), "");
        assertThat(html)
                .contains(
                        "<li>r: hessian.json was skipped: it has none of eigenvalues, lambda_min, trace, density</li>");
    }

    @Test
    void aRepeatedSeedIsSaidOnThePage(@TempDir Path dir) {
        String config = "{\"sam\":\"sam\",\"rho\":0.05,\"seed\":1}";
        Fixtures.writeRun(dir.resolve("a"), config, "{\"epoch\":1,\"test_accuracy\":0.5}");
        Fixtures.writeRun(dir.resolve("b"), config, "{\"epoch\":1,\"test_accuracy\":0.5}");
        String html = HtmlReport.builder()
                .setModel(ReportModel.load(List.of(dir)))
                .build()
                .render()
                .replace(PlotlyScript.scriptElement(HtmlReport.BUNDLE), "");
        assertThat(html)
                .contains("2 runs (1 repeating a seed) in 1 configuration")
                .contains("<th>Seeds</th>")
                .contains("data-n=\"1\"")
                .doesNotContain("data-n=\"2\"")
                .contains("1 run repeats the seed of another run of its configuration and is left out of every"
                        + " figure")
                .contains("<li>b repeats seed 1 of a in configuration SAM ρ = 0.05 and is not counted</li>")
                .contains("1 seed + 1 duplicate (not counted)")
                .contains("b · seed 1 · duplicate seed, not counted");
    }

    /**
     * Fails when a section holds nothing but its heading (and perhaps a caption): every section shows a
     * table, a figure, a list or a sentence of its own.
     */
    static void assertNoEmptySection(String html) {
        java.util.regex.Matcher sections = java.util.regex.Pattern.compile(
                        "<section id=\"([^\"]+)\"[^>]*>(.*?)</section>", java.util.regex.Pattern.DOTALL)
                .matcher(html);
        int count = 0;
        while (sections.find()) {
            count++;
            String body = sections.group(2)
                    .replaceFirst("<h2>.*?</h2>", "")
                    .replaceAll("<p class=\"caption\">.*?</p>", "")
                    .strip();
            assertThat(body).as("section %s has content", sections.group(1)).containsPattern("<(table|div|p|ul)");
        }
        assertThat(count).as("sections").isPositive();
    }
}
