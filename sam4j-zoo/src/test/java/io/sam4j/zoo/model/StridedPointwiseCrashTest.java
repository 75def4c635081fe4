package io.sam4j.zoo.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@link StridedPointwiseBackward} in a child JVM, since on the affected CPUs the engine's
 * strided 1x1 backward aborts the whole process. The zoo's convolution must always survive; the
 * engine's either runs (a CPU without the defect) or dies of exactly the defect {@link
 * OneDnnSafeConv2d} cites, whose hs_err file must name oneDNN's strided backward-data blocking. Any
 * other outcome is a new failure this workaround does not cover.
 */
class StridedPointwiseCrashTest {

    @Test
    void theZooSurvivesWhatTheEngineMayDieOf(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("child.out");
        Process child = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElseThrow(),
                        "-Xmx1g",
                        "-XX:ErrorFile=" + dir.resolve("hs_err_pid%p.log"),
                        "-cp",
                        System.getProperty("java.class.path"),
                        StridedPointwiseBackward.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        assertThat(child.waitFor(120, TimeUnit.SECONDS))
                .as("the child finished")
                .isTrue();
        String out = Files.readString(log);
        assertThat(out).as(out).contains("zoo convolution: backward ran");
        if (child.exitValue() == 0) {
            assertThat(out).contains("engine convolution: backward ran");
            System.out.println("this CPU runs the engine's strided 1x1 backward; the workaround is not needed here");
            return;
        }
        List<Path> crashLogs;
        try (Stream<Path> files = Files.list(dir)) {
            crashLogs = files.filter(p -> p.getFileName().toString().startsWith("hs_err_pid"))
                    .toList();
        }
        assertThat(crashLogs).as("exit " + child.exitValue() + ": " + out).hasSize(1);
        String crash = Files.readString(crashLogs.get(0));
        assertThat(crash).contains("SIGFPE").contains("brgemm_convolution_bwd");
        System.out.println("this CPU has the defect: the engine's strided 1x1 backward died with SIGFPE in "
                + "brgemm_convolution_bwd; the zoo's convolution ran");
    }
}
