package io.sam4j.zoo.data;

import java.nio.file.Path;

/**
 * The verification result of one dataset file.
 *
 * @param fileName the file's name in the dataset folder
 * @param path where it was looked for
 * @param status what was found
 * @param expectedSha256 the official checksum, or {@code null} when none is published
 * @param actualSha256 the file's checksum, or {@code null} when it is missing
 */
public record FileCheck(String fileName, Path path, Status status, String expectedSha256, String actualSha256) {

    /** Outcome of checking one file. */
    public enum Status {
        /** Present and matching the published checksum (or a known faithful re-packaging). */
        OK,
        /** Not present. */
        MISSING,
        /** Present but its SHA-256 differs from the published one. */
        CHECKSUM_MISMATCH,
        /** Present, but no checksum is published so it could not be verified. */
        NO_PUBLISHED_CHECKSUM
    }

    /** @return whether this file is usable without doubt ({@link Status#OK}) */
    public boolean ok() {
        return status == Status.OK;
    }

    /** @return a one-line human-readable description */
    public String message() {
        return switch (status) {
            case OK -> path + ": ok";
            case MISSING -> path + ": missing";
            case CHECKSUM_MISMATCH ->
                path + ": checksum mismatch: expected sha256 " + expectedSha256 + ", found " + actualSha256;
            case NO_PUBLISHED_CHECKSUM -> path + ": present, no published checksum (sha256 " + actualSha256 + ")";
        };
    }
}
