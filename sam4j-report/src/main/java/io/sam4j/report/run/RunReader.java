package io.sam4j.report.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sam4j.core.run.NativeCrash;
import io.sam4j.core.run.RunFiles;
import io.sam4j.core.run.RunKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/** Reads a run directory into a {@link RunRecord}, turning every unreadable optional file into a note. */
public final class RunReader {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** PNG files larger than this are not inlined (a report must stay small enough to mail). */
    static final long MAX_PNG_BYTES = 2_000_000;

    private RunReader() {}

    /** Reads the run in {@code dir}, shown as {@code name}. */
    public static RunRecord read(String name, Path dir) {
        List<String> notes = new ArrayList<>();
        ObjectNode config = JSON.createObjectNode();
        ObjectNode provenance = JSON.createObjectNode();
        Optional<JsonNode> configFile = readJson(dir, RunFiles.CONFIG, notes);
        if (configFile.isPresent()) {
            JsonNode root = configFile.get();
            if (root.get(RunKeys.Config.CONFIG) instanceof ObjectNode c) {
                config = c;
            } else if (root.isObject()) {
                notes.add(RunFiles.CONFIG + " has no '" + RunKeys.Config.CONFIG + "' object");
            }
            if (root.get(RunKeys.Config.PROVENANCE) instanceof ObjectNode p) {
                provenance = p;
            }
        } else if (!Files.exists(dir.resolve(RunFiles.CONFIG))) {
            notes.add(RunFiles.CONFIG + " is missing: the run's settings are unknown");
        }
        List<Map<String, Double>> metrics = readMetrics(dir.resolve(RunFiles.METRICS), notes);
        NativeCrash.find(dir).ifPresent(crash -> notes.add(crash.describe()));
        JsonNode summary = readJson(dir, RunFiles.SUMMARY, notes).orElse(JSON.createObjectNode());
        Optional<HessianSpectrum> hessian = readJson(dir, RunFiles.HESSIAN, notes)
                .flatMap(n -> parse(RunFiles.HESSIAN, n, HessianSpectrum::parse, notes));
        Optional<Landscape> line = readJson(dir, RunFiles.LANDSCAPE_1D, notes)
                .flatMap(n -> parse(RunFiles.LANDSCAPE_1D, n, Landscape::parse1d, notes));
        Optional<Landscape> grid = readJson(dir, RunFiles.LANDSCAPE_2D, notes)
                .flatMap(n -> parse(RunFiles.LANDSCAPE_2D, n, Landscape::parse2d, notes));
        Optional<Landscape> interpolation = readJson(dir, RunFiles.LANDSCAPE_INTERPOLATION, notes)
                .flatMap(n -> parse(RunFiles.LANDSCAPE_INTERPOLATION, n, Landscape::parse1d, notes));
        Map<String, Double> sharpness = new TreeMap<>();
        readJson(dir, RunFiles.SHARPNESS, notes).ifPresent(n -> flattenNumbers("", n, sharpness));
        // How it was measured is provenance, not a result.
        sharpness
                .keySet()
                .removeIf(k -> k.startsWith(RunKeys.Sharpness.SETTINGS + ".") || k.equals(RunKeys.Sharpness.SECONDS));
        Optional<byte[]> png = readPng(dir.resolve(RunFiles.HESSIAN_DENSITY_PNG), notes);
        return new RunRecord(
                name,
                dir,
                config,
                provenance,
                metrics,
                summary,
                hessian,
                png,
                line,
                grid,
                interpolation,
                sharpness,
                notes);
    }

    private static Optional<JsonNode> readJson(Path dir, String file, List<String> notes) {
        Path path = dir.resolve(file);
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(path.toFile()));
        } catch (IOException e) {
            notes.add(file + " could not be read: " + firstLine(e.getMessage()));
            return Optional.empty();
        }
    }

    private static <T> Optional<T> parse(String file, JsonNode node, Function<JsonNode, T> parser, List<String> notes) {
        try {
            return Optional.of(parser.apply(node));
        } catch (IllegalArgumentException e) {
            notes.add(file + " was skipped: " + e.getMessage());
            return Optional.empty();
        }
    }

    private static List<Map<String, Double>> readMetrics(Path file, List<String> notes) {
        List<Map<String, Double>> rows = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            notes.add(RunFiles.METRICS + " is missing: the run logged no epoch");
            return rows;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            notes.add(RunFiles.METRICS + " could not be read: " + firstLine(e.getMessage()));
            return rows;
        }
        int bad = 0;
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode node = JSON.readTree(line);
                Map<String, Double> row = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    double v = JsonValues.number(e.getValue());
                    if (e.getValue().isNumber() || e.getValue().isNull()) {
                        row.put(e.getKey(), v);
                    }
                }
                rows.add(row);
            } catch (IOException e) {
                bad++;
            }
        }
        if (bad > 0) {
            notes.add(RunFiles.METRICS + ": " + bad + " unreadable line(s) skipped");
        }
        rows.sort((a, b) ->
                Double.compare(a.getOrDefault(RunKeys.Metrics.EPOCH, 0.0), b.getOrDefault(RunKeys.Metrics.EPOCH, 0.0)));
        return rows;
    }

    private static Optional<byte[]> readPng(Path file, List<String> notes) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            if (Files.size(file) > MAX_PNG_BYTES) {
                notes.add(file.getFileName() + " is larger than " + MAX_PNG_BYTES + " bytes and was not inlined");
                return Optional.empty();
            }
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length < 8
                    || (bytes[0] & 0xff) != 0x89
                    || bytes[1] != 'P'
                    || bytes[2] != 'N'
                    || bytes[3] != 'G') {
                notes.add(file.getFileName() + " is not a PNG image and was skipped");
                return Optional.empty();
            }
            return Optional.of(bytes);
        } catch (IOException e) {
            notes.add(file.getFileName() + " could not be read: " + firstLine(e.getMessage()));
            return Optional.empty();
        }
    }

    private static void flattenNumbers(String prefix, JsonNode node, Map<String, Double> out) {
        if (node.isNumber()) {
            out.put(prefix, node.asDouble());
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                flattenNumbers(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
