package io.sam4j.zoo.augment;

/** How {@link RandomCrop} fills the border it adds around an image. */
public enum PaddingMode {
    /** Pad with zeros. */
    ZERO,
    /**
     * Mirror the image without repeating the edge pixel, as numpy's {@code np.pad(mode='reflect')}:
     * {@code [1 2 3]} padded by 2 gives {@code [3 2 1 2 3 2 1]}.
     */
    REFLECT
}
