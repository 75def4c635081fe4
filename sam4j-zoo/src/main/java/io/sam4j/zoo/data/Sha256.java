package io.sam4j.zoo.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Streaming SHA-256 into one digest across several files or a download in progress; a single
 * file's hash is {@link io.sam4j.core.util.Hashing#sha256Hex(Path...)}.
 */
final class Sha256 {

    private Sha256() {}

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform is required to provide SHA-256.
            throw new IllegalStateException(e);
        }
    }

    /** Feeds the file's bytes into {@code digest}. */
    static void update(MessageDigest digest, Path file) {
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot read for hashing (" + e + ")", e);
        }
    }
}
