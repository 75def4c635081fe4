package io.sam4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sam4j.core.sam.SamMethod;
import io.sam4j.core.sam.SamMethods;
import io.sam4j.report.text.CompareTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The "Which SAM?" tables that {@code scripts/which-sam.sh} copies from one {@code sam4j compare} into
 * README.md (the summary), docs/methods.md and BENCHMARKS.md (every grid point) say the same thing: the
 * two long copies are identical, and each summary row repeats its method's cells of the long table.
 */
class WhichSamTablesTest {

    private static final Path ROOT = Path.of("..");

    @Test
    void theReadmeSummaryRepeatsTheMeasuredTable() throws IOException {
        String table = block(ROOT.resolve("BENCHMARKS.md"), "table");
        assertThat(block(ROOT.resolve("docs/methods.md"), "table")).isEqualTo(table);
        assertThat(table).contains(CompareTable.CAPTION);

        Map<String, List<String>> full = rows(table, CompareTable.HEADINGS);
        Map<String, List<String>> summary =
                rows(block(ROOT.resolve("README.md"), "summary"), CompareTable.SUMMARY_HEADINGS);
        assertThat(summary.keySet())
                .as("every method of the catalog, in its order")
                .containsExactlyElementsOf(
                        SamMethods.all().stream().map(SamMethod::name).toList());
        assertThat(full.keySet()).containsExactlyElementsOf(summary.keySet());
        for (String method : summary.keySet()) {
            List<String> s = summary.get(method);
            List<String> f = full.get(method);
            for (int column = 0; column < CompareTable.SUMMARY_HEADINGS.size(); column++) {
                String heading = CompareTable.SUMMARY_HEADINGS.get(column);
                assertThat(s.get(column))
                        .as("%s, %s", method, heading)
                        .isEqualTo(f.get(CompareTable.HEADINGS.indexOf(heading)));
            }
        }
    }

    /** The lines between {@code <!-- which-sam:NAME -->} and its end marker. */
    private static String block(Path page, String name) throws IOException {
        String text = Files.readString(page);
        String begin = "<!-- which-sam:" + name + " -->\n";
        String end = "<!-- /which-sam:" + name + " -->";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        assertThat(from).as("%s has %s", page, begin.strip()).isNotNegative();
        assertThat(to).as("%s has %s", page, end).isGreaterThan(from);
        return text.substring(from + begin.length(), to);
    }

    /** The table's rows by method, after checking its heading row. */
    private static Map<String, List<String>> rows(String block, List<String> headings) {
        List<String> lines = block.lines().filter(l -> l.startsWith("|")).toList();
        assertThat(cells(lines.get(0))).containsExactlyElementsOf(headings);
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String line : lines.subList(2, lines.size())) {
            List<String> cells = cells(line);
            assertThat(cells).as(line).hasSize(headings.size());
            rows.put(cells.get(0), cells);
        }
        return rows;
    }

    private static List<String> cells(String line) {
        String inner = line.substring(1, line.length() - (line.endsWith("|") ? 1 : 0));
        return new ArrayList<>(
                Arrays.stream(inner.split("\\|", -1)).map(String::strip).toList());
    }
}
