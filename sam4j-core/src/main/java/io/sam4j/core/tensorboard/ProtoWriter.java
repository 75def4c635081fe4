package io.sam4j.core.tensorboard;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Appends protobuf fields to a growing byte array. Only the encodings the TensorBoard messages need
 * are covered: varints, little-endian fixed32/fixed64 and length-delimited bytes.
 */
final class ProtoWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** Writes an {@code int64} field (negative values take ten bytes, as in protobuf). */
    ProtoWriter int64Field(int fieldNumber, long value) {
        varint(WireType.tag(fieldNumber, WireType.VARINT));
        return varint(value);
    }

    /** Writes a {@code double} field. */
    ProtoWriter doubleField(int fieldNumber, double value) {
        varint(WireType.tag(fieldNumber, WireType.FIXED64));
        return fixed64(Double.doubleToRawLongBits(value));
    }

    /** Writes a {@code float} field. */
    ProtoWriter floatField(int fieldNumber, float value) {
        varint(WireType.tag(fieldNumber, WireType.FIXED32));
        return fixed32(Float.floatToRawIntBits(value));
    }

    /** Writes a {@code string} field as UTF-8. */
    ProtoWriter stringField(int fieldNumber, String value) {
        return bytesField(fieldNumber, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes a {@code bytes} field or an embedded message already serialized to {@code value}. */
    ProtoWriter bytesField(int fieldNumber, byte[] value) {
        varint(WireType.tag(fieldNumber, WireType.LENGTH_DELIMITED));
        varint(value.length);
        out.writeBytes(value);
        return this;
    }

    /** Writes {@code value} as a base-128 varint, seven bits per byte, least significant first. */
    ProtoWriter varint(long value) {
        long rest = value;
        while ((rest & ~0x7FL) != 0) {
            out.write((int) ((rest & 0x7F) | 0x80));
            rest >>>= 7;
        }
        out.write((int) rest);
        return this;
    }

    /** Writes four bytes, little-endian. */
    ProtoWriter fixed32(int value) {
        for (int shift = 0; shift < 32; shift += 8) {
            out.write(value >>> shift);
        }
        return this;
    }

    /** Writes eight bytes, little-endian. */
    ProtoWriter fixed64(long value) {
        for (int shift = 0; shift < 64; shift += 8) {
            out.write((int) (value >>> shift));
        }
        return this;
    }

    /** Returns a copy of everything written so far. */
    byte[] toByteArray() {
        return out.toByteArray();
    }
}
