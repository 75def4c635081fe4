package io.sam4j.cli.report;

import io.sam4j.cli.UserError;
import io.sam4j.cli.Versions;
import io.sam4j.core.util.AtomicFiles;
import io.sam4j.report.html.HtmlReport;
import io.sam4j.report.model.ReportModel;
import io.sam4j.report.png.PngFigures;
import io.sam4j.report.run.ReportInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Reads runs into a {@link ReportModel} and writes its self-contained HTML page (and PNG figures), with
 * the generator line naming this sam4j version. What {@code sam4j report} and {@code sam4j demo} share.
 */
public final class ReportWriter {

    private ReportWriter() {}

    /**
     * Reads the runs under {@code paths}.
     *
     * @throws UserError (one line) when the paths hold no usable run
     */
    public static ReportModel load(List<Path> paths) {
        try {
            return ReportModel.load(paths);
        } catch (ReportInputException e) {
            throw new UserError(e.getMessage());
        }
    }

    /**
     * Writes the page atomically, creating its folder.
     *
     * @param model the runs
     * @param page the HTML file
     * @param title the page title, or {@code null} for the report's default
     */
    public static void writeHtml(ReportModel model, Path page, String title) throws IOException {
        HtmlReport.Builder builder = HtmlReport.builder().setModel(model).optGenerator("sam4j " + Versions.sam4j());
        if (title != null) {
            builder.optTitle(title);
        }
        Path parent = page.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        AtomicFiles.writeString(page, builder.build().render());
    }

    /**
     * Writes the main figures as PNG files into {@code dir} (created if missing).
     *
     * @return the number of files written
     */
    public static int writePngs(ReportModel model, Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, byte[]> figures = PngFigures.render(model);
        for (Map.Entry<String, byte[]> e : figures.entrySet()) {
            AtomicFiles.write(dir.resolve(e.getKey()), stream -> stream.write(e.getValue()));
        }
        return figures.size();
    }
}
