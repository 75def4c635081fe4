package io.sam4j.report.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sam4j.report.PlotlyScript;
import io.sam4j.report.html.HtmlReport;
import io.sam4j.report.testing.Fixtures;
import io.sam4j.report.text.MarkdownReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cost-versus-gain view against values worked out by hand from hand-written run directories. */
class CostGainTest {

    /** Student's t quantiles t(0.975, df), from tables. */
    private static final double T2 = 4.302652729749462;

    private static final double T1 = 12.706204736174705;

    /**
     * A config as train writes it: every setting, so the base also records (default) k and p. Only
     * {@code sam}, {@code k} and the seed vary.
     */
    static String config(String sam, int k, long seed, String optimizer) {
        return "{\"sam\":\"" + sam + "\",\"rho\":0.05,\"eta\":0.01,\"m\":0,\"p\":0.5,\"k\":" + k
                + ",\"seed\":" + seed + ",\"optimizer\":\"" + optimizer
                + "\",\"model\":\"cnn\",\"dataset\":\"fashion-mnist\"}";
    }

    /** Two epochs of {@code secondsPerEpoch} each, ending at {@code testAccuracy}. */
    static String[] epochs(double secondsPerEpoch, double testAccuracy) {
        return new String[] {
            "{\"epoch\":1,\"test_accuracy\":0.5,\"train_seconds\":" + secondsPerEpoch + "}",
            "{\"epoch\":2,\"test_accuracy\":" + testAccuracy + ",\"train_seconds\":" + secondsPerEpoch + "}"
        };
    }

    /**
     * Base (sam=none): 20, 22, 24 s and test error 20, 18, 16%. SAM: 40, 46, 48 s (per-seed ratios 2, 46/22,
     * 2), error 15, 14, 13%. RST: 1.5× on every seed at error 22, 20, 18%, dominated by the base. LookSAM
     * with k = 2 (the base records k = 5): seeds 1 and 2 only, 26 and 27.5 s (ratios 1.3, 1.25), error 15%.
     * Momentum-SAM: seed 4 only, whose time comes from summary.json (21 s) as no epoch logged one: no seed
     * pairs up, so the ratio is of mean times, 21 / 22.
     */
    static Path writeRuns(Path dir) throws IOException {
        double[] baseAcc = {0.80, 0.82, 0.84};
        double[] samSeconds = {20, 23, 24};
        double[] samAcc = {0.85, 0.86, 0.87};
        double[] rstAcc = {0.78, 0.80, 0.82};
        for (int s = 1; s <= 3; s++) {
            Fixtures.writeRun(dir.resolve("none-" + s), config("none", 5, s, "sgd"), epochs(9 + s, baseAcc[s - 1]));
            Fixtures.writeRun(
                    dir.resolve("sam-" + s), config("sam", 5, s, "sgd"), epochs(samSeconds[s - 1], samAcc[s - 1]));
            Fixtures.writeRun(
                    dir.resolve("rst-" + s), config("rst", 5, s, "sgd"), epochs(1.5 * (9 + s), rstAcc[s - 1]));
        }
        Fixtures.writeRun(dir.resolve("looksam-1"), config("looksam", 2, 1, "sgd"), epochs(13, 0.85));
        Fixtures.writeRun(dir.resolve("looksam-2"), config("looksam", 2, 2, "sgd"), epochs(13.75, 0.85));
        Path msam = Fixtures.writeRun(
                dir.resolve("msam-4"),
                config("msam", 5, 4, "sgd"),
                "{\"epoch\":1,\"test_accuracy\":0.5}",
                "{\"epoch\":2,\"test_accuracy\":0.79}");
        Files.writeString(msam.resolve("summary.json"), "{\"train_seconds\":21.0,\"test_accuracy\":0.79}");
        return dir;
    }

