package io.sam4j.zoo.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Choices that change which data of a dataset a run reads, beyond its name. Each loader honours the
 * options that apply to it and rejects the others, so a run never silently ignores one.
 *
 * @param coarseLabels use CIFAR-100's 20 coarse (superclass) labels instead of its 100 fine labels
 * @param extraTraining add the dataset's extra training images (SVHN's {@code extra_32x32.mat}) to its
 *     training set, as the SAM paper did for SVHN
 */
public record DatasetOptions(boolean coarseLabels, boolean extraTraining) {

    /** The standard data: fine labels, no extra training images. */
    public static final DatasetOptions DEFAULT = new DatasetOptions(false, false);

    /** @return whether these are the {@link #DEFAULT} options */
    public boolean isDefault() {
        return equals(DEFAULT);
    }

    /** @return the options that differ from the default, as their CLI flags (for messages) */
    public List<String> describe() {
        List<String> set = new ArrayList<>();
        if (coarseLabels) {
            set.add("--cifar100-labels coarse");
        }
        if (extraTraining) {
            set.add("--svhn-extra");
        }
        return set;
    }
}
