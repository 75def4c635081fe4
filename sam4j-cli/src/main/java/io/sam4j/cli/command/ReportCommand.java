package io.sam4j.cli.command;

import io.sam4j.cli.UserError;
import io.sam4j.cli.Versions;
import io.sam4j.core.util.AtomicFiles;
import io.sam4j.report.html.HtmlReport;
import io.sam4j.report.model.ReportModel;
import io.sam4j.report.png.PngFigures;
import io.sam4j.report.run.ReportInputException;
import io.sam4j.report.text.Headline;
import io.sam4j.report.text.MarkdownReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sam4j report}: one self-contained HTML page that answers "did SAM help here, by how much, and
 * is the minimum flatter?" for a set of runs.
 */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Compare runs on one self-contained HTML page (no network needed to view it).",
            "Seeds of one configuration are pooled (mean ± 95% Student-t interval); each SAM configuration is",
            "compared with its SGD/Adam baseline (difference with Welch's 95% interval)."
        })
public final class ReportCommand implements Callable<Integer> {

    /** The default page, in the current directory. */
    static final Path DEFAULT_OUT = Path.of("report.html");

    @Mixin
    OutputOptions output;

    @Parameters(
            arity = "1..*",
            paramLabel = "DIR_OR_RUN",
            description = "Run directories, or folders searched for run directories (e.g. a sweep).")
    List<Path> paths;

    @Option(names = "--out", paramLabel = "FILE.html", description = "The page to write (default: report.html).")
    Path out;

    @Option(names = "--png", paramLabel = "DIR", description = "Also write the main figures as PNG files into DIR.")
    Path pngDir;

    @Option(names = "--markdown", description = "Print the results table as Markdown.")
    boolean markdown;

    @Option(names = "--title", description = "The page title (default: 'sam4j report').")
    String title;

    @Override
    public Integer call() throws IOException {
        Path page = out != null ? out : DEFAULT_OUT;
        if (Files.isDirectory(page)) {
            throw new UserError("--out " + page + " is a directory; give a file, e.g. " + page.resolve("report.html"));
        }
        if (pngDir != null && Files.exists(pngDir) && !Files.isDirectory(pngDir)) {
            throw new UserError("--png " + pngDir + " is a file; give a directory for the PNG figures");
        }
        ReportModel model = load(paths);
        write(model, page, title, System.out);
        if (pngDir != null) {
            writePngs(model, pngDir, System.out);
        }
        if (markdown) {
            System.out.println();
            System.out.print(MarkdownReport.of(model));
        }
        return 0;
    }

    /** Reads the runs, turning unusable input into a one-line user error. */
    static ReportModel load(List<Path> paths) {
        try {
            return ReportModel.load(paths);
        } catch (ReportInputException e) {
            throw new UserError(e.getMessage());
        }
    }

    /** Writes the page atomically and prints its path and the headline. */
    static void write(ReportModel model, Path page, String title, PrintStream console) throws IOException {
        HtmlReport.Builder builder = HtmlReport.builder().setModel(model).optGenerator("sam4j " + Versions.sam4j());
        if (title != null) {
            builder.optTitle(title);
        }
        Path parent = page.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        AtomicFiles.writeString(page, builder.build().render());
        console.printf(
                "report: %s (%d runs in %d configurations)%n",
                page, model.runs().size(), model.groups().size());
        Headline headline = Headline.of(model);
        headline.verdicts().forEach(v -> console.println("  " + v));
        if (!model.comparisons().isEmpty()) {
            // The interval's caveat belongs with the number.
            console.println("  " + headline.details().get(0));
        }
    }

    /** Writes the PNG figures into {@code dir}. */
    static void writePngs(ReportModel model, Path dir, PrintStream console) throws IOException {
        Files.createDirectories(dir);
        Map<String, byte[]> figures = PngFigures.render(model);
        for (Map.Entry<String, byte[]> e : figures.entrySet()) {
            AtomicFiles.write(dir.resolve(e.getKey()), stream -> stream.write(e.getValue()));
        }
        console.printf("figures: %d PNG files in %s%n", figures.size(), dir);
    }
}
