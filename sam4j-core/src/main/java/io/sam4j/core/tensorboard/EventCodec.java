package io.sam4j.core.tensorboard;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Serializes {@link Event} to and from the protobuf wire format of {@code tensorflow.Event}.
 *
 * <pre>
 * message Event   { double wall_time = 1; int64 step = 2;
 *                   oneof what { string file_version = 3; Summary summary = 5; ... } }
 * message Summary { repeated Value value = 1; }
 * message Value   { string tag = 1; SummaryMetadata metadata = 9;
 *                   oneof value { float simple_value = 2; TensorProto tensor = 8; ... } }
 * message SummaryMetadata { PluginData plugin_data = 1; ... }
 * message PluginData      { string plugin_name = 1; bytes content = 2; }
 * message TensorProto     { DataType dtype = 1; TensorShapeProto tensor_shape = 2; ... }
 * message TensorShapeProto { repeated Dim dim = 2; }   message Dim { int64 size = 1; ... }
 * </pre>
 *
 * <p>Encoding follows proto3 like TensorFlow's own serializer, so the bytes match it: fields go in
 * field-number order, and {@code wall_time}/{@code step} are omitted when zero (they are not in a
 * oneof), while {@code simple_value} is always written because it is. A {@link PluginSummary}
 * carries, as TensorBoard's own summary ops write it, an empty float tensor of shape {@code [0]}:
 * TensorBoard keeps a value only when its {@code value} oneof is set.
 */
final class EventCodec {

    private static final int EVENT_WALL_TIME = 1;
    private static final int EVENT_STEP = 2;
    private static final int EVENT_FILE_VERSION = 3;
    private static final int EVENT_SUMMARY = 5;
    private static final int SUMMARY_VALUE = 1;
    private static final int VALUE_TAG = 1;
    private static final int VALUE_SIMPLE_VALUE = 2;
    private static final int VALUE_TENSOR = 8;
    private static final int VALUE_METADATA = 9;
    private static final int METADATA_PLUGIN_DATA = 1;
    private static final int PLUGIN_DATA_NAME = 1;
    private static final int PLUGIN_DATA_CONTENT = 2;
    private static final int TENSOR_DTYPE = 1;
    private static final int TENSOR_SHAPE = 2;
    private static final int SHAPE_DIM = 2;
    /** {@code tensorflow.DataType.DT_FLOAT}. */
    private static final int DT_FLOAT = 1;

