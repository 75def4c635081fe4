package io.sam4j.report.run;

import io.sam4j.core.run.RunFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Expands the paths given to a report into run directories: a path that holds a run ({@code config.json}
 * or {@code metrics.jsonl}) is one; any other folder is searched for runs below it (sweeps nest runs in
 * folders). Each run gets a display name: its path relative to the argument, or its folder name.
 */
public final class RunFinder {

    /** How deep a folder is searched for runs. */
    static final int MAX_DEPTH = 6;

    private RunFinder() {}

    /**
     * Returns the run directories under {@code paths}, keyed by display name, in a stable order.
     *
     * @throws ReportInputException naming a path that does not exist or holds no run
     */
    public static Map<String, Path> find(List<Path> paths) {
        if (paths.isEmpty()) {
            throw new ReportInputException("no run directory given");
        }
        Map<String, Path> found = new LinkedHashMap<>();
        Set<Path> seen = new HashSet<>();
        for (Path path : paths) {
            if (!Files.exists(path)) {
                throw new ReportInputException(path + " does not exist");
            }
            if (!Files.isDirectory(path)) {
                throw new ReportInputException(
                        path + " is not a sam4j run directory nor a folder of run directories (it is a file)");
            }
            List<Path> runs = new ArrayList<>();
            collect(path, 0, runs);
            if (runs.isEmpty()) {
                throw new ReportInputException(path + " is not a sam4j run directory nor a folder of run directories"
                        + " (no " + RunFiles.CONFIG + " or " + RunFiles.METRICS + " in it or below it)");
            }
            for (Path run : runs) {
                if (!seen.add(run.toAbsolutePath().normalize())) {
                    continue;
                }
                String name =
                        run.equals(path) ? nameOf(path) : path.relativize(run).toString();
                if (found.containsKey(name)) {
                    name = run.toAbsolutePath().normalize().toString();
                }
                found.put(name, run);
            }
        }
        return found;
    }

    /** Returns whether {@code dir} holds a run. */
    public static boolean isRun(Path dir) {
        return Files.isRegularFile(dir.resolve(RunFiles.CONFIG)) || Files.isRegularFile(dir.resolve(RunFiles.METRICS));
    }

    private static void collect(Path dir, int depth, List<Path> runs) {
        if (isRun(dir)) {
            runs.add(dir);
            return;
        }
        if (depth >= MAX_DEPTH) {
            return;
        }
        List<Path> children;
        try (Stream<Path> list = Files.list(dir)) {
            children = list.filter(Files::isDirectory)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        for (Path child : children) {
            collect(child, depth + 1, runs);
        }
    }

    private static String nameOf(Path path) {
        Path name = path.toAbsolutePath().normalize().getFileName();
        return name == null ? path.toString() : name.toString();
    }
}
