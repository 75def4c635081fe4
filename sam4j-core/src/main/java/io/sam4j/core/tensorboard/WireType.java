package io.sam4j.core.tensorboard;

/** Protobuf wire types, the low three bits of every field tag. */
final class WireType {

    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;

    private WireType() {}

    /** Returns the tag that precedes a field on the wire. */
    static int tag(int fieldNumber, int wireType) {
        return (fieldNumber << 3) | wireType;
    }
}
