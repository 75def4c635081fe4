package io.sam4j.report.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sam4j.core.testing.RequiredTool;
import io.sam4j.report.Html;
import io.sam4j.report.model.ReportModel;
import io.sam4j.report.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report built from the fixture runs, opened in headless Chromium (Debian's {@code chromium}, which
 * {@code .ci/run} installs): no script error, every figure drawn by plotly.js, the table's numbers equal
 * to the fixtures' means and intervals computed here by hand, and a run named like a script shown as text.
 */
class ReportInBrowserTest {

    /** Where the screenshots of the pages' tops go, for a person to look at after the build. */
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    /** t_{0.975,2} from tables: three seeds per group. */
    static final double T_975_2 = 4.302652729749462;

    static Path chromium;

    @BeforeAll
    static void chromiumIsInstalled() {
        Optional<Path> found = HeadlessChromium.find();
        RequiredTool.assumeToolOrFailInCi(
                found.isPresent(), "chromium is not installed (apt-get install chromium; .ci/run installs it)");
        chromium = found.get();
    }

    @Test
    void rendersWithoutErrorsAndShowsTheFixturesMeans(@TempDir Path dir) throws Exception {
        Path runs = dir.resolve("runs");
        Fixtures.copy(Fixtures.runs(), runs);
        // A run whose path and config try to inject markup: it must render as text.
        Path evil = runs.resolve("<script>alert(1)<").resolve("script>");
        Fixtures.copy(Fixtures.runs().resolve("sgd-seed1"), evil);
        Files.writeString(
                evil.resolve("config.json"),
                Files.readString(evil.resolve("config.json"))
                        .replace("\"model\" : \"cnn\"", "\"model\" : \"cnn<img src=x onerror=alert(2)>\""));

        ReportModel model = ReportModel.load(List.of(runs));
        String html = HtmlReport.builder()
                .setModel(model)
                .optCreated(Instant.EPOCH)
                .build()
                .render();
        Path page = dir.resolve("report.html");
        Files.writeString(page, html);
        String dom = HeadlessChromium.dumpDom(chromium, page, Files.createDirectories(dir.resolve("browser")));
        HeadlessChromium.screenshot(
                chromium, page, SCREENSHOTS.resolve("fixtures-top.png"), 1280, 900, dir.resolve("browser"));
        assertPng(SCREENSHOTS.resolve("fixtures-top.png"), 1280, 900);

        Matcher errors = Pattern.compile(HeadlessChromium.ERRORS_ATTRIBUTE + "=\"([^\"]*)\"")
                .matcher(dom);
        assertThat(errors.find()).as("the error hook ran").isTrue();
        assertThat(errors.group(1)).as("errors recorded in the page").isEqualTo("[]");

        List<String> plots = plotIds(html);
        assertThat(plots)
                .contains(
                        "curve-test-error",
                        "curve-train-error",
                        "curve-test-loss",
                        "curve-train-loss",
                        "curve-lr",
                        "curve-grad-norm",
                        "curve-lambda-max",
                        "curve-hessian-trace",
                        "hessian-lambda-max",
                        "hessian-density",
                        "hessian-ratio",
                        "landscape-1d",
                        "landscape-interp",
                        "landscape-contour-0",
                        "landscape-contour-1");
        // The 3-D surfaces are on sam4j landscape's own page: the report's cartesian bundle has none.
        assertThat(plots).noneMatch(id -> id.startsWith("landscape-surface"));
        for (String id : plots) {
            Matcher tag = Pattern.compile("<div [^>]*id=\"" + Pattern.quote(id) + "\"[^>]*>")
                    .matcher(dom);
            assertThat(tag.find()).as("plot %s in the DOM", id).isTrue();
            assertThat(tag.group()).as("plot %s was drawn", id).contains("data-rendered=\"plot\"");
            int next = dom.indexOf("data-figure", tag.end());
            String body = dom.substring(tag.end(), next < 0 ? dom.length() : next);
            assertThat(body).as("plot %s holds a plotly chart", id).contains("main-svg");
        }

        // Seeds 1-3 of SGD, by hand: mean and mean ± t_{0.975,2}·s/√3.
        double[] sgd = Fixtures.testErrors("sgd-seed1", "sgd-seed2", "sgd-seed3");
        double[] sam = Fixtures.testErrors("sam-seed1", "sam-seed2", "sam-seed3");
        String sgdCell = cell(dom, "SGD · model = cnn", "test_error");
        double half = T_975_2 * Fixtures.sd(sgd) / Math.sqrt(3);
        assertThat(attribute(sgdCell, "data-mean")).isCloseTo(Fixtures.mean(sgd), within(1e-9));
        assertThat(attribute(sgdCell, "data-half")).isCloseTo(half, within(1e-9));
        assertThat(text(sgdCell)).isEqualTo(String.format(Locale.ROOT, "%.2f ± %.2f", Fixtures.mean(sgd), half));
        String samCell = cell(dom, "SAM ρ = 0.05 · model = cnn", "test_error");
        assertThat(attribute(samCell, "data-mean")).isCloseTo(Fixtures.mean(sam), within(1e-9));
        assertThat(text(samCell))
                .isEqualTo(String.format(
                        Locale.ROOT, "%.2f ± %.2f", Fixtures.mean(sam), T_975_2 * Fixtures.sd(sam) / Math.sqrt(3)));
        // The injected run is its own group of one: its value, no interval.
        String evilCell = cell(dom, "SGD · model = cnn<img src=x onerror=alert(2)>", "test_error");
        assertThat(text(evilCell)).isEqualTo(String.format(Locale.ROOT, "%.2f", sgd[0]));

        assertThat(dom)
                .doesNotContain("<script>alert(1)</script>")
                .doesNotContain("<img src=\"x\"")
                .doesNotContain("<img src=x")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    }

