package io.sam4j.zoo.model;

/**
 * TensorFlow's {@code padding='SAME'} rule for one spatial dimension, as {@code
 * tf.nn.convolution} documents it and {@code jax.lax.conv_general_dilated} (which the official SAM
 * code's Flax convolutions call with {@code padding='SAME'}) implements it: the output has {@code
 * ceil(in / stride)} positions, the input is padded by {@code max((out - 1) * stride + kernel - in,
 * 0)} zeros in all, and when that total is odd the extra zero goes at the end (bottom or right).
 *
 * <p>At stride 1 this is symmetric, (k - 1) / 2 each side, as torchvision pads; at stride 2 on an
 * even size it is not: (0, 1) for a 3x3 kernel and (1, 2) for 5x5, where torchvision pads (1, 1)
 * and (2, 2). That shifts every sampled position by one pixel, so weights trained with one rule give
 * a different function under the other.
 */
record TfSamePadding(int before, int after, int output) {

    /**
     * Applies the rule.
     *
     * @param input the input size along the dimension, at least 1
     * @param kernel the kernel size, at least 1
     * @param stride the stride, at least 1
     * @return the zeros before and after, and the output size
     */
    static TfSamePadding of(long input, int kernel, int stride) {
        if (input < 1 || kernel < 1 || stride < 1) {
            throw new IllegalArgumentException("SAME padding needs positive sizes, got input " + input + ", kernel "
                    + kernel + ", stride " + stride);
        }
        int out = Math.toIntExact((input + stride - 1) / stride);
        int total = Math.toIntExact(Math.max((long) (out - 1) * stride + kernel - input, 0));
        return new TfSamePadding(total / 2, total - total / 2, out);
    }
}
