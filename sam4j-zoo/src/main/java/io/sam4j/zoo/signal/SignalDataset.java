package io.sam4j.zoo.signal;

import io.sam4j.core.util.Checks;
import java.util.Arrays;
import java.util.List;

/**
 * Labelled single-channel signals of one length, held row-major in one array.
 *
 * @param name the dataset's name
 * @param values {@code size × length} amplitudes
 * @param length samples per signal
 * @param labels one class per signal
 * @param classNames the name of each class
 */
public record SignalDataset(String name, float[] values, int length, int[] labels, List<String> classNames) {

    /** Checks sizes and labels. */
    public SignalDataset {
        classNames = List.copyOf(classNames);
        Checks.checkPositive("length", length);
        Checks.checkArgument(
                values.length == (long) labels.length * length,
                "%s signals of length %s need %s values" + " but got %s",
                labels.length,
                length,
                (long) labels.length * length,
                values.length);
        for (int i = 0; i < labels.length; i++) {
            Checks.checkArgument(
                    labels[i] >= 0 && labels[i] < classNames.size(),
                    "label %s of signal %s is outside" + " [0, %s)",
                    labels[i],
                    i,
                    classNames.size());
        }
    }

    public int size() {
        return labels.length;
    }

    public int numClasses() {
        return classNames.size();
    }

    /** Returns the signals at {@code indices}, in that order. */
    public SignalDataset subset(int[] indices) {
        float[] picked = new float[indices.length * length];
        int[] pickedLabels = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            System.arraycopy(values, indices[k] * length, picked, k * length, length);
            pickedLabels[k] = labels[indices[k]];
        }
        return new SignalDataset(name, picked, length, pickedLabels, classNames);
    }

    /** Returns this set followed by {@code other} (same length and classes). */
    public SignalDataset concat(SignalDataset other) {
        Checks.checkArgument(
                other.length == length && other.classNames.equals(classNames),
                "cannot join signals of length %s, classes %s with length %s, classes %s",
                length,
                classNames,
                other.length,
                other.classNames);
        float[] joined = Arrays.copyOf(values, values.length + other.values.length);
        System.arraycopy(other.values, 0, joined, values.length, other.values.length);
        int[] joinedLabels = Arrays.copyOf(labels, labels.length + other.labels.length);
        System.arraycopy(other.labels, 0, joinedLabels, labels.length, other.labels.length);
        return new SignalDataset(name, joined, length, joinedLabels, classNames);
    }

    /** Returns how many signals each class has. */
    public int[] classCounts() {
        int[] counts = new int[classNames.size()];
        for (int l : labels) {
            counts[l]++;
        }
        return counts;
    }
}