    /**
     * A report shaped like sam4j demo's, in the browser: drawn without a script error, the cost plotted in
     * passes (SGD at 1, SAM at 2), and a screenshot of its top in target/screenshots.
     */
    @Test
    void theDemoLikeReportDrawsItsCostInPassesAndIsPhotographed(@TempDir Path dir) throws Exception {
        ReportModel model = ReportModel.load(List.of(Fixtures.writeDemoLikeRuns(dir.resolve("runs"))));
        Path page = dir.resolve("report.html");
        Files.writeString(
                page,
                HtmlReport.builder()
                        .setModel(model)
                        .optCreated(Instant.EPOCH)
                        .build()
                        .render());
        Path work = Files.createDirectories(dir.resolve("browser"));
        String dom = HeadlessChromium.dumpDom(chromium, page, work);
        Matcher errors = Pattern.compile(HeadlessChromium.ERRORS_ATTRIBUTE + "=\"([^\"]*)\"")
                .matcher(dom);
        assertThat(errors.find()).isTrue();
        assertThat(errors.group(1)).as("errors recorded in the page").isEqualTo("[]");
        Matcher cost = Pattern.compile("<div [^>]*id=\"cost-gain-0\"[^>]*>").matcher(dom);
        assertThat(cost.find()).isTrue();
        assertThat(cost.group()).contains("data-rendered=\"plot\"");
        // plotly's x axis: passes × SGD from 0, ticks at whole passes, SGD's marker at 1 and SAM's at 2.
        String costPlot = dom.substring(cost.end(), dom.indexOf("data-figure", cost.end()));
        assertThat(costPlot).contains("forward-backward passes per step × SGD").doesNotContain(">−");

        Path top = SCREENSHOTS.resolve("demo-like-top.png");
        HeadlessChromium.screenshot(chromium, page, top, 1280, 900, work);
        assertPng(top, 1280, 900);
    }

    /** Checks that {@code png} is a PNG of the given size, with more than one colour (something was drawn). */
    static void assertPng(Path png, int width, int height) throws IOException {
        assertThat(png).exists();
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
        assertThat(image).as("%s is a PNG", png).isNotNull();
        assertThat(image.getWidth()).isEqualTo(width);
        assertThat(image.getHeight()).isEqualTo(height);
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < height; y += 7) {
            for (int x = 0; x < width; x += 7) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertThat(colours.size()).as("colours in %s", png).isGreaterThan(10);
    }

    /** Returns the ids of the page's plot containers. */
    static List<String> plotIds(String html) {
        List<String> ids = new ArrayList<>();
        Matcher m = Pattern.compile("<div class=\"plot[^\"]*\" id=\"([^\"]+)\" data-figure>")
                .matcher(html);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    /** Returns the {@code <td ...>...</td>} of a column in the results row of a group (label unescaped). */
    static String cell(String dom, String group, String column) {
        String escaped = Html.escape(group).replace("&#39;", "'").replace("&quot;", "\"");
        int row = dom.indexOf("data-group=\"" + escaped.replace("\"", "&quot;") + "\"");
        assertThat(row).as("results row of %s", group).isNotNegative();
        int end = dom.indexOf("</tr>", row);
        Matcher m = Pattern.compile("<td [^>]*data-col=\"" + column + "\"[^>]*>[^<]*</td>")
                .matcher(dom.substring(row, end));
        assertThat(m.find()).as("cell %s of %s", column, group).isTrue();
        return m.group();
    }

    static double attribute(String cell, String name) {
        Matcher m = Pattern.compile(name + "=\"([^\"]+)\"").matcher(cell);
        assertThat(m.find()).as(name).isTrue();
        return Double.parseDouble(m.group(1));
    }

    static String text(String cell) {
        return cell.substring(cell.indexOf('>') + 1, cell.lastIndexOf("</td>"));
    }
}
