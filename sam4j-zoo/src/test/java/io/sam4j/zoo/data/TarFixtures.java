package io.sam4j.zoo.data;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Writes small tar.gz archives, including hostile ones, for the archive and CIFAR tests. */
final class TarFixtures {

    private TarFixtures() {}

    /** An entry to write: a file with content, a folder, or a link to {@code link}. */
    record Entry(String name, byte type, byte[] content, String link) {
        static Entry file(String name, byte[] content) {
            return new Entry(name, TarConstants.LF_NORMAL, content, null);
        }

        static Entry dir(String name) {
            return new Entry(name, TarConstants.LF_DIR, new byte[0], null);
        }

        static Entry symlink(String name, String target) {
            return new Entry(name, TarConstants.LF_SYMLINK, new byte[0], target);
        }

        static Entry hardlink(String name, String target) {
            return new Entry(name, TarConstants.LF_LINK, new byte[0], target);
        }

        static Entry fifo(String name) {
            return new Entry(name, TarConstants.LF_FIFO, new byte[0], null);
        }
    }

    /** Writes the entries, in order, as a gzipped tar. */
    static void write(Path archive, Entry... entries) {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(archive));
                TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Entry e : entries) {
                // preserveAbsolutePath = true: commons-compress would otherwise strip the leading '/'.
                TarArchiveEntry entry = new TarArchiveEntry(e.name(), e.type(), true);
                if (e.link() != null) {
                    entry.setLinkName(e.link());
                }
                entry.setSize(e.type() == TarConstants.LF_NORMAL ? e.content().length : 0);
                tar.putArchiveEntry(entry);
                if (e.type() == TarConstants.LF_NORMAL) {
                    tar.write(e.content());
                }
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes files (name to content) in map order as a gzipped tar, with their folders. */
    static void writeFiles(Path archive, Map<String, byte[]> files) {
        write(
                archive,
                files.entrySet().stream()
                        .map(e -> Entry.file(e.getKey(), e.getValue()))
                        .toArray(Entry[]::new));
    }
}
