package io.sam4j.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The header of HotSpot's error file, as OpenJDK 17 wrote it when libtorch's oneDNN died here. */
class NativeCrashTest {

    private static final String SIGFPE_HEADER = """
            #
            # A fatal error has been detected by the Java Runtime Environment:
            #
            #  SIGFPE (0x8) at pc=0x00007f15d4030a92, pid=21140, tid=21141
            #
            # JRE version: OpenJDK Runtime Environment (17.0.15+6) (build 17.0.15+6-Debian-1deb12u1)
            # Java VM: OpenJDK 64-Bit Server VM (17.0.15+6-Debian-1deb12u1, mixed mode, sharing, tiered, \
            compressed oops, compressed class ptrs, g1 gc, linux-amd64)
            # Problematic frame:
            # C  [libtorch_cpu.so+0x11630a92]  dnnl::impl::cpu::x64::brgemm_convolution_bwd_utils::\
            brg_blocking_t::est_eff_1x1()+0xae2
            #
            # No core dump will be written.
            """;

    private static final String INTERNAL_ERROR_HEADER = """
            #
            # A fatal error has been detected by the Java Runtime Environment:
            #
            #  Internal Error (g1ConcurrentMark.cpp:1200), pid=7, tid=9
            #  guarantee(false) failed: example
            #
            """;

    @Test
    void readsTheSignalAndTheFrameItDiedIn(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("hs_err_pid21140.log"), SIGFPE_HEADER);
        NativeCrash crash = NativeCrash.read(file);
        assertThat(crash.signal()).isEqualTo("SIGFPE");
        assertThat(crash.frame())
                .isEqualTo("dnnl::impl::cpu::x64::brgemm_convolution_bwd_utils::brg_blocking_t::est_eff_1x1()");
        assertThat(crash.describe()).isEqualTo("crashed (SIGFPE in native code), see " + file);
    }

    @Test
    void anErrorWithoutSignalIsAJvmError(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("hs_err_pid7.log"), INTERNAL_ERROR_HEADER);
        NativeCrash crash = NativeCrash.read(file);
        assertThat(crash.signal()).isNull();
        assertThat(crash.describe()).isEqualTo("crashed (JVM error), see " + file);
    }

    @Test
    void findsTheNewestErrorFileOfARunAndNothingElse(@TempDir Path dir) throws Exception {
        assertThat(NativeCrash.find(dir)).isEmpty();
        Files.writeString(dir.resolve("hs_err_pid1.txt"), SIGFPE_HEADER);
        Files.writeString(dir.resolve("replay_pid1.log"), SIGFPE_HEADER);
        assertThat(NativeCrash.find(dir)).as("only hs_err_pid<N>.log counts").isEmpty();
        Path older = Files.writeString(dir.resolve("hs_err_pid7.log"), INTERNAL_ERROR_HEADER);
        Path newer = Files.writeString(dir.resolve("hs_err_pid21140.log"), SIGFPE_HEADER);
        Files.setLastModifiedTime(older, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
        Files.setLastModifiedTime(newer, FileTime.from(Instant.parse("2026-01-02T00:00:00Z")));
        assertThat(NativeCrash.find(dir))
                .hasValueSatisfying(c -> assertThat(c.errorFile()).isEqualTo(newer));
        assertThat(NativeCrash.find(dir.resolve("absent"))).isEmpty();
    }
}
