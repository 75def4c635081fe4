package io.sam4j.cli.command;

import io.sam4j.cli.UserError;
import io.sam4j.cli.report.ReportWriter;
import io.sam4j.report.model.ReportModel;
import io.sam4j.report.text.Headline;
import io.sam4j.report.text.MarkdownReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        footerHeading = "%nExamples:%n",
        footer = {"  sam4j report runs/rho --out rho.html", "  sam4j report runs/a runs/b --png figures --markdown"},
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Compare runs on one self-contained HTML page (no network needed to view it).",
            "Seeds of one configuration are pooled (mean ± 95%% Student-t interval); each SAM configuration is"
                    + " compared with its SGD/Adam baseline (difference with Welch's 95%% interval)."
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

    @Option(
            names = "--out",
            paramLabel = "FILE.html",
            description = "The page to write (default: report.html); an existing file is kept unless --force.")
    Path out;

    @Option(names = "--force", description = "Replace the page if it exists.")
    boolean force;

    @Option(names = "--png", paramLabel = "DIR", description = "Also write the main figures as PNG files into DIR.")
    Path pngDir;

    @Option(names = "--markdown", description = "Print the results table as Markdown.")
    boolean markdown;

    @Option(
            names = "--title",
            description = "The page title (default: the methods compared and the task the runs share, e.g. 'SGD vs"
                    + " SAM (ρ = 0.1) on Fashion-MNIST, 2,000 images, 40%% label noise, 15 epochs').")
    String title;

    @Override
    public Integer call() throws IOException {
        Path page = out != null ? out : DEFAULT_OUT;
        if (Files.isDirectory(page)) {
            throw new UserError("--out " + page + " is a directory; give a file, e.g. " + page.resolve("report.html"));
        }
        if (Files.exists(page) && !force) {
            throw new UserError("--out " + page + " already exists; choose another file or pass --force to replace it");
        }
        if (pngDir != null && Files.exists(pngDir) && !Files.isDirectory(pngDir)) {
            throw new UserError("--png " + pngDir + " is a file; give a directory for the PNG figures");
        }
        ReportModel model = ReportWriter.load(paths);
        ReportWriter.writeHtml(model, page, title);
        printHeadline(model, page, System.out);
        if (pngDir != null) {
            int figures = ReportWriter.writePngs(model, pngDir);
            System.out.printf("figures: %d PNG files in %s%n", figures, pngDir);
        }
        if (markdown) {
            System.out.println();
            System.out.print(MarkdownReport.of(model));
        }
        return 0;
    }

    /** Prints the page's path and the headline, with the interval's caveat. */
    private static void printHeadline(ReportModel model, Path page, PrintStream console) {
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
}
