package io.sam4j.zoo.data;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

/**
 * A single SHA-256 identifying the exact dataset files a run used, for provenance records.
 *
 * <p>The digest covers, for each file in spec order: its name in UTF-8, a zero byte, its length as 8
 * big-endian bytes, then its content. Including names and lengths means that renaming or re-splitting
 * files changes the hash even if the concatenated bytes would not.
 */
public final class DatasetHash {

    private DatasetHash() {}

    /**
     * @param spec the dataset
     * @param datasetDir its folder, {@code <root>/<spec.folder()>}
     * @return lower-case hex SHA-256 over the dataset's files
     * @throws DatasetException if a file is missing or unreadable
     */
    public static String of(DatasetSpec spec, Path datasetDir) {
        return of(spec, datasetDir, DatasetOptions.DEFAULT);
    }

    /**
     * @param spec the dataset
     * @param datasetDir its folder, {@code <root>/<spec.folder()>}
     * @param options the data a run read
     * @return lower-case hex SHA-256 over the files a load with these options reads (for CIFAR: the
     *     archive, or the extracted batch files when those were read instead)
     */
    public static String of(DatasetSpec spec, Path datasetDir, DatasetOptions options) {
        if (ImageFolders.isFolder(spec)) {
            return ImageFolders.sha256(spec);
        }
        return of(spec.loader().inputs(spec, datasetDir, options));
    }

    /**
     * @param files the files, in a fixed order
     * @return lower-case hex SHA-256 over the files (see the class comment for the exact byte layout)
     */
    public static String of(List<Path> files) {
        return digest(null, files);
    }

    /**
     * As {@link #of(List)}, but each file is named by its path relative to {@code root} (with {@code /}), so
     * that moving an image to another class folder changes the hash.
     */
    public static String ofRelative(Path root, List<Path> files) {
        return digest(root, files);
    }

    private static String digest(Path root, List<Path> files) {
        MessageDigest digest = Sha256.newDigest();
        for (Path file : files) {
            long length;
            try {
                length = Files.size(file);
            } catch (IOException e) {
                throw new DatasetException(file + ": cannot hash, file missing or unreadable (" + e + ")", e);
            }
            String name = root == null
                    ? file.getFileName().toString()
                    : root.relativize(file).toString().replace(File.separatorChar, '/');
            digest.update(name.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            for (int shift = 56; shift >= 0; shift -= 8) {
                digest.update((byte) (length >>> shift));
            }
            Sha256.update(digest, file);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
