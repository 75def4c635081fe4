package io.sam4j.report.html;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Opens a page in Debian's headless Chromium and returns the DOM after its scripts ran. A hook injected
 * as the page's first script records uncaught errors, unhandled rejections, {@code console.error} calls
 * and {@code alert} calls in the {@code data-page-errors} attribute of the root element.
 */
final class HeadlessChromium {

    static final String ERRORS_ATTRIBUTE = "data-page-errors";

    private static final String HOOK = """
            <script>(function () {
              var errors = [];
              function record(kind, text) {
                errors.push(kind + ": " + text);
                document.documentElement.setAttribute("%s", JSON.stringify(errors));
              }
              document.documentElement.setAttribute("%s", "[]");
              window.addEventListener("error", function (e) { record("error", e.message || String(e.target && e.target.outerHTML)); }, true);
              window.addEventListener("unhandledrejection", function (e) { record("rejection", String(e.reason)); });
              var consoleError = console.error;
              console.error = function () { record("console.error", Array.prototype.join.call(arguments, " ")); consoleError.apply(console, arguments); };
              window.alert = function (m) { record("alert", String(m)); };
            })();</script>
            """.formatted(ERRORS_ATTRIBUTE, ERRORS_ATTRIBUTE);

    private HeadlessChromium() {}

    /** Returns the Chromium executable on the PATH, if any. */
    static Optional<Path> find() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String name : List.of("chromium", "chromium-browser")) {
            for (String dir : path.split(File.pathSeparator)) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Opens {@code page} and writes a PNG of its top, {@code width} × {@code height} CSS pixels, once its
     * scripts ran (plotly draws within the virtual time budget).
     *
     * @param work a scratch directory (a fresh profile and the log go there)
     */
    static void screenshot(Path chromium, Path page, Path png, int width, int height, Path work)
            throws IOException, InterruptedException {
        Path profile = Files.createDirectories(work.resolve("profile-shot"));
        Path log = work.resolve("chromium-shot.log");
        Files.createDirectories(png.toAbsolutePath().getParent());
        run(
                chromium,
                profile,
                log,
                ProcessBuilder.Redirect.to(log.toFile()),
                "--hide-scrollbars",
                "--window-size=" + width + "," + height,
                "--virtual-time-budget=15000",
                "--screenshot=" + png.toAbsolutePath(),
                page.toUri().toString());
    }

    /**
     * Copies {@code page} with the hook as its first script, opens it and returns the serialized DOM.
     *
     * @param work a scratch directory (the copy and a fresh profile go there)
     */
    static String dumpDom(Path chromium, Path page, Path work) throws IOException, InterruptedException {
        String html = Files.readString(page, StandardCharsets.UTF_8);
        int head = html.indexOf("<head>");
        if (head < 0) {
            throw new IllegalArgumentException(page + " has no <head>");
        }
        Path hooked = work.resolve("hooked.html");
        Files.writeString(
                hooked, html.substring(0, head + 6) + HOOK + html.substring(head + 6), StandardCharsets.UTF_8);
        Path profile = Files.createDirectories(work.resolve("profile"));
        Path dom = work.resolve("dom.html");
        Path log = work.resolve("chromium.log");
        run(
                chromium,
                profile,
                log,
                ProcessBuilder.Redirect.to(dom.toFile()),
                "--enable-unsafe-swiftshader",
                "--window-size=1280,2000",
                "--virtual-time-budget=15000",
                "--dump-dom",
                hooked.toUri().toString());
        return Files.readString(dom, StandardCharsets.UTF_8);
    }

    /**
     * Runs headless Chromium with a fresh profile and the flags that keep it off the network (this machine
     * refuses outside connections), then {@code args}; fails if it runs over 90 s or exits non-zero.
     */
    private static void run(Path chromium, Path profile, Path log, ProcessBuilder.Redirect stdout, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                chromium.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout);
        if (stdout.file() != null && stdout.file().equals(log.toFile())) {
            builder.redirectErrorStream(true);
        } else {
            builder.redirectError(log.toFile());
        }
        Process process = builder.start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("chromium did not finish within 90 s; see " + log);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("chromium exited with " + process.exitValue() + ": "
                    + Files.readString(log).lines().reduce((x, y) -> y).orElse(""));
        }
    }
}
