package io.sam4j.core.tensorboard;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Serializes {@link Event} to and from the protobuf wire format of {@code tensorflow.Event}.
 *
 * <pre>
 * message Event   { double wall_time = 1; int64 step = 2;
 *                   oneof what { string file_version = 3; Summary summary = 5; ... } }
 * message Summary { repeated Value value = 1; }
 * message Value   { string tag = 1; oneof value { float simple_value = 2; ... } }
 * </pre>
 *
 * <p>Encoding follows proto3 like TensorFlow's own serializer, so the bytes match it: fields go in
 * field-number order, and {@code wall_time}/{@code step} are omitted when zero (they are not in a
 * oneof), while {@code simple_value} is always written because it is.
 */
final class EventCodec {

    private static final int EVENT_WALL_TIME = 1;
    private static final int EVENT_STEP = 2;
    private static final int EVENT_FILE_VERSION = 3;
    private static final int EVENT_SUMMARY = 5;
    private static final int SUMMARY_VALUE = 1;
    private static final int VALUE_TAG = 1;
    private static final int VALUE_SIMPLE_VALUE = 2;

    private EventCodec() {}

    static byte[] encode(Event event) {
        ProtoWriter out = new ProtoWriter();
        if (Double.doubleToRawLongBits(event.wallTime()) != 0) {
            out.doubleField(EVENT_WALL_TIME, event.wallTime());
        }
        if (event.step() != 0) {
            out.int64Field(EVENT_STEP, event.step());
        }
        if (event.isFileVersion()) {
            out.stringField(EVENT_FILE_VERSION, event.fileVersion());
        } else {
            out.bytesField(EVENT_SUMMARY, encodeSummary(event.scalars()));
        }
        return out.toByteArray();
    }

    private static byte[] encodeSummary(Map<String, Float> scalars) {
        ProtoWriter summary = new ProtoWriter();
        scalars.forEach((tag, value) -> summary.bytesField(
                SUMMARY_VALUE,
                new ProtoWriter()
                        .stringField(VALUE_TAG, tag)
                        .floatField(VALUE_SIMPLE_VALUE, value)
                        .toByteArray()));
        return summary.toByteArray();
    }

    static Event decode(byte[] data, int offset, int length) throws IOException {
        ProtoReader in = new ProtoReader(data, offset, length);
        double wallTime = 0;
        long step = 0;
        String fileVersion = null;
        Map<String, Float> scalars = new LinkedHashMap<>();
        while (in.hasRemaining()) {
            int tag = in.readTag();
            if (tag == WireType.tag(EVENT_WALL_TIME, WireType.FIXED64)) {
                wallTime = in.readDouble();
            } else if (tag == WireType.tag(EVENT_STEP, WireType.VARINT)) {
                step = in.readVarint();
            } else if (tag == WireType.tag(EVENT_FILE_VERSION, WireType.LENGTH_DELIMITED)) {
                // Members of a oneof replace each other; the last one on the wire wins.
                fileVersion = in.readString();
                scalars.clear();
            } else if (tag == WireType.tag(EVENT_SUMMARY, WireType.LENGTH_DELIMITED)) {
                fileVersion = null;
                decodeSummary(in.readMessage(), scalars);
            } else {
                in.skip(tag);
            }
        }
        return new Event(wallTime, step, fileVersion, scalars);
    }

    private static void decodeSummary(ProtoReader in, Map<String, Float> scalars) throws IOException {
        while (in.hasRemaining()) {
            int tag = in.readTag();
            if (tag == WireType.tag(SUMMARY_VALUE, WireType.LENGTH_DELIMITED)) {
                decodeValue(in.readMessage(), scalars);
            } else {
                in.skip(tag);
            }
        }
    }

    /** Adds the value's scalar, if it has one; images, histograms and tensors are skipped. */
    private static void decodeValue(ProtoReader in, Map<String, Float> scalars) throws IOException {
        String tag = "";
        Float value = null;
        while (in.hasRemaining()) {
            int fieldTag = in.readTag();
            if (fieldTag == WireType.tag(VALUE_TAG, WireType.LENGTH_DELIMITED)) {
                tag = in.readString();
            } else if (fieldTag == WireType.tag(VALUE_SIMPLE_VALUE, WireType.FIXED32)) {
                value = in.readFloat();
            } else {
                in.skip(fieldTag);
            }
        }
        if (value != null) {
            scalars.put(tag, value);
        }
    }
}
