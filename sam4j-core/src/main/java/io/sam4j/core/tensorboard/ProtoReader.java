package io.sam4j.core.tensorboard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads protobuf fields from a byte range. Any field can be skipped by its wire type, so messages
 * written by newer TensorFlow versions, with fields this package does not know, still decode.
 * Malformed input raises {@link IOException} naming the byte position within the range.
 */
final class ProtoReader {

    private final byte[] data;
    private final int end;
    private int position;

    ProtoReader(byte[] data) {
        this(data, 0, data.length);
    }

    ProtoReader(byte[] data, int offset, int length) {
        this.data = data;
        this.position = offset;
        this.end = offset + length;
    }

    boolean hasRemaining() {
        return position < end;
    }

    /** Reads a field tag; split it with {@code tag >>> 3} (field) and {@code tag & 7} (wire type). */
    int readTag() throws IOException {
        int at = position;
        long tag = readVarint();
        if ((tag >>> 3) == 0 || tag > 0xFFFF_FFFFL) {
            throw new IOException("invalid field tag " + tag + " at byte " + at);
        }
        return (int) tag;
    }

    long readVarint() throws IOException {
        int at = position;
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            require(1, "varint", at);
            byte b = data[position++];
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new IOException("varint longer than 10 bytes at byte " + at);
    }

    int readFixed32() throws IOException {
        require(4, "fixed32", position);
        int value = 0;
        for (int i = 0; i < 4; i++) {
            value |= (data[position++] & 0xFF) << (8 * i);
        }
        return value;
    }

    long readFixed64() throws IOException {
        require(8, "fixed64", position);
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value |= (data[position++] & 0xFFL) << (8 * i);
        }
        return value;
    }

    double readDouble() throws IOException {
        return Double.longBitsToDouble(readFixed64());
    }

    float readFloat() throws IOException {
        return Float.intBitsToFloat(readFixed32());
    }

    String readString() throws IOException {
        int length = readLength();
        String value = new String(data, position, length, StandardCharsets.UTF_8);
        position += length;
        return value;
    }

    /** Reads a {@code bytes} field's value. */
    byte[] readBytes() throws IOException {
        int length = readLength();
        byte[] value = Arrays.copyOfRange(data, position, position + length);
        position += length;
        return value;
    }

    /** Returns a reader over the next length-delimited field, an embedded message. */
    ProtoReader readMessage() throws IOException {
        int length = readLength();
        ProtoReader message = new ProtoReader(data, position, length);
        position += length;
        return message;
    }

    /** Skips the value of a field whose tag was just read. */
    void skip(int tag) throws IOException {
        int wireType = tag & 7;
        switch (wireType) {
            case WireType.VARINT -> readVarint();
            case WireType.FIXED64 -> skipBytes(8, "fixed64");
            case WireType.LENGTH_DELIMITED -> {
                // Not "position += readLength()": Java would add to the position before the call.
                int length = readLength();
                position += length;
            }
            case WireType.FIXED32 -> skipBytes(4, "fixed32");
            default ->
                throw new IOException(
                        "unsupported wire type " + wireType + " for field " + (tag >>> 3) + " before byte " + position);
        }
    }

    private int readLength() throws IOException {
        int at = position;
        long length = readVarint();
        if (length < 0 || length > end - position) {
            throw new IOException(
                    "length " + length + " at byte " + at + " exceeds the " + (end - position) + " bytes left");
        }
        return (int) length;
    }

    private void skipBytes(int count, String what) throws IOException {
        require(count, what, position);
        position += count;
    }

    private void require(int count, String what, int at) throws IOException {
        if (end - position < count) {
            throw new IOException("truncated " + what + " at byte " + at);
        }
    }
}
