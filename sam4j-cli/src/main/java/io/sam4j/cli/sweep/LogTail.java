package io.sam4j.cli.sweep;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Finds why a run failed in its {@code sweep.log}, looking only at the last attempt. */
public final class LogTail {

    /** The line a worker prints when an attempt starts. */
    public static final String ATTEMPT_MARKER = "== sam4j sweep: attempt";

    private static final String ERROR_PREFIX = "sam4j: error: ";
    private static final int TAIL_BYTES = 64 * 1024;
    private static final int MAX_REASON = 240;

    private LogTail() {}

    /**
     * Returns the last error line of the last attempt (the CLI prints errors as {@code sam4j: error:
     * ...}), else that attempt's last non-blank line, else {@code fallback}.
     */
    public static String reason(Path log, String fallback) {
        List<String> lines = lastAttempt(log);
        String lastLine = null;
        for (int i = lines.size() - 1; i >= 0; i--) {
            String line = lines.get(i).strip();
            if (line.startsWith(ERROR_PREFIX)) {
                return shorten(line.substring(ERROR_PREFIX.length()));
            }
            if (lastLine == null && !line.isEmpty()) {
                lastLine = line;
            }
        }
        return lastLine == null ? fallback : shorten(lastLine);
    }

    private static List<String> lastAttempt(Path log) {
        if (!Files.isRegularFile(log)) {
            return List.of();
        }
        String text;
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long start = Math.max(0, file.length() - TAIL_BYTES);
            byte[] bytes = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(bytes);
            text = new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of();
        }
        List<String> lines = text.lines().toList();
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith(ATTEMPT_MARKER)) {
                return lines.subList(i + 1, lines.size());
            }
        }
        return lines;
    }

    private static String shorten(String line) {
        return line.length() <= MAX_REASON ? line : line.substring(0, MAX_REASON - 3) + "...";
    }
}
