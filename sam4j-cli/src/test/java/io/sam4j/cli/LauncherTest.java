package io.sam4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./sam4j} launcher builds quietly: one line saying it builds, nothing of Maven's own output
 * (Debian's Maven 3.8 prints raw colour resets even with {@code -q -Dstyle.color=never}), and no build
 * when the jar is current. Maven and Java are stand-ins here that print what a quiet build prints and
 * record how they were called, so the test takes a second, not a build's minutes.
 */
class LauncherTest {

    private static final String BUILDING =
            "sam4j: building the CLI (mvn package; the first build fetches dependencies)...";

    private record Result(int exitCode, String out, String err) {}

    private static void script(Path file, String body) throws IOException {
        Files.writeString(file, "#!/usr/bin/env bash\n" + body, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static Result launch(Path root, Path bin, Path home) throws Exception {
        ProcessBuilder builder =
                new ProcessBuilder("bash", root.resolve("sam4j").toString(), "--version");
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        builder.environment().put("HOME", home.toString());
        builder.environment().put("SAM4J_CRASH_DIR", home.resolve("crashes").toString());
        Process process = builder.start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), out, err);
    }

    @Test
    void buildsWithOneLineThenRunsAndLaterRunsWithoutBuilding(@TempDir Path dir) throws Exception {
        Path root = Files.createDirectories(dir.resolve("repo"));
        Files.copy(Path.of("..", "sam4j"), root.resolve("sam4j"));
        Files.writeString(root.resolve("pom.xml"), "<project/>");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path calls = dir.resolve("mvn-calls");
        // What Debian's Maven prints on a quiet, successful build: colour resets and empty lines.
        script(
                bin.resolve("mvn"),
                "echo \"$*\" >> '" + calls + "'\n"
                        + "printf '\\033[0m\\033[0m\\n\\n\\033[0m'\n"
                        + "mkdir -p sam4j-cli/target/lib && touch sam4j-cli/target/sam4j-cli.jar\n");
        script(bin.resolve("java"), "echo \"java $*\"\n");
        Path home = Files.createDirectories(dir.resolve("home"));

        Result first = launch(root, bin, home);
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.err()).isEqualTo(BUILDING + "\n");
        assertThat(first.out()).startsWith("java ").endsWith("--version\n");
        assertThat(Files.readString(calls)).contains("-q", "-B", "-Dstyle.color=never", "-DskipTests", "package");

        // The jar is now newer than every source: no build, no line.
        Result second = launch(root, bin, home);
        assertThat(second.err()).isEmpty();
        assertThat(second.out()).startsWith("java ");
        assertThat(Files.readAllLines(calls)).hasSize(1);
    }

    @Test
    void aFailedBuildSaysSoInOneLineAfterMavensErrors(@TempDir Path dir) throws Exception {
        Path root = Files.createDirectories(dir.resolve("repo"));
        Files.copy(Path.of("..", "sam4j"), root.resolve("sam4j"));
        Path bin = Files.createDirectories(dir.resolve("bin"));
        script(bin.resolve("mvn"), "printf '\\033[1;31m[ERROR]\\033[0m COMPILATION ERROR\\n'; exit 1\n");
        script(bin.resolve("java"), "echo java\n");

        Result result = launch(root, bin, Files.createDirectories(dir.resolve("home")));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err().lines())
                .containsExactly(
                        BUILDING,
                        "[ERROR] COMPILATION ERROR",
                        "sam4j: build failed; run 'mvn -B -DskipTests package' in " + root.toAbsolutePath()
                                + " to see why");
    }
}
