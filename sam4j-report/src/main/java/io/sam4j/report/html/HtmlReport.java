package io.sam4j.report.html;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.sam4j.core.run.RunFiles;
import io.sam4j.report.Html;
import io.sam4j.report.PlotlyScript;
import io.sam4j.report.model.Column;
import io.sam4j.report.model.Comparison;
import io.sam4j.report.model.CostGain;
import io.sam4j.report.model.CurveMetric;
import io.sam4j.report.model.GroupCurves;
import io.sam4j.report.model.ReportModel;
import io.sam4j.report.model.RunGroup;
import io.sam4j.report.model.Task;
import io.sam4j.report.run.HessianSpectrum;
import io.sam4j.report.run.Landscape;
import io.sam4j.report.run.RunRecord;
import io.sam4j.report.stats.MeanInterval;
import io.sam4j.report.stats.WelchDifference;
import io.sam4j.report.text.Format;
import io.sam4j.report.text.Headline;
import io.sam4j.report.text.MarkdownReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Renders a {@link ReportModel} as one self-contained HTML page: the answer first, then the results
 * table, SAM against its baseline, training curves, curvature, landscapes, sharpness, and every run's
 * provenance in folds. The page loads nothing: CSS, plotly.js and the figure data are inline.
 */
public final class HtmlReport {

    /** The bundle with every trace type the page draws: scatter, bar and contour. */
    public static final PlotlyScript.Bundle BUNDLE = PlotlyScript.Bundle.CARTESIAN;

    private final ReportModel model;
    private final String title;
    private final String generator;
    private final Instant created;
    private final Figures figures = new Figures();
    private final StringBuilder out = new StringBuilder(64 * 1024);

    private HtmlReport(Builder builder) {
        this.model = builder.model;
        this.title = builder.title != null ? builder.title : builder.model.title();
        this.generator = builder.generator;
        this.created = builder.created;
    }

