package io.sam4j.zoo.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sam4j.zoo.data.TarFixtures.Entry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveExtractorTest {

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static long filesUnder(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> !p.equals(dir)).count();
        }
    }

    @Test
    void extractsFilesFoldersAndInnerLinks(@TempDir Path dir) throws Exception {
        Path archive = dir.resolve("a.tar.gz");
        TarFixtures.write(
                archive,
                Entry.dir("./data/"),
                Entry.file("./data/x.bin", text("xyz")),
                Entry.file("data/sub/y.txt", text("why")),
                Entry.symlink("data/link", "sub/y.txt"),
                Entry.hardlink("data/hard", "data/x.bin"));
        Path target = dir.resolve("out");
        assertThat(ArchiveExtractor.extract(archive, target))
                .containsExactly(
                        target.toRealPath().resolve("data/x.bin"),
                        target.toRealPath().resolve("data/sub/y.txt"));
        assertThat(Files.readString(target.resolve("data/x.bin"))).isEqualTo("xyz");
        assertThat(Files.readString(target.resolve("data/link"))).isEqualTo("why");
        assertThat(Files.readString(target.resolve("data/hard"))).isEqualTo("xyz");
        // Extracting again replaces the files in place.
        ArchiveExtractor.extract(archive, target);
        assertThat(Files.readString(target.resolve("data/sub/y.txt"))).isEqualTo("why");
    }

    private static void assertRefused(Path dir, Entry bad, String why) throws Exception {
        Path archive = dir.resolve("evil.tar.gz");
        // A harmless entry first: refusal must come before anything is written.
        TarFixtures.write(archive, Entry.file("ok.txt", text("fine")), bad);
        Path target = Files.createDirectories(dir.resolve("target"));
        assertThatThrownBy(() -> ArchiveExtractor.extract(archive, target))
                .isInstanceOf(DatasetException.class)
                .hasMessage(archive + ": refusing entry '" + bad.name() + "': " + why);
        assertThat(filesUnder(target)).isZero();
        assertThat(Files.exists(dir.resolve("evil"))).isFalse();
    }

    @Test
    void refusesDotDotComponents(@TempDir Path dir) throws Exception {
        assertRefused(dir, Entry.file("../evil", text("x")), "'..' component escapes the target folder");
        assertRefused(dir, Entry.file("data/../../evil", text("x")), "'..' component escapes the target folder");
    }

    @Test
    void refusesAbsolutePaths(@TempDir Path dir) throws Exception {
        assertRefused(dir, Entry.file(dir.resolve("evil").toString(), text("x")), "absolute path");
    }

    @Test
    void refusesLinksThatEscape(@TempDir Path dir) throws Exception {
        assertRefused(
                dir,
                Entry.symlink("data/up", "../../etc"),
                "symbolic link to '../../etc' points outside the target folder");
        assertRefused(dir, Entry.symlink("etc", "/etc"), "symbolic link to '/etc' points outside the target folder");
        assertRefused(
                dir, Entry.hardlink("h", "../secret"), "hard link to '../secret' points outside the target folder");
    }

    @Test
    void refusesDevicesAndFifos(@TempDir Path dir) throws Exception {
        assertRefused(dir, Entry.fifo("pipe"), "unsupported entry type (device or FIFO)");
    }

    @Test
    void refusesToWriteThroughALinkAlreadyInTheTarget(@TempDir Path dir) throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Path target = Files.createDirectories(dir.resolve("target"));
        Files.createSymbolicLink(target.resolve("data"), outside);
        Path archive = dir.resolve("a.tar.gz");
        TarFixtures.write(archive, Entry.file("data/x.bin", text("x")));
        assertThatThrownBy(() -> ArchiveExtractor.extract(archive, target))
                .isInstanceOf(DatasetException.class)
                .hasMessageStartingWith(archive + ": refusing entry 'data/x.bin': its folder resolves to ");
        assertThat(filesUnder(outside)).isZero();
    }

    @Test
    void corruptArchiveIsOneLine(@TempDir Path dir) throws Exception {
        Path archive = dir.resolve("bad.tar.gz");
        Files.write(archive, new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0});
        assertThatThrownBy(() -> ArchiveExtractor.extract(archive, dir.resolve("t")))
                .isInstanceOf(DatasetException.class)
                .hasMessageStartingWith(archive + ": corrupt or truncated archive (");
        assertThatThrownBy(() -> ArchiveExtractor.extract(dir.resolve("none.tar.gz"), dir.resolve("t")))
                .hasMessage(dir.resolve("none.tar.gz") + ": file not found");
    }
}