    /**
     * TensorBoard's {@code NULL_TENSOR}: dtype DT_FLOAT and one dimension of size 0, which as the
     * default value is absent, so the dimension is an empty message.
     */
    private static final byte[] EMPTY_FLOAT_TENSOR = new ProtoWriter()
            .int64Field(TENSOR_DTYPE, DT_FLOAT)
            .bytesField(
                    TENSOR_SHAPE,
                    new ProtoWriter().bytesField(SHAPE_DIM, new byte[0]).toByteArray())
            .toByteArray();

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
            out.bytesField(EVENT_SUMMARY, encodeSummary(event.scalars(), event.plugins()));
        }
        return out.toByteArray();
    }

    private static byte[] encodeSummary(Map<String, Float> scalars, List<PluginSummary> plugins) {
        ProtoWriter summary = new ProtoWriter();
        scalars.forEach((tag, value) -> summary.bytesField(
                SUMMARY_VALUE,
                new ProtoWriter()
                        .stringField(VALUE_TAG, tag)
                        .floatField(VALUE_SIMPLE_VALUE, value)
                        .toByteArray()));
        for (PluginSummary plugin : plugins) {
            byte[] pluginData = new ProtoWriter()
                    .stringField(PLUGIN_DATA_NAME, plugin.pluginName())
                    .bytesField(PLUGIN_DATA_CONTENT, plugin.content())
                    .toByteArray();
            summary.bytesField(
                    SUMMARY_VALUE,
                    new ProtoWriter()
                            .stringField(VALUE_TAG, plugin.tag())
                            .bytesField(VALUE_TENSOR, EMPTY_FLOAT_TENSOR)
                            .bytesField(
                                    VALUE_METADATA,
                                    new ProtoWriter()
                                            .bytesField(METADATA_PLUGIN_DATA, pluginData)
                                            .toByteArray())
                            .toByteArray());
        }
        return summary.toByteArray();
    }

    static Event decode(byte[] data, int offset, int length) throws IOException {
        ProtoReader in = new ProtoReader(data, offset, length);
        double wallTime = 0;
        long step = 0;
        String fileVersion = null;
        Map<String, Float> scalars = new LinkedHashMap<>();
        List<PluginSummary> plugins = new ArrayList<>();
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
                plugins.clear();
            } else if (tag == WireType.tag(EVENT_SUMMARY, WireType.LENGTH_DELIMITED)) {
                fileVersion = null;
                decodeSummary(in.readMessage(), scalars, plugins);
            } else {
                in.skip(tag);
            }
        }
        return new Event(wallTime, step, fileVersion, scalars, plugins);
    }

    private static void decodeSummary(ProtoReader in, Map<String, Float> scalars, List<PluginSummary> plugins)
            throws IOException {
        while (in.hasRemaining()) {
            int tag = in.readTag();
            if (tag == WireType.tag(SUMMARY_VALUE, WireType.LENGTH_DELIMITED)) {
                decodeValue(in.readMessage(), scalars, plugins);
            } else {
                in.skip(tag);
            }
        }
    }

    /**
     * Adds the value's scalar, if it has one, or else its plugin summary, if its metadata names a
     * plugin; images, histograms and tensors without plugin data are skipped.
     */
    private static void decodeValue(ProtoReader in, Map<String, Float> scalars, List<PluginSummary> plugins)
            throws IOException {
        String tag = "";
        Float value = null;
        PluginData pluginData = null;
        while (in.hasRemaining()) {
            int fieldTag = in.readTag();
            if (fieldTag == WireType.tag(VALUE_TAG, WireType.LENGTH_DELIMITED)) {
                tag = in.readString();
            } else if (fieldTag == WireType.tag(VALUE_SIMPLE_VALUE, WireType.FIXED32)) {
                value = in.readFloat();
            } else if (fieldTag == WireType.tag(VALUE_METADATA, WireType.LENGTH_DELIMITED)) {
                pluginData = decodeMetadata(in.readMessage());
            } else {
                in.skip(fieldTag);
            }
        }
        if (value != null) {
            scalars.put(tag, value);
        } else if (pluginData != null && !pluginData.name().isEmpty() && !tag.isEmpty()) {
            plugins.add(new PluginSummary(tag, pluginData.name(), pluginData.content()));
        }
    }

    /** {@code SummaryMetadata.plugin_data}: the plugin's name (empty when absent) and content. */
    private record PluginData(String name, byte[] content) {}

    private static PluginData decodeMetadata(ProtoReader metadata) throws IOException {
        String name = "";
        byte[] content = new byte[0];
        while (metadata.hasRemaining()) {
            int metadataTag = metadata.readTag();
            if (metadataTag != WireType.tag(METADATA_PLUGIN_DATA, WireType.LENGTH_DELIMITED)) {
                metadata.skip(metadataTag);
                continue;
            }
            ProtoReader pluginData = metadata.readMessage();
            while (pluginData.hasRemaining()) {
                int dataTag = pluginData.readTag();
                if (dataTag == WireType.tag(PLUGIN_DATA_NAME, WireType.LENGTH_DELIMITED)) {
                    name = pluginData.readString();
                } else if (dataTag == WireType.tag(PLUGIN_DATA_CONTENT, WireType.LENGTH_DELIMITED)) {
                    content = pluginData.readBytes();
                } else {
                    pluginData.skip(dataTag);
                }
            }
        }
        return new PluginData(name, content);
    }
}
