package io.sam4j.core.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A JVM that died in native code, as its HotSpot error file ({@code hs_err_pid<PID>.log}) tells it.
 * Runs started by a sweep write that file into their run directory ({@code -XX:ErrorFile}), so the
 * sweep's status table and the report can say "crashed (SIGFPE in native code), see FILE" instead
 * of a bare exit code; a crash leaves no other trace, since the JVM cannot run any Java code then.
 *
 * @param errorFile the hs_err file
 * @param signal the signal named in its header, e.g. {@code SIGFPE}, or {@code null} when the JVM
 *     stopped on an internal error rather than a signal
 * @param frame the problematic frame's function (the native frame it died in), or {@code null}
 */
public record NativeCrash(Path errorFile, String signal, String frame) {

    /** The file name HotSpot gives the error file, and the pattern sam4j passes to {@code -XX:ErrorFile}. */
    public static final String FILE_PATTERN = "hs_err_pid%p.log";

    private static final Pattern SIGNAL = Pattern.compile("^#\\s+(SIG[A-Z]+) \\(0x[0-9a-f]+\\)");
    private static final Pattern FRAME = Pattern.compile("^#\\s+C\\s+\\[[^\\]]*\\]\\s+(.+?)(\\+0x[0-9a-f]+)?$");
    private static final int HEADER_LINES = 40;

    /** Returns the newest crash recorded in {@code runDir}, if its JVM ever died in native code. */
    public static Optional<NativeCrash> find(Path runDir) {
        if (!Files.isDirectory(runDir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(runDir)) {
            return files.filter(p -> p.getFileName().toString().matches("hs_err_pid\\d+\\.log"))
                    .max(Comparator.comparing(NativeCrash::modified))
                    .map(NativeCrash::read);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + runDir, e);
        }
    }

    /** Reads the signal and the problematic frame from the error file's header. */
    public static NativeCrash read(Path errorFile) {
        List<String> lines;
        try (Stream<String> all = Files.lines(errorFile, StandardCharsets.ISO_8859_1)) {
            lines = all.limit(HEADER_LINES).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + errorFile, e);
        }
        String signal = null;
        String frame = null;
        for (String line : lines) {
            Matcher s = SIGNAL.matcher(line);
            if (signal == null && s.find()) {
                signal = s.group(1);
            }
            Matcher f = FRAME.matcher(line);
            if (frame == null && f.find()) {
                frame = f.group(1).strip();
            }
        }
        return new NativeCrash(errorFile, signal, frame);
    }

    /** One line for a status table or a report, e.g. {@code crashed (SIGFPE in native code), see F}. */
    public String describe() {
        return "crashed (" + (signal == null ? "JVM error" : signal + " in native code") + "), see " + errorFile;
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
