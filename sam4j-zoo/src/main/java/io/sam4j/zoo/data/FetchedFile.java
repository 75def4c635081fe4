package io.sam4j.zoo.data;

import java.nio.file.Path;

/**
 * What {@link DatasetFetcher} did for one file.
 *
 * @param fileName the file's name in the dataset folder
 * @param path where it now is
 * @param downloaded true if it was downloaded now, false if a good copy was already there
 * @param sha256 the file's SHA-256
 */
public record FetchedFile(String fileName, Path path, boolean downloaded, String sha256) {}