    @Test
    void ratiosMeansIntervalsAndFrontEqualTheHandWorkedValues(@TempDir Path dir) throws IOException {
        CostGain view = CostGain.of(ReportModel.load(List.of(writeRuns(dir))));
        assertThat(view.present()).isTrue();
        assertThat(view.unpaired()).isEmpty();
        assertThat(view.families()).hasSize(1);
        CostGain.Family family = view.families().get(0);
        assertThat(family.base().sam()).isEqualTo("none");
        // LookSAM's k differs from the base's recorded k, yet it is paired: k is a method parameter.
        assertThat(family.points())
                .extracting(p -> p.group().sam())
                .containsExactly("none", "sam", "rst", "looksam", "msam");

        CostGain.Point base = family.points().get(0);
        assertThat(base.timeRatio().mean()).isCloseTo(1, within(1e-12));
        assertThat(base.timeRatio().halfWidth()).isCloseTo(0, within(1e-12));
        assertThat(base.error().mean()).isCloseTo(18, within(1e-9));
        assertThat(base.error().halfWidth()).isCloseTo(T2 * 2 / Math.sqrt(3), within(1e-9));

        CostGain.Point sam = family.points().get(1);
        double[] samRatios = {2, 46.0 / 22, 2};
        assertThat(sam.kind()).isEqualTo(CostGain.RatioKind.PER_SEED);
        assertThat(sam.pairs()).isEqualTo(3);
        assertThat(sam.timeRatio().mean()).isCloseTo(Fixtures.mean(samRatios), within(1e-12));
        assertThat(sam.timeRatio().halfWidth()).isCloseTo(T2 * Fixtures.sd(samRatios) / Math.sqrt(3), within(1e-9));
        assertThat(sam.error().mean()).isCloseTo(14, within(1e-9));
        assertThat(sam.error().halfWidth()).isCloseTo(T2 * 1 / Math.sqrt(3), within(1e-9));

        CostGain.Point rst = family.points().get(2);
        assertThat(rst.timeRatio().mean()).isCloseTo(1.5, within(1e-12));
        assertThat(rst.error().mean()).isCloseTo(20, within(1e-9));

        CostGain.Point looksam = family.points().get(3);
        assertThat(looksam.pairs()).isEqualTo(2);
        assertThat(looksam.timeRatio().mean()).isCloseTo(1.275, within(1e-12));
        // sd of {1.3, 1.25} is 0.05/√2; the half-width is t(1)·sd/√2 = t(1)·0.025.
        assertThat(looksam.timeRatio().halfWidth()).isCloseTo(T1 * 0.025, within(1e-9));
        assertThat(looksam.error().mean()).isCloseTo(15, within(1e-9));

        CostGain.Point msam = family.points().get(4);
        assertThat(msam.kind()).isEqualTo(CostGain.RatioKind.RATIO_OF_MEANS);
        assertThat(msam.pairs()).isZero();
        assertThat(msam.timeRatio().mean()).isCloseTo(21.0 / 22, within(1e-12));
        assertThat(msam.timeRatio().hasInterval()).isFalse();

        // RST is costlier than the base and less accurate: dominated. Every other point trades one for the other.
        assertThat(family.points()).extracting(CostGain.Point::onFront).containsExactly(true, true, false, true, true);
    }

    @Test
    void theMarkdownAndHtmlReportsCarryTheTable(@TempDir Path dir) throws IOException {
        ReportModel model = ReportModel.load(List.of(writeRuns(dir)));
        String md = MarkdownReport.of(model);
        assertThat(md).contains("\n## Cost versus gain\n");
        assertThat(row(md, "| sam=rst "))
                .contains("| rst (p = 0.5, ρ = 0.05) + SGD |")
                .contains(String.format(Locale.ROOT, "| 3 | 20.00 ± %.2f | 1.50 | no |", T2 * 2 / Math.sqrt(3)));
        assertThat(row(md, "| sam=msam ")).endsWith(" | 1 | 21.00 | 0.95 (of means) | yes |");
        assertThat(row(md, "| sam=looksam "))
                .contains("| looksam (k = 2, ρ = 0.05) + SGD |")
                .endsWith(String.format(Locale.ROOT, "| 2 | 15.00 | %.2f ± %.2f | yes |", 1.275, T1 * 0.025));

        String html = HtmlReport.builder().setModel(model).build().render().replace(PlotlyScript.scriptElement(), "");
        assertThat(html)
                .contains("<section id=\"cost-gain\"><h2>Cost versus gain</h2>")
                .contains("<div class=\"plot tall\" id=\"cost-gain-0\" data-figure></div>")
                .contains("\"id\":\"cost-gain-0\"")
                .contains("<tr data-group=\"sam=rst rho=0.05\" data-front=\"no\">")
                .contains("<tr data-group=\"sam=sam rho=0.05\" data-front=\"yes\">")
                .contains("data-col=\"time_ratio\" data-mean=\"1.275\"");
        // The section comes after the comparison with the baseline and before the curves.
        assertThat(html.indexOf("id=\"cost-gain\""))
                .isBetween(html.indexOf("id=\"comparison\""), html.indexOf("id=\"curves\""));
    }

