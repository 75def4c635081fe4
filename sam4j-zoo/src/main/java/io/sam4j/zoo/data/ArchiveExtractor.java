package io.sam4j.zoo.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Extracts a {@code .tar.gz} (or plain {@code .tar}) archive into a folder, refusing any entry that could
 * write outside it.
 *
 * <p>The archive is read twice: a first pass checks every entry and refuses the whole archive, before
 * anything is written, if one entry has an absolute path, a {@code ..} component, a symbolic or hard link
 * whose target resolves outside the folder, or a type other than file, folder or link (devices, FIFOs).
 * The second pass extracts; each file is written to a temporary file beside it and moved into place, and
 * the real path of each parent folder is checked again so that links already present in the folder
 * cannot redirect a write outside it.
 */
public final class ArchiveExtractor {

    private ArchiveExtractor() {}

    /** @return whether {@code fileName} looks like an archive this class extracts */
    public static boolean isArchive(String fileName) {
        return fileName.endsWith(".tar.gz") || fileName.endsWith(".tgz") || fileName.endsWith(".tar");
    }

    /**
     * @param archive a {@code .tar.gz}, {@code .tgz} or {@code .tar} file
     * @param target the folder to extract into (created if absent)
     * @return the regular files extracted, in archive order
     * @throws DatasetException naming the archive and the refused entry, or the archive when it is corrupt
     */
    public static List<Path> extract(Path archive, Path target) {
        Path root;
        try {
            Files.createDirectories(target);
            root = target.toRealPath();
        } catch (IOException e) {
            throw new DatasetException(target + ": cannot create the extraction folder (" + e + ")", e);
        }
        forEachEntry(archive, (entry, in) -> checkedPath(archive, root, entry));
        List<Path> written = new ArrayList<>();
        forEachEntry(archive, (entry, in) -> {
            Path path = checkedPath(archive, root, entry);
            if (path != null) {
                write(archive, root, entry, in, path, written);
            }
        });
        return List.copyOf(written);
    }

    /** Returns the entry's path under {@code root}, or null for the archive's own root entry. */
    private static Path checkedPath(Path archive, Path root, TarArchiveEntry entry) {
        String name = normalize(entry.getName());
        if (name.isEmpty()) {
            return null;
        }
        if (name.startsWith("/") || name.contains("\\") || name.matches("^[A-Za-z]:.*")) {
            throw refused(archive, entry, "absolute path");
        }
        for (String part : name.split("/")) {
            if (part.equals("..")) {
                throw refused(archive, entry, "'..' component escapes the target folder");
            }
        }
        Path path = root.resolve(name).normalize();
        if (!path.startsWith(root)) {
            throw refused(archive, entry, "escapes the target folder");
        }
        if (entry.isFIFO() || entry.isCharacterDevice() || entry.isBlockDevice()) {
            throw refused(archive, entry, "unsupported entry type (device or FIFO)");
        }
        if (entry.isSymbolicLink()) {
            String link = entry.getLinkName();
            if (link.startsWith("/")
                    || !path.getParent().resolve(link).normalize().startsWith(root)) {
                throw refused(archive, entry, "symbolic link to '" + link + "' points outside the target folder");
            }
        } else if (entry.isLink()) {
            String link = normalize(entry.getLinkName());
            if (link.startsWith("/")
                    || List.of(link.split("/")).contains("..")
                    || !root.resolve(link).normalize().startsWith(root)) {
                throw refused(
                        archive, entry, "hard link to '" + entry.getLinkName() + "' points outside the target folder");
            }
        } else if (!entry.isFile() && !entry.isDirectory()) {
            throw refused(archive, entry, "unsupported entry type (device or FIFO)");
        }
        return path;
    }

    private static void write(
            Path archive, Path root, TarArchiveEntry entry, InputStream in, Path path, List<Path> written)
            throws IOException {
        if (entry.isDirectory()) {
            Files.createDirectories(path);
            requireInside(archive, root, entry, path);
            return;
        }
        Path parent = path.getParent();
        Files.createDirectories(parent);
        requireInside(archive, root, entry, parent);
        if (entry.isSymbolicLink()) {
            Files.deleteIfExists(path);
            Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
        } else if (entry.isLink()) {
            Files.deleteIfExists(path);
            Files.createLink(path, root.resolve(normalize(entry.getLinkName())));
        } else {
            Path temp = Files.createTempFile(parent, path.getFileName().toString() + ".", ".part");
            try {
                try (OutputStream out = Files.newOutputStream(temp)) {
                    in.transferTo(out);
                }
                try {
                    Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
            written.add(path);
        }
    }

    /** Guards against links that were already in the target folder before extraction. */
    private static void requireInside(Path archive, Path root, TarArchiveEntry entry, Path folder) throws IOException {
        if (!folder.toRealPath().startsWith(root)) {
            throw refused(
                    archive, entry, "its folder resolves to " + folder.toRealPath() + ", outside the target folder");
        }
    }

    /** Strips leading "./" (tar's usual prefix) and trailing slashes. */
    static String normalize(String name) {
        String n = name;
        while (n.startsWith("./")) {
            n = n.substring(2);
        }
        while (n.endsWith("/")) {
            n = n.substring(0, n.length() - 1);
        }
        return n.equals(".") ? "" : n;
    }

    private static DatasetException refused(Path archive, TarArchiveEntry entry, String why) {
        return new DatasetException(archive + ": refusing entry '" + entry.getName() + "': " + why);
    }

    /** Receives one entry and the stream positioned at its data. */
    @FunctionalInterface
    interface EntryVisitor {
        void visit(TarArchiveEntry entry, InputStream data) throws IOException;
    }

    /**
     * Streams the entries of a tar or tar.gz archive (gzip recognised by its magic bytes).
     *
     * @throws DatasetException naming the archive when it is missing, truncated or corrupt
     */
    static void forEachEntry(Path archive, EntryVisitor visitor) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive), 1 << 16);
                TarArchiveInputStream tar = new TarArchiveInputStream(decompressed(raw))) {
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                visitor.visit(entry, tar);
            }
        } catch (NoSuchFileException e) {
            throw new DatasetException(archive + ": file not found", e);
        } catch (IOException | IllegalArgumentException e) {
            throw new DatasetException(archive + ": corrupt or truncated archive (" + e.getMessage() + ")", e);
        }
    }

    private static InputStream decompressed(InputStream raw) throws IOException {
        raw.mark(2);
        int b0 = raw.read();
        int b1 = raw.read();
        raw.reset();
        return b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(raw, 1 << 16) : raw;
    }
}
