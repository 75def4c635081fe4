/**
 * Datasets for SAM experiments: an in-memory {@link io.sam4j.zoo.data.ImageDataset}, IDX (MNIST-family)
 * reading and writing, CIFAR-10/100 binaries (from the archive or its folder) and SVHN's MATLAB files,
 * image-folder datasets ({@code folder:PATH}, {@link io.sam4j.zoo.data.ImageFolders}), a catalog of known
 * datasets with their mirrors and checksums, locating and fetching dataset files, safe archive extraction,
 * provenance hashing, stratified subsets and validation splits, symmetric label noise, and a
 * deterministic prefetching {@link io.sam4j.zoo.data.DataLoader}.
 *
 * <p>Every error caused by bad input is a {@link io.sam4j.zoo.data.DatasetException} whose message is one
 * line naming the offending file or value, so a CLI can print it as is.
 */
package io.sam4j.zoo.data;
