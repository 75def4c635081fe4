package io.sam4j.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import io.sam4j.report.model.ReportModel;
import io.sam4j.report.stats.WelchDifference;
import io.sam4j.report.testing.Fixtures;
import io.sam4j.report.text.Format;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 26's done-when for the demo's report, on runs shaped like the demo's: the title names the task,
 * the configurations are SGD and SAM, Δλmax comes with its interval, cost is in counted passes, no
 * section is empty, and the page weighs under 2 MB.
 */
class DemoLikeReportTest {

    @Test
    void theDemosReportStatesItsSetupInTheReadersWordsUnderTwoMegabytes(@TempDir Path dir) {
        ReportModel model = ReportModel.load(List.of(Fixtures.writeDemoLikeRuns(dir)));
        String html = HtmlReport.builder().setModel(model).build().render();

        assertThat(html)
                .contains("<h1>SGD vs SAM (ρ = 0.1) on Fashion-MNIST, 2,000 images, 40% label noise, 15 epochs</h1>")
                .contains("<tr data-group=\"SGD\">")
                .contains("<tr data-group=\"SAM ρ = 0.1\">");
        // Δλmax with its Welch interval, as WelchDifference computes it (checked by hand in HeadlineTest).
        WelchDifference d = WelchDifference.of(new double[] {77, 60, 95}, new double[] {128, 110, 146});
        assertThat(d.significant()).isTrue();
        assertThat(html)
                .contains("; Δλmax = " + Format.differenceSignificant(d) + " (Welch&#39;s 95% interval, which excludes"
                        + " zero).")
                .contains(">" + Format.differenceSignificant(d) + "</td>");
        // Cost in counted passes: SAM's two passes a step against SGD's one, whatever the clock said.
        assertThat(html)
                .contains("\"text\":\"forward-backward passes per step × SGD\"")
                .contains("data-col=\"passes\" data-mean=\"2.0\"")
                .contains("\"x\":[2.0]");
        HtmlReportTest.assertNoEmptySection(html);
        assertThat(html).doesNotContain("<section id=\"landscape\"").doesNotContain("<section id=\"sharpness\"");

        int bytes = html.getBytes(StandardCharsets.UTF_8).length;
        assertThat(bytes).as("bytes of the page").isLessThan(2_000_000);
    }
}
