package io.sam4j.core.tensorboard;

import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * CRC-32C (Castagnoli) checksums in the masked form used by TFRecord framing.
 *
 * <p>TFRecord stores a "masked" CRC because computing the CRC of data that itself embeds CRCs is
 * error-prone; rotating and adding a constant makes such nested checksums unlikely to collide.
 */
public final class Crc32c {

    /** The constant TensorFlow adds after rotating, see {@code tensorflow/core/lib/hash/crc32c.h}. */
    private static final int MASK_DELTA = 0xa282ead8;

    private Crc32c() {}

    /** Returns the plain CRC-32C of {@code data[off, off + len)} as an unsigned 32-bit value. */
    public static int crc32c(byte[] data, int off, int len) {
        Objects.checkFromIndexSize(off, len, Objects.requireNonNull(data, "data").length);
        CRC32C crc = new CRC32C();
        crc.update(data, off, len);
        return (int) crc.getValue();
    }

    /** Returns the masked CRC-32C of {@code data[off, off + len)}, as TFRecord stores it. */
    public static int maskedCrc32c(byte[] data, int off, int len) {
        return mask(crc32c(data, off, len));
    }

    /** Applies the TFRecord mask: rotate right by 15 bits, then add {@code 0xa282ead8} mod 2^32. */
    public static int mask(int crc) {
        return ((crc >>> 15) | (crc << 17)) + MASK_DELTA;
    }
}
