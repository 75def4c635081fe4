package io.sam4j.core.tensorboard;

/**
 * TFRecord framing of one payload:
 * {@code uint64 length | uint32 masked_crc32c(length) | data | uint32 masked_crc32c(data)}, all
 * integers little-endian.
 */
final class TfRecord {

    /** Bytes before the payload: the length and its checksum. */
    static final int HEADER_BYTES = 12;
    /** Bytes after the payload: the payload's checksum. */
    static final int FOOTER_BYTES = 4;

    private TfRecord() {}

    /** Returns {@code data} framed as one record. */
    static byte[] frame(byte[] data) {
        byte[] record = new byte[HEADER_BYTES + data.length + FOOTER_BYTES];
        putLittleEndian(record, 0, data.length, 8);
        putLittleEndian(record, 8, Crc32c.maskedCrc32c(record, 0, 8), 4);
        System.arraycopy(data, 0, record, HEADER_BYTES, data.length);
        putLittleEndian(record, HEADER_BYTES + data.length, Crc32c.maskedCrc32c(data, 0, data.length), 4);
        return record;
    }

    /** Reads {@code count} bytes at {@code offset} as an unsigned little-endian integer. */
    static long getLittleEndian(byte[] bytes, int offset, int count) {
        long value = 0;
        for (int i = 0; i < count; i++) {
            value |= (bytes[offset + i] & 0xFFL) << (8 * i);
        }
        return value;
    }

    private static void putLittleEndian(byte[] bytes, int offset, long value, int count) {
        for (int i = 0; i < count; i++) {
            bytes[offset + i] = (byte) (value >>> (8 * i));
        }
    }
}