    @Test
    void eachBaseHasItsOwnFront(@TempDir Path dir) {
        Fixtures.writeRun(dir.resolve("a"), config("none", 5, 1, "sgd"), epochs(10, 0.80));
        Fixtures.writeRun(dir.resolve("b"), config("sam", 5, 1, "sgd"), epochs(20, 0.90));
        Fixtures.writeRun(dir.resolve("c"), config("none", 5, 1, "adam"), epochs(1, 0.95));
        Fixtures.writeRun(dir.resolve("d"), config("sam", 5, 1, "adam"), epochs(30, 0.70));
        CostGain view = CostGain.of(ReportModel.load(List.of(dir)));
        assertThat(view.families()).hasSize(2);
        // Adam's configurations would dominate SGD's on one front; they are not compared.
        assertThat(view.families().get(0).points())
                .extracting(CostGain.Point::onFront)
                .containsExactly(true, true);
        assertThat(view.families().get(1).points())
                .extracting(CostGain.Point::onFront)
                .containsExactly(true, false);
        // One seed each: the ratio of means (2 and 30), without an interval.
        assertThat(view.families().get(1).points().get(1).timeRatio().mean()).isCloseTo(30, within(1e-12));
        assertThat(MarkdownReport.of(ReportModel.load(List.of(dir))))
                .contains("Against sam=none optimizer=sgd (SGD on fashion-mnist / cnn)")
                .contains("Against sam=none optimizer=adam (Adam on fashion-mnist / cnn)");
    }

    @Test
    void absentWithoutABaseOrWithoutAnotherMethod(@TempDir Path dir) {
        Path noBase = dir.resolve("no-base");
        Fixtures.writeRun(noBase.resolve("a"), config("sam", 5, 1, "sgd"), epochs(20, 0.90));
        Fixtures.writeRun(noBase.resolve("b"), config("rst", 5, 1, "sgd"), epochs(15, 0.85));
        Path onlyBase = dir.resolve("only-base");
        Fixtures.writeRun(onlyBase.resolve("a"), config("none", 5, 1, "sgd"), epochs(10, 0.80));
        Fixtures.writeRun(onlyBase.resolve("b"), config("none", 5, 1, "adam"), epochs(10, 0.80));
        for (Path runs : List.of(noBase, onlyBase)) {
            ReportModel model = ReportModel.load(List.of(runs));
            assertThat(CostGain.of(model).present()).isFalse();
            assertThat(MarkdownReport.of(model)).doesNotContain("Cost versus gain");
            assertThat(HtmlReport.builder().setModel(model).build().render())
                    .doesNotContain("id=\"cost-gain")
                    .doesNotContain("Cost versus gain");
        }
        assertThat(CostGain.of(ReportModel.load(List.of(noBase))).unpaired())
                .extracting(RunGroup::sam)
                .containsExactly("sam", "rst");
    }

    private static String row(String markdown, String start) {
        // The view's rows, not the results table's rows of the same configurations.
        String view = markdown.substring(markdown.indexOf("## Cost versus gain"));
        return view.lines().filter(l -> l.startsWith(start)).findFirst().orElseThrow();
    }
}
