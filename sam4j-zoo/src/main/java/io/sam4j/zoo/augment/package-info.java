/**
 * Data augmentation on float arrays in C×H×W layout: random crop with zero or reflect padding, horizontal
 * flip, Cutout (per image, or per batch as a {@link io.sam4j.zoo.augment.BatchAugmentation}), AutoAugment
 * and RandAugment over the PIL-defined operations of {@link io.sam4j.zoo.augment.ImageOps}, the
 * shape-changing crops of image folders ({@link io.sam4j.zoo.augment.RandomResizedCrop},
 * {@link io.sam4j.zoo.augment.CenterCrop}) and per-channel normalization, composed by an
 * {@link io.sam4j.zoo.augment.AugmentationPipeline} and described on the command line by an
 * {@link io.sam4j.zoo.augment.AugmentationSpec}.
 *
 * <p>Every random choice is drawn from a {@link java.util.Random} passed in by the caller, so a caller that
 * seeds it per image (as {@code io.sam4j.zoo.data.DataLoader} does) gets results independent of thread
 * scheduling.
 */
package io.sam4j.zoo.augment;
