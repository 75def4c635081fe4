package io.sam4j.core.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void writesANewFile() throws IOException {
        Path target = dir.resolve("sub/dir/config.yaml");
        AtomicFiles.writeString(target, "rho: 0.05\n");
        assertThat(Files.readString(target)).isEqualTo("rho: 0.05\n");
        assertThat(entries(target.getParent())).containsExactly("config.yaml");
    }

    @Test
    void replacesAnExistingFile() throws IOException {
        Path target = Files.writeString(dir.resolve("metrics.json"), "old and longer content");
        AtomicFiles.write(target, out -> out.write("new".getBytes(StandardCharsets.UTF_8)));
        assertThat(Files.readString(target)).isEqualTo("new");
        assertThat(entries(dir)).containsExactly("metrics.json");
    }

    @Test
    void keepsTheOldFileAndRemovesTheTempFileWhenTheWriterFailsHalfWay() throws IOException {
        Path target = Files.writeString(dir.resolve("model.params"), "old");
        IOException failure = new IOException("disk full");

        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
                    out.write(new byte[100_000]); // more than the buffer, so bytes reach the temp file
                    assertThat(entries(dir)).hasSize(2).anyMatch(n -> n.startsWith(".model.params.tmp-"));
                    throw failure;
                }))
                .isSameAs(failure);

        assertThat(Files.readString(target)).isEqualTo("old");
        assertThat(entries(dir)).containsExactly("model.params");
    }

    @Test
    void cleansUpAfterUncheckedFailuresToo() throws IOException {
        Path target = dir.resolve("never-created");
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
                    out.write(1);
                    throw new IllegalStateException("boom");
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("boom");
        assertThat(entries(dir)).isEmpty();
    }

    @Test
    void toleratesAWriterThatClosesItsStream() throws IOException {
        Path target = dir.resolve("closed.txt");
        AtomicFiles.write(target, out -> {
            out.write('o');
            out.close();
        });
        assertThat(Files.readString(target)).isEqualTo("o");
    }

    @Test
    void rejectsATargetWithoutFileName() {
        Path root = dir.getRoot();
        assertThatThrownBy(() -> AtomicFiles.writeString(root, "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("target must name a file but was '" + root + "'");
    }

    private static List<String> entries(Path directory) {
        try (Stream<Path> paths = Files.list(directory)) {
            return paths.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
