package io.sam4j.zoo.data;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One file of a dataset: its name inside the dataset folder, where to download it, and its SHA-256.
 *
 * @param fileName name inside {@code <root>/<dataset>/}
 * @param url the official mirror URL
 * @param sha256 lower-case hex SHA-256 of the file as served by the mirror, or {@code null} when no
 *     checksum is published (then verification reports {@link FileCheck.Status#NO_PUBLISHED_CHECKSUM})
 * @param alsoAccepted SHA-256 of known faithful re-packagings (e.g. Debian re-gzips the Fashion-MNIST files,
 *     which changes the gzip header but not the data); accepted by verification, never by the fetcher
 */
public record DatasetFile(String fileName, URI url, String sha256, Set<String> alsoAccepted) {

    /** Validates the name and checksum format, normalising hex to lower case. */
    public DatasetFile {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(url, "url");
        if (fileName.isBlank() || fileName.contains("/") || fileName.contains("\\")) {
            throw new DatasetException("dataset file name '" + fileName + "' must be a plain file name");
        }
        sha256 = sha256 == null ? null : checkHex(fileName, sha256);
        alsoAccepted = alsoAccepted == null
                ? Set.of()
                : alsoAccepted.stream().map(h -> checkHex(fileName, h)).collect(Collectors.toUnmodifiableSet());
    }

    /** A file with an official checksum and no alternatives. */
    public static DatasetFile of(String fileName, URI url, String sha256) {
        return new DatasetFile(fileName, url, sha256, Set.of());
    }

    /** @return whether an official checksum is known */
    public boolean hasChecksum() {
        return sha256 != null;
    }

    /** @return whether {@code actualSha256} is the official checksum or a known re-packaging */
    public boolean accepts(String actualSha256) {
        String h = actualSha256.toLowerCase(Locale.ROOT);
        return h.equals(sha256) || alsoAccepted.contains(h);
    }

    private static String checkHex(String fileName, String hex) {
        String h = hex.toLowerCase(Locale.ROOT);
        if (!h.matches("[0-9a-f]{64}")) {
            throw new DatasetException("checksum '" + hex + "' for " + fileName + " is not 64 hex digits");
        }
        return h;
    }
}
