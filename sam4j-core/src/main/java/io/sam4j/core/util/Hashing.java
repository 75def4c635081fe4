package io.sam4j.core.util;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/** SHA-256 digests as lower-case hex, for checkpoints, datasets and reproducibility records. */
public final class Hashing {

    private static final int BUFFER_SIZE = 64 * 1024;

    private Hashing() {}

    /** Returns the SHA-256 of {@code data} as 64 lower-case hex digits. */
    public static String sha256Hex(byte[] data) {
        Objects.requireNonNull(data, "data");
        return HexFormat.of().formatHex(newSha256().digest(data));
    }

    /**
     * Returns the SHA-256 of the contents of {@code files}, read in order as one stream, as 64
     * lower-case hex digits. For one file this equals {@code sha256sum file}; for several it equals
     * {@code cat f1 f2 ... | sha256sum}. Files are streamed, never loaded whole.
     *
     * @throws IllegalArgumentException if no file is given
     * @throws IOException if a file cannot be read
     */
    public static String sha256Hex(Path... files) throws IOException {
        Objects.requireNonNull(files, "files");
        Checks.checkArgument(files.length > 0, "at least one file is required but got %s", 0);
        MessageDigest digest = newSha256();
        byte[] buffer = new byte[BUFFER_SIZE];
        for (Path file : files) {
            Objects.requireNonNull(file, "file");
            try (InputStream in = Files.newInputStream(file)) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    digest.update(buffer, 0, n);
                }
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform is required to provide SHA-256.
            throw new IllegalStateException("SHA-256 is not available on this JVM", e);
        }
    }
}