    /** Returns a builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the page. */
    public String render() {
        out.setLength(0);
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"generator\" content=\"")
                .append(Html.escape(generator))
                .append("\">\n")
                .append("<title>")
                .append(Html.escape(title))
                .append("</title>\n<style>\n")
                .append(resource("report.css"))
                .append("</style>\n</head>\n<body>\n<main>\n");
        header();
        answer();
        results();
        comparisons();
        CostGainSection.write(CostGain.of(model), out, figures);
        curves();
        curvature();
        landscapes();
        sharpness();
        provenance();
        notes();
        method();
        out.append("<footer>Made by ")
                .append(Html.escape(generator))
                .append(" on ")
                .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
                        created.atOffset(ZoneOffset.UTC).withNano(0)))
                .append(" UTC · figures by plotly.js ")
                .append(Html.escape(PlotlyScript.version()))
                .append(" (its cartesian bundle), inlined: this page needs no network.</footer>\n</main>\n");
        String json;
        try {
            json = Figures.JSON.writeValueAsString(figures.all());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize figures", e);
        }
        out.append("<script type=\"application/json\" id=\"sam4j-figures\">")
                .append(Html.jsonForScript(json))
                .append("</script>\n")
                .append(PlotlyScript.scriptElement(BUNDLE))
                .append("\n<script>\n")
                .append(resource("report.js"))
                .append("</script>\n</body>\n</html>\n");
        return out.toString();
    }

    private void header() {
        int groups = model.groups().size();
        int runs = model.runs().size();
        int duplicates = model.duplicateNotes().size();
        out.append("<header class=\"page\"><h1>")
                .append(Html.escape(title))
                .append("</h1><p class=\"sub\">")
                .append(runs)
                .append(runs == 1 ? " run" : " runs")
                .append(duplicates == 0 ? "" : " (" + duplicates + " repeating a seed)")
                .append(" in ")
                .append(groups)
                .append(groups == 1 ? " configuration" : " configurations");
        seeds().ifPresent(s -> out.append(", ").append(Html.escape(s)));
        setup().forEach(s -> out.append(" · ").append(Html.escape(s)));
        out.append("</p></header>\n");
    }

    /** Returns "seeds 1–3" when every configuration ran the same seeds. */
    private Optional<String> seeds() {
        List<List<String>> sets =
                model.groups().stream().map(RunGroup::seeds).distinct().toList();
        if (sets.size() != 1 || sets.get(0).isEmpty() || sets.get(0).contains("")) {
            return Optional.empty();
        }
        List<String> seeds = sets.get(0);
        try {
            long first = Long.parseLong(seeds.get(0));
            boolean consecutive = true;
            for (int i = 1; i < seeds.size(); i++) {
                consecutive &= Long.parseLong(seeds.get(i)) == first + i;
            }
            if (consecutive && seeds.size() > 2) {
                return Optional.of("seeds " + first + "–" + (first + seeds.size() - 1));
            }
        } catch (NumberFormatException notNumbers) {
            // Listed as recorded.
        }
        return Optional.of((seeds.size() == 1 ? "seed " : "seeds ") + String.join(", ", seeds));
    }

    /** The setup the title leaves out: the model, the test set, and what the label noise means. */
    private List<String> setup() {
        Task task = model.task();
        List<String> parts = new ArrayList<>();
        if (task.model() != null) {
            parts.add("model " + task.model());
        }
        if (Double.isFinite(task.testExamples())) {
            parts.add(Task.count(task.testExamples()) + " test images");
        }
        if (task.noisyLabels()) {
            parts.add(Task.percent(task.labelNoise())
                    + " of the training labels replaced by a random other class; test labels clean");
        }
        return parts;
    }

    private void answer() {
        Headline h = Headline.of(model);
        out.append("<section id=\"answer\" class=\"answer\">\n");
        for (int i = 0; i < h.verdicts().size(); i++) {
            String tone = "";
            if (i < model.comparisons().size()) {
                WelchDifference d = model.comparisons().get(i).difference(Column.TEST_ERROR);
                tone = d.significant() ? (d.difference() < 0 ? " good" : " bad") : "";
            }
            out.append("<p class=\"verdict")
                    .append(tone)
                    .append("\">")
                    .append(Html.escape(h.verdicts().get(i)))
                    .append("</p>\n");
        }
        out.append("<ul>");
        h.details().forEach(d -> out.append("<li>").append(Html.escape(d)).append("</li>"));
        out.append("</ul>\n</section>\n");
    }

    private void results() {
        List<Column> columns = model.columns();
        out.append(
                        "<section id=\"results\"><h2>Results</h2>\n<p class=\"caption\">Final epoch of each run; seeds pooled"
                                + " per configuration as mean ± 95% Student-t confidence interval (no interval with one seed)."
                                + " Gap = train − test accuracy (points) and test − train loss.")
                .append(
                        model.trainLabels().isEmpty()
                                ? ""
                                : " Train figures are measured on the " + Html.escape(model.trainLabels())
                                        + ": a low train error there means wrong labels were memorized.")
                .append("</p>\n")
                .append(
                        "<div class=\"scroll\"><table class=\"results\" id=\"results-table\"><thead><tr><th class=\"text\">Configuration</th>"
                                + "<th class=\"text\">Method</th><th>Seeds</th>");
        columns.forEach(c -> out.append("<th>").append(Html.escape(c.heading())).append("</th>"));
        out.append("</tr></thead><tbody>\n");
        for (RunGroup g : model.groups()) {
            out.append("<tr data-group=\"")
                    .append(Html.escape(g.label()))
                    .append("\"><td class=\"text\">")
                    .append(swatch(g))
                    .append(label(g))
                    .append("</td><td class=\"text\">")
                    .append(Html.escape(g.method()))
                    .append("</td><td class=\"num\">")
                    .append(g.runs().size())
                    .append("</td>");
            for (Column c : columns) {
                MeanInterval m = g.stat(c);
                out.append("<td class=\"num\" data-col=\"")
                        .append(c.id())
                        .append("\" data-mean=\"")
                        .append(m.mean())
                        .append("\" data-half=\"")
                        .append(m.halfWidth())
                        .append("\" data-n=\"")
                        .append(m.n())
                        .append("\">")
                        .append(Html.escape(Format.interval(m, c.decimals())))
                        .append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody></table></div>\n");
        List<String> duplicates = model.duplicateNotes();
        if (!duplicates.isEmpty()) {
            out.append("<div class=\"note\" id=\"duplicate-seeds\"><p>")
                    .append(duplicates.size())
                    .append(duplicates.size() == 1 ? " run repeats" : " runs repeat")
                    .append(" the seed of another run of its configuration and")
                    .append(duplicates.size() == 1 ? " is" : " are")
                    .append(" left out of every figure: a run is a function of its config and seed, so a repeat"
                            + " is not one more seed. Seeds counts distinct seeds.</p><ul>");
            duplicates.forEach(d -> out.append("<li>").append(Html.escape(d)).append("</li>"));
            out.append("</ul></div>\n");
        }
        out.append("</section>\n");
    }

    private void comparisons() {
        out.append("<section id=\"comparison\"><h2>SAM against its baseline</h2>\n");
        if (model.comparisons().isEmpty()) {
            out.append("<p class=\"note\">No sharpness-aware configuration has a baseline among these runs (a"
                    + " configuration with the base optimizer alone, <code>--sam none</code>, and otherwise the same"
                    + " settings).</p>\n</section>\n");
            return;
        }
        out.append(
                "<p class=\"caption\">Difference of means, SAM group − baseline, with Welch's 95% interval"
                        + " (unequal variances, Welch–Satterthwaite degrees of freedom). Negative is lower for the SAM group.</p>\n"
                        + "<div class=\"scroll\"><table id=\"comparison-table\"><thead><tr><th class=\"text\">SAM configuration</th><th class=\"text\">Baseline</th>");
        List<Column> compared = MarkdownReport.compared(model);
        for (Column c : compared) {
            out.append("<th>Δ ")
                    .append(Html.escape(c.title()))
                    .append(c.unit().isEmpty() ? "" : " (" + Html.escape("%".equals(c.unit()) ? "pts" : c.unit()) + ")")
                    .append("</th>");
        }
        out.append("<th>df</th></tr></thead><tbody>\n");
        for (Comparison cmp : model.comparisons()) {
            out.append("<tr><td class=\"text\">")
                    .append(swatch(cmp.group()))
                    .append(label(cmp.group()))
                    .append("</td><td class=\"text\">")
                    .append(swatch(cmp.baseline()))
                    .append(label(cmp.baseline()))
                    .append("</td>");
            for (Column c : compared) {
                WelchDifference d = cmp.difference(c);
                out.append("<td class=\"num\" data-col=\"")
                        .append(c.id())
                        .append("\" data-diff=\"")
                        .append(d.difference())
                        .append("\" data-half=\"")
                        .append(d.halfWidth())
                        .append("\">")
                        .append(Html.escape(
                                Column.CURVATURE.contains(c)
                                        ? Format.differenceSignificant(d)
                                        : Format.difference(d, c.decimals())))
                        .append("</td>");
            }
            out.append("<td class=\"num\">")
                    .append(Format.number(cmp.difference(Column.TEST_ERROR).df(), 1))
                    .append("</td></tr>\n");
        }
        out.append("</tbody></table></div>\n</section>\n");
    }

    private void curves() {
        out.append("<section id=\"curves\"><h2>Training curves</h2>\n<p class=\"caption\">Each seed is a thin line;"
                + " the bold line is the mean over the seeds of a configuration.</p>\n<div class=\"grid\">\n");
        for (CurveMetric metric : model.trainingCurves()) {
            List<GroupCurves> curves = GroupCurves.of(model.groups(), metric);
            if (!curves.isEmpty()) {
                plot("curve-" + metric.id(), false);
                figures.curves("curve-" + metric.id(), metric, curves);
            }
        }
        out.append("</div>\n</section>\n");
    }

    /** The Hessian's section, absent when no run measured its curvature. */
    private void curvature() {
        int start = out.length();
        out.append("<section id=\"curvature\"><h2>Curvature (Hessian)</h2>\n");
        int before = figures.size();
        out.append("<div class=\"grid\">\n");
        if (model.groups().stream().anyMatch(g -> g.stat(Column.LAMBDA_MAX).present())) {
            // λmax alone is a measurement: each configuration's mean with its 95% interval over seeds.
            plot("hessian-lambda-max", false);
            figures.bars(
                    "hessian-lambda-max",
                    "λmax at the end of training (mean, 95% interval over seeds)",
                    "λmax",
                    model.groups(),
                    g -> g.stat(Column.LAMBDA_MAX));
        }
        for (CurveMetric metric : CurveMetric.CURVATURE) {
            List<GroupCurves> curves = GroupCurves.of(model.groups(), metric);
            if (!curves.isEmpty()) {
                plot("curve-" + metric.id(), false);
                figures.curves("curve-" + metric.id(), metric, curves);
            }
        }
        List<Figures.RunLine> densities = new ArrayList<>();
        forEachRun((g, r) -> r.hessian()
                .filter(HessianSpectrum::hasDensity)
                .ifPresent(h -> densities.add(new Figures.RunLine(r, g, "", h.densityGrid(), h.densityValues()))));
        if (!densities.isEmpty()) {
            boolean positive =
                    densities.stream().allMatch(l -> Arrays.stream(l.y()).allMatch(v -> v > 0));
            plot("hessian-density", false);
            figures.runLines(
                    "hessian-density", "Hessian eigenvalue density", "eigenvalue", "density", positive, densities);
        }
        boolean ratios = model.runs().stream()
                .anyMatch(r -> r.hessian().map(h -> Double.isFinite(h.ratio())).orElse(false));
        if (ratios) {
            plot("hessian-ratio", false);
            figures.bars(
                    "hessian-ratio",
                    "|λmax / λmin| at the end of training",
                    "|λmax / λmin|",
                    model.groups(),
                    g -> MeanInterval.of(g.runs().stream()
                            .mapToDouble(
                                    r -> r.hessian().map(HessianSpectrum::ratio).orElse(Double.NaN))
                            .toArray()));
        }
        out.append("</div>\n");
        List<String> images = new ArrayList<>();
        forEachRun((g, r) -> r.hessianDensityPng()
                .ifPresent(png -> images.add("<figure><img alt=\"Hessian density of " + Html.escape(r.name())
                        + "\" src=\"data:image/png;base64,"
                        + Base64.getEncoder().encodeToString(png) + "\"><figcaption>" + Html.escape(r.name()) + ": "
                        + RunFiles.HESSIAN_DENSITY_PNG + "</figcaption></figure>")));
        if (!images.isEmpty()) {
            out.append("<details><summary>Density figures saved with the runs (")
                    .append(images.size())
                    .append(")</summary><div class=\"body grid\">");
            images.forEach(out::append);
            out.append("</div></details>\n");
        }
        if (figures.size() == before && images.isEmpty()) {
            // No hessian.json and no per-epoch hessian_lambda_max: no section rather than an empty box.
            out.setLength(start);
            return;
        }
        hessianTable();
        out.append("</section>\n");
    }

    /** One row per configuration that measured something, one column per quantity some run has. */
    private void hessianTable() {
        Map<String, Function<RunRecord, Double>> all = new LinkedHashMap<>();
        // λmax as the results table has it: hessian.json, else the last per-epoch measurement.
        all.put("λmax", Column.LAMBDA_MAX::shown);
        all.put("λmin", r -> r.hessian().map(HessianSpectrum::lambdaMin).orElse(Double.NaN));
        all.put("|λmax / λmin|", r -> r.hessian().map(HessianSpectrum::ratio).orElse(Double.NaN));
        all.put("Trace", Column.HESSIAN_TRACE::shown);
        Map<String, Function<RunRecord, Double>> shown = new LinkedHashMap<>();
        all.forEach((name, f) -> {
            if (model.runs().stream().anyMatch(r -> Double.isFinite(f.apply(r)))) {
                shown.put(name, f);
            }
        });
        if (shown.isEmpty()) {
            return;
        }
        out.append("<table id=\"hessian-table\"><thead><tr><th class=\"text\">Configuration</th><th>Runs</th>");
        shown.keySet()
                .forEach(name -> out.append("<th>").append(Html.escape(name)).append("</th>"));
        out.append("</tr></thead><tbody>\n");
        for (RunGroup g : model.groups()) {
            List<MeanInterval> stats = new ArrayList<>();
            shown.values()
                    .forEach(f -> stats.add(MeanInterval.of(
                            g.runs().stream().mapToDouble(f::apply).toArray())));
            if (stats.stream().noneMatch(MeanInterval::present)) {
                continue;
            }
            out.append("<tr><td class=\"text\">")
                    .append(swatch(g))
                    .append(label(g))
                    .append("</td><td class=\"num\">")
                    .append(stats.stream().mapToInt(MeanInterval::n).max().orElse(0))
                    .append("</td>");
            for (MeanInterval m : stats) {
                out.append("<td class=\"num\">")
                        .append(Html.escape(significantInterval(m)))
                        .append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody></table>\n");
    }

    /**
     * The loss landscapes' section, absent when no run has one. A 2-D landscape is drawn as contours: the
     * 3-D surface needs WebGL and plotly's gl3d bundle, which would double the page; {@code sam4j
     * landscape} writes a page of its own with the surface.
     */
    private void landscapes() {
        int start = out.length();
        out.append("<section id=\"landscape\"><h2>Loss landscape</h2>\n");
        int before = figures.size();
        out.append("<div class=\"grid\">\n");
        lineFigure(
                "landscape-1d",
                "1-D loss along a random direction",
                "step along the direction",
                RunRecord::landscape1d);
        lineFigure(
                "landscape-interp",
                "Linear interpolation from initial to final weights",
                "α (0 = initial, 1 = final)",
                RunRecord::interpolation);
        int[] index = {0};
        forEachRun((g, r) -> r.landscape2d().ifPresent(grid -> {
            String id = "landscape-contour-" + index[0]++;
            plot(id, false);
            figures.contour(id, r, grid);
        }));
        out.append("</div>\n");
        if (figures.size() == before) {
            out.setLength(start);
            return;
        }
        out.append("</section>\n");
    }

    private void lineFigure(String id, String title, String xTitle, Function<RunRecord, Optional<Landscape>> get) {
        List<Figures.RunLine> lines = new ArrayList<>();
        forEachRun((g, r) -> get.apply(r).ifPresent(l -> {
            for (int i = 0; i < l.loss().length; i++) {
                lines.add(new Figures.RunLine(
                        r, g, l.loss().length > 1 ? "direction " + (i + 1) : "", l.x(), l.loss()[i]));
            }
        }));
        if (!lines.isEmpty()) {
            plot(id, false);
            figures.runLines(id, title, xTitle, "loss", false, lines);
        }
    }

    private void sharpness() {
        TreeSet<String> keys = new TreeSet<>();
        model.runs().forEach(r -> keys.addAll(r.sharpness().keySet()));
        if (keys.isEmpty()) {
            // No sharpness.json: no section rather than an empty box.
            return;
        }
        out.append("<section id=\"sharpness\"><h2>Sharpness</h2>\n<p class=\"caption\">Every number in the runs' ")
                .append(RunFiles.SHARPNESS)
                .append(
                        ", mean ± 95% interval over the runs that have it.</p>\n<table id=\"sharpness-table\"><thead><tr>"
                                + "<th class=\"text\">Configuration</th>");
        keys.forEach(k -> out.append("<th>").append(Html.escape(k)).append("</th>"));
        out.append("</tr></thead><tbody>\n");
        for (RunGroup g : model.groups()) {
            if (g.runs().stream().allMatch(r -> r.sharpness().isEmpty())) {
                continue;
            }
            out.append("<tr><td class=\"text\">")
                    .append(swatch(g))
                    .append(label(g))
                    .append("</td>");
            for (String k : keys) {
                MeanInterval m = MeanInterval.of(g.runs().stream()
                        .mapToDouble(r -> r.sharpness().getOrDefault(k, Double.NaN))
                        .toArray());
                out.append("<td class=\"num\">")
                        .append(Html.escape(significantInterval(m)))
                        .append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody></table>\n</section>\n");
    }

    private void provenance() {
        out.append("<section id=\"runs\"><h2>Runs and provenance</h2>\n<p class=\"caption\">Each run's settings, the"
                        + " versions it ran with and the hash of its data, as recorded in its ")
                .append(RunFiles.CONFIG)
                .append(".</p>\n");
        for (RunGroup g : model.groups()) {
            out.append("<details class=\"group\"><summary>")
                    .append(swatch(g))
                    .append(label(g))
                    .append(" — ")
                    .append(Html.escape(g.method()))
                    .append(", ")
                    .append(g.runs().size())
                    .append(g.runs().size() == 1 ? " seed" : " seeds")
                    .append(
                            g.duplicates().isEmpty()
                                    ? ""
                                    : " + " + g.duplicates().size() + " duplicate"
                                            + (g.duplicates().size() == 1 ? "" : "s") + " (not counted)")
                    .append("</summary><div class=\"body\">\n<h3>Shared settings</h3>")
                    .append(keyValues(new LinkedHashMap<>(g.key())));
            List<RunRecord> all = new ArrayList<>(g.runs());
            all.addAll(g.duplicates());
            for (RunRecord r : all) {
                out.append("<details class=\"run\"><summary>")
                        .append(Html.escape(r.name()))
                        .append(" · seed ")
                        .append(Html.escape(r.configText("seed")))
                        .append(g.duplicates().contains(r) ? " · duplicate seed, not counted" : "")
                        .append(" · test error ")
                        .append(Format.number(Column.TEST_ERROR.shown(r), 2))
                        .append("%</summary><div class=\"body\">\n")
                        .append("<p class=\"caption mono\">")
                        .append(Html.escape(r.dir().toAbsolutePath().normalize().toString()))
                        .append("</p><h3>Config</h3>")
                        .append(keyValues(flatten(r.config())))
                        .append("<h3>Provenance</h3>")
                        .append(keyValues(flatten(r.provenance())));
                if (!r.notes().isEmpty()) {
                    out.append("<h3>Notes</h3><ul>");
                    r.notes()
                            .forEach(n ->
                                    out.append("<li>").append(Html.escape(n)).append("</li>"));
                    out.append("</ul>");
                }
                out.append("</div></details>\n");
            }
            out.append("</div></details>\n");
        }
        out.append("</section>\n");
    }

    private void notes() {
        List<String> lines = new ArrayList<>(
                model.skipped().stream().map(s -> "skipped " + s).toList());
        for (RunRecord r : model.runs()) {
            for (String n : r.notes()) {
                if (!n.startsWith(RunFiles.CONFIG + " is missing")) {
                    lines.add(r.name() + ": " + n);
                }
            }
        }
        if (lines.isEmpty()) {
            return;
        }
        out.append("<section id=\"notes\"><h2>Notes</h2>\n<ul class=\"notes\">");
        lines.forEach(l -> out.append("<li>").append(Html.escape(l)).append("</li>"));
        out.append("</ul>\n</section>\n");
    }

    private void method() {
        out.append("<section id=\"method\"><h2>Method</h2>\n<p>Runs whose configs differ only in the seed (and in paths"
                + " and thread counts) form a configuration; a configuration is named by its method as its paper"
                + " writes it (SGD, SAM ρ = 0.1, LookSAM ρ = 0.05, k = 5; another base optimizer is named first, as"
                + " in Adam + SAM) and by the other settings that differ between configurations. The title names"
                + " what every run shares. Each run contributes its final epoch. A configuration's figure is the"
                + " mean over its n runs with the 95% Student-t interval mean ± t<sub>0.975, n−1</sub>·s/√n. A"
                + " sharpness-aware configuration is compared with the configuration that trains with its base"
                + " optimizer alone and otherwise the same settings (the method's parameters aside): the"
                + " difference of means with Welch's 95% interval, t<sub>0.975, ν</sub>·√(s₁²/n₁ + s₂²/n₂), ν by"
                + " Welch–Satterthwaite, for the test error and for λmax alike. An interval that excludes zero"
                + " marks a difference larger than the seed-to-seed noise; with few seeds intervals are wide, by"
                + " design.</p>\n</section>\n");
    }

    private void plot(String id, boolean tall) {
        out.append("<div class=\"plot")
                .append(tall ? " tall" : "")
                .append("\" id=\"")
                .append(id)
                .append("\" data-figure></div>\n");
    }

    /**
     * A configuration's name as table text: escaped, and broken only after a comma or around " · ", so
     * that "SAM ρ = 0.1" stays on one line in a narrow column.
     */
    static String label(RunGroup g) {
        return Html.escape(g.label())
                .replace(" ", "&nbsp;")
                .replace(",&nbsp;", ", ")
                .replace("&nbsp;·&nbsp;", " · ");
    }

    static String swatch(RunGroup g) {
        return "<span class=\"swatch\" style=\"background:" + Palette.color(g.index()) + "\"></span>";
    }

    private String keyValues(Map<String, String> values) {
        StringBuilder b = new StringBuilder("<dl class=\"kv\">");
        values.forEach((k, v) -> b.append("<dt>")
                .append(Html.escape(k))
                .append("</dt><dd>")
                .append(Html.escape(v))
                .append("</dd>"));
        return b.append("</dl>").toString();
    }

    private static Map<String, String> flatten(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        flatten("", node, out);
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else {
            out.put(prefix, node.isValueNode() ? node.asText() : node.toString());
        }
    }

    private static String significantInterval(MeanInterval m) {
        if (!m.present()) {
            return Format.MISSING;
        }
        return m.hasInterval()
                ? Format.significant(m.mean()) + " ± " + Format.significant(m.halfWidth())
                : Format.significant(m.mean());
    }

    private void forEachRun(BiConsumer<RunGroup, RunRecord> action) {
        for (RunGroup g : model.groups()) {
            for (RunRecord r : g.runs()) {
                action.accept(g, r);
            }
        }
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource io/sam4j/report/html/" + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource io/sam4j/report/html/" + name, e);
        }
    }

    /** Builds an {@link HtmlReport}. */
    public static final class Builder {

        private ReportModel model;
        private String title;
        private String generator = "sam4j";
        private Instant created = Instant.now();

        private Builder() {}

        /** Sets the model to render (required). */
        public Builder setModel(ReportModel model) {
            this.model = Objects.requireNonNull(model, "model");
            return this;
        }

        /**
         * Sets the page title (default: the comparison and the task the runs share, {@link
         * ReportModel#title()}).
         */
        public Builder optTitle(String title) {
            this.title = Objects.requireNonNull(title, "title");
            return this;
        }

        /** Sets the generator named in the footer, e.g. "sam4j 0.1.0" (default "sam4j"). */
        public Builder optGenerator(String generator) {
            this.generator = Objects.requireNonNull(generator, "generator");
            return this;
        }

        /** Sets the time stamp in the footer (default now). */
        public Builder optCreated(Instant created) {
            this.created = Objects.requireNonNull(created, "created");
            return this;
        }

        /** Returns the report. */
        public HtmlReport build() {
            if (model == null) {
                throw new IllegalStateException("HtmlReport needs setModel(...)");
            }
            return new HtmlReport(this);
        }
    }
}
