/**
 * Datasets for SAM experiments: an in-memory {@link io.sam4j.zoo.data.ImageDataset}, IDX (MNIST-family)
 * reading and writing, a catalog of known datasets with their mirrors and checksums, locating and fetching
 * dataset files, provenance hashing, stratified subsets, image-folder datasets ({@code folder:PATH},
 * {@link io.sam4j.zoo.data.ImageFolders}) and a deterministic prefetching {@link io.sam4j.zoo.data.DataLoader}.
 *
 * <p>Every error caused by bad input is a {@link io.sam4j.zoo.data.DatasetException} whose message is one
 * line naming the offending file or value, so a CLI can print it as is.
 */
package io.sam4j.zoo.data;
