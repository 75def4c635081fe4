/**
 * Per-image data augmentation on float arrays in C×H×W layout: random crop with zero or reflect padding,
 * horizontal flip, Cutout and per-channel normalization, composed by an
 * {@link io.sam4j.zoo.augment.AugmentationPipeline} and described on the command line by an
 * {@link io.sam4j.zoo.augment.AugmentationSpec}.
 *
 * <p>Every random choice is drawn from a {@link java.util.Random} passed in by the caller, so a caller that
 * seeds it per image (as {@code io.sam4j.zoo.data.DataLoader} does) gets results independent of thread
 * scheduling.
 */
package io.sam4j.zoo.augment;
