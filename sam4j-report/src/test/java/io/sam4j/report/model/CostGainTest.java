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

    /** As {@link #epochs}, each epoch with its mean ‖ε‖ over its steps. */
    static String[] epochs(double secondsPerEpoch, double testAccuracy, double eps1, double eps2) {
        return new String[] {
            "{\"epoch\":1,\"test_accuracy\":0.5,\"train_seconds\":" + secondsPerEpoch + ",\"eps_norm\":" + eps1 + "}",
            "{\"epoch\":2,\"test_accuracy\":" + testAccuracy + ",\"train_seconds\":" + secondsPerEpoch
                    + ",\"eps_norm\":" + eps2 + "}"
        };
    }

    /** RST's per-epoch mean ‖ε‖ by seed (ρ = 0.05): SAM on half and 40% of the steps, 60% and 60%, 40% and 40%. */
    static final double[][] RST_EPS = {{0.025, 0.02}, {0.03, 0.03}, {0.02, 0.02}};

    /**
     * Base (sam=none): 20, 22, 24 s and test error 20, 18, 16%. SAM: 40, 46, 48 s, error 15, 14, 13%. RST:
     * 1.5× the time on every seed at error 22, 20, 18%, its SAM steps counted from eps_norm (RST_EPS).
     * LookSAM with k = 2 (the base records k = 5): seeds 1 and 2 only, 26 and 27.5 s (ratios 1.3, 1.25),
     * error 15%. Momentum-SAM: seed 4 only, whose time comes from summary.json (21 s) as no epoch logged
     * one: no seed pairs up, so the time ratio is of mean times, 21 / 22.
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
                    dir.resolve("rst-" + s),
                    config("rst", 5, s, "sgd"),
                    epochs(1.5 * (9 + s), rstAcc[s - 1], RST_EPS[s - 1][0], RST_EPS[s - 1][1]));
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

    /** exp of the mean of the logarithms, and of the ends of their Student-t interval, worked out here. */
    static double[] geometric(double t, double... ratios) {
        double[] logs = new double[ratios.length];
        for (int i = 0; i < logs.length; i++) {
            logs[i] = Math.log(ratios[i]);
        }
        double m = Fixtures.mean(logs);
        double h = t * Fixtures.sd(logs) / Math.sqrt(logs.length);
        return new double[] {Math.exp(m), Math.exp(m - h), Math.exp(m + h)};
    }

    @Test
    void passesTimesIntervalsAndFrontEqualTheHandWorkedValues(@TempDir Path dir) throws IOException {
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
        assertThat(base.passes().mean()).isEqualTo(1);
        assertThat(base.passSource()).isEqualTo(PassCount.Source.CATALOG);
        assertThat(base.time().ratio()).isCloseTo(1, within(1e-12));
        assertThat(base.time().low()).isCloseTo(1, within(1e-12));
        assertThat(base.error().mean()).isCloseTo(18, within(1e-9));
        assertThat(base.error().halfWidth()).isCloseTo(T2 * 2 / Math.sqrt(3), within(1e-9));

        // SAM: two passes a step on every seed, whatever the clock said.
        CostGain.Point sam = family.points().get(1);
        assertThat(sam.passes().mean()).isEqualTo(2);
        assertThat(sam.passes().halfWidth()).isZero();
        assertThat(sam.passSource()).isEqualTo(PassCount.Source.CATALOG);
        double[] samTime = geometric(T2, 2, 46.0 / 22, 2);
        assertThat(sam.time().kind()).isEqualTo(CostGain.RatioKind.PER_SEED);
        assertThat(sam.time().pairs()).isEqualTo(3);
        assertThat(sam.time().ratio()).isCloseTo(samTime[0], within(1e-12));
        assertThat(sam.time().low()).isCloseTo(samTime[1], within(1e-12));
        assertThat(sam.time().high()).isCloseTo(samTime[2], within(1e-12));
        assertThat(sam.error().mean()).isCloseTo(14, within(1e-9));

        // RST: 1 + the share of SAM steps, counted per seed: 1.45, 1.6, 1.4.
        CostGain.Point rst = family.points().get(2);
        double[] rstPasses = {1 + (0.5 + 0.4) / 2, 1.6, 1.4};
        assertThat(rst.passSource()).isEqualTo(PassCount.Source.COUNTED);
        assertThat(rst.passes().mean()).isCloseTo(Fixtures.mean(rstPasses), within(1e-12));
        assertThat(rst.passes().halfWidth()).isCloseTo(T2 * Fixtures.sd(rstPasses) / Math.sqrt(3), within(1e-9));
        assertThat(rst.time().ratio()).isCloseTo(1.5, within(1e-12));
        assertThat(rst.error().mean()).isCloseTo(20, within(1e-9));

        // LookSAM, k = 2: 1 + 1/2 passes from the catalog's formula.
        CostGain.Point looksam = family.points().get(3);
        assertThat(looksam.passes().mean()).isCloseTo(1.5, within(1e-12));
        double[] looksamTime = geometric(T1, 1.3, 1.25);
        assertThat(looksam.time().pairs()).isEqualTo(2);
        assertThat(looksam.time().ratio()).isCloseTo(looksamTime[0], within(1e-12));
        assertThat(looksam.time().low()).isCloseTo(looksamTime[1], within(1e-12));
        // However wide the interval, a time ratio stays above zero.
        assertThat(looksam.time().low()).isPositive();
        assertThat(looksam.error().mean()).isCloseTo(15, within(1e-9));

        CostGain.Point msam = family.points().get(4);
        assertThat(msam.passes().mean()).isEqualTo(1);
        assertThat(msam.time().kind()).isEqualTo(CostGain.RatioKind.RATIO_OF_MEANS);
        assertThat(msam.time().pairs()).isZero();
        assertThat(msam.time().ratio()).isCloseTo(21.0 / 22, within(1e-12));
        assertThat(msam.time().hasInterval()).isFalse();

        // Judged on passes: RST is less accurate than the base at more passes, and MSAM's one pass buys a
        // higher error than the base's one pass: both dominated.
        assertThat(family.points()).extracting(CostGain.Point::onFront).containsExactly(true, true, false, true, false);
    }

    @Test
    void aNoisyClockDoesNotMoveTheCostAndATimeRatioStaysPositive(@TempDir Path dir) {
        // SAM's seed 1 was slowed by other load to 20× the base; seed 2 ran at 0.5×.
        Fixtures.writeRun(dir.resolve("a1"), config("none", 5, 1, "sgd"), epochs(10, 0.80));
        Fixtures.writeRun(dir.resolve("a2"), config("none", 5, 2, "sgd"), epochs(10, 0.80));
        Fixtures.writeRun(dir.resolve("b1"), config("sam", 5, 1, "sgd"), epochs(200, 0.85));
        Fixtures.writeRun(dir.resolve("b2"), config("sam", 5, 2, "sgd"), epochs(5, 0.85));
        CostGain.Point sam = CostGain.of(ReportModel.load(List.of(dir)))
                .families()
                .get(0)
                .points()
                .get(1);
        assertThat(sam.passes().mean()).isEqualTo(2);
        double[] time = geometric(T1, 20, 0.5);
        assertThat(sam.time().ratio()).isCloseTo(time[0], within(1e-12));
        assertThat(sam.time().low()).isCloseTo(time[1], within(1e-12)).isPositive();
        // The arithmetic mean ± t-interval of {20, 0.5} would have run to 10.25 - 123.9 < 0.
        assertThat(10.25 - T1 * Fixtures.sd(20, 0.5) / Math.sqrt(2)).isNegative();
    }

    @Test
    void theMarkdownAndHtmlReportsCarryTheTable(@TempDir Path dir) throws IOException {
        ReportModel model = ReportModel.load(List.of(writeRuns(dir)));
        String md = MarkdownReport.of(model);
        assertThat(md).contains("\n## Cost versus gain\n");
        double[] rstPasses = {1.45, 1.6, 1.4};
        assertThat(row(md, "| RST "))
                .startsWith("| RST ρ = 0.05, p = 0.5 | SGD + RST (ρ = 0.05, p = 0.5) |")
                .endsWith(String.format(
                        Locale.ROOT,
                        "| 3 | 20.00 ± %.2f | %.2f ± %.2f (counted) | 1.50 (1.50–1.50) | no |",
                        T2 * 2 / Math.sqrt(3),
                        Fixtures.mean(rstPasses),
                        T2 * Fixtures.sd(rstPasses) / Math.sqrt(3)));
        assertThat(row(md, "| MSAM ")).endsWith(" | 1 | 21.00 | 1.00 | 0.95 (of means) | no |");
        double[] looksamTime = geometric(T1, 1.3, 1.25);
        assertThat(row(md, "| LookSAM "))
                .startsWith("| LookSAM ρ = 0.05, k = 2 | SGD + LookSAM (ρ = 0.05, k = 2) |")
                .endsWith(String.format(
                        Locale.ROOT,
                        "| 2 | 15.00 | 1.50 | %.2f (%.2f–%.2f) | yes |",
                        looksamTime[0],
                        looksamTime[1],
                        looksamTime[2]));

        String html = HtmlReport.builder()
                .setModel(model)
                .build()
                .render()
                .replace(PlotlyScript.scriptElement(HtmlReport.BUNDLE), "");
        assertThat(html)
                .contains("<section id=\"cost-gain\"><h2>Cost versus gain</h2>")
                .contains("<div class=\"plot tall\" id=\"cost-gain-0\" data-figure></div>")
                .contains("\"id\":\"cost-gain-0\"")
                .contains("<tr data-group=\"RST ρ = 0.05, p = 0.5\" data-front=\"no\">")
                .contains("<tr data-group=\"SAM ρ = 0.05\" data-front=\"yes\">")
                .contains("data-col=\"passes\" data-mean=\"1.5\"")
                .contains("\"text\":\"forward-backward passes per step × SGD\"")
                .contains("\"rangemode\":\"tozero\"");
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
        assertThat(view.families().get(1).points().get(1).time().ratio()).isCloseTo(30, within(1e-12));
        assertThat(MarkdownReport.of(ReportModel.load(List.of(dir))))
                .contains("Against SGD (fashion-mnist / cnn)")
                .contains("Against Adam (fashion-mnist / cnn)");
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
