package io.sam4j.core.tensorboard;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The summaries of TensorBoard's HParams plugin, which lists runs as a table of hyperparameters and
 * their final metrics: a run's session starts with its hyperparameters and ends with a status, and
 * the plugin takes the metrics from the last value of each scalar tag of the run.
 *
 * <p>Both are {@link PluginSummary plugin summaries} of plugin {@value #PLUGIN_NAME} whose content
 * is a serialized {@code HParamsPluginData} (TensorBoard's {@code plugins/hparams/plugin_data.proto}
 * and {@code api.proto}):
 *
 * <pre>
 * message HParamsPluginData { int32 version = 1;
 *     oneof data { Experiment experiment = 2; SessionStartInfo session_start_info = 3;
 *                  SessionEndInfo session_end_info = 4; } }
 * message SessionStartInfo  { map&lt;string, google.protobuf.Value&gt; hparams = 1; string model_uri = 2;
 *     string monitor_url = 3; string group_name = 4; double start_time_secs = 5; }
 * message SessionEndInfo    { Status status = 1; double end_time_secs = 2; }
 * message google.protobuf.Value { oneof kind { NullValue null_value = 1; double number_value = 2;
 *     string string_value = 3; bool bool_value = 4; ... } }
 * </pre>
 *
 * <p>A map field is a repeated entry message {@code {string key = 1; Value value = 2;}}. Version 0,
 * the only one the plugin reads, is proto3's default and so absent. No {@code Experiment} summary is
 * written: the plugin reads one experiment per log directory, so when each run wrote its own, a
 * directory of several runs would show one run's columns; without one the plugin builds the table
 * from every run's session start and scalar tags.
 */
public final class HParams {

    /** The plugin name TensorBoard's HParams plugin registers. */
    public static final String PLUGIN_NAME = "hparams";
    /** The tag of a session's start, as TensorBoard's {@code hparams.metadata} names it. */
    public static final String SESSION_START_TAG = "_hparams_/session_start_info";
    /** The tag of a session's end. */
    public static final String SESSION_END_TAG = "_hparams_/session_end_info";

    private static final int DATA_SESSION_START = 3;
    private static final int DATA_SESSION_END = 4;
    private static final int START_HPARAMS = 1;
    private static final int START_TIME_SECS = 5;
    private static final int END_STATUS = 1;
    private static final int END_TIME_SECS = 2;
    private static final int ENTRY_KEY = 1;
    private static final int ENTRY_VALUE = 2;
    private static final int VALUE_NUMBER = 2;
    private static final int VALUE_STRING = 3;
    private static final int VALUE_BOOL = 4;

    /** How a session ended: {@code tensorboard.hparams.Status}, by its wire number. */
    public enum Status {
        UNKNOWN,
        SUCCESS,
        FAILURE,
        RUNNING
    }

    private HParams() {}

    /**
     * Returns a session's start: its hyperparameters, in the map's order, and when it started.
     *
     * @param hparams name to value, each a {@link String}, a {@link Boolean} or a {@link Number}
     *     (logged as a double, the only number type the plugin knows)
     * @param startTimeSecs seconds since the Unix epoch
     * @throws IllegalArgumentException for a value of another type, or an empty name
     */
    public static PluginSummary sessionStart(Map<String, ?> hparams, double startTimeSecs) {
        ProtoWriter start = new ProtoWriter();
        hparams.forEach((name, value) -> {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException(
                        "hyperparameter names must be non-empty but got " + hparams.keySet());
            }
            start.bytesField(
                    START_HPARAMS,
                    new ProtoWriter()
                            .stringField(ENTRY_KEY, name)
                            .bytesField(ENTRY_VALUE, value(name, value))
                            .toByteArray());
        });
        if (Double.doubleToRawLongBits(startTimeSecs) != 0) {
            start.doubleField(START_TIME_SECS, startTimeSecs);
        }
        byte[] content = new ProtoWriter()
                .bytesField(DATA_SESSION_START, start.toByteArray())
                .toByteArray();
        return new PluginSummary(SESSION_START_TAG, PLUGIN_NAME, content);
    }

    /** Returns a session's end: its status and when it ended, in seconds since the Unix epoch. */
    public static PluginSummary sessionEnd(Status status, double endTimeSecs) {
        ProtoWriter end = new ProtoWriter();
        if (status.ordinal() != 0) {
            end.int64Field(END_STATUS, status.ordinal());
        }
        if (Double.doubleToRawLongBits(endTimeSecs) != 0) {
            end.doubleField(END_TIME_SECS, endTimeSecs);
        }
        byte[] content = new ProtoWriter()
                .bytesField(DATA_SESSION_END, end.toByteArray())
                .toByteArray();
        return new PluginSummary(SESSION_END_TAG, PLUGIN_NAME, content);
    }

    /** Encodes a {@code google.protobuf.Value}; a oneof member is written even when it is the default. */
    private static byte[] value(String name, Object value) {
        ProtoWriter out = new ProtoWriter();
        if (value instanceof String text) {
            out.stringField(VALUE_STRING, text);
        } else if (value instanceof Boolean flag) {
            out.int64Field(VALUE_BOOL, flag ? 1 : 0);
        } else if (value instanceof Number number) {
            out.doubleField(VALUE_NUMBER, number.doubleValue());
        } else {
            throw new IllegalArgumentException("hyperparameter '" + name + "' must be a string, a boolean or a number"
                    + " but was " + (value == null ? "null" : value.getClass().getSimpleName()));
        }
        return out.toByteArray();
    }

    /**
     * Reads the hyperparameters of a session start written by this class or by TensorBoard: name to
     * {@link String}, {@link Boolean} or {@link Double}, in file order.
     *
     * @throws IOException if {@code summary} is not an HParams session start or is malformed
     */
    public static Map<String, Object> readSessionStart(PluginSummary summary) throws IOException {
        ProtoReader start = dataOf(summary, DATA_SESSION_START);
        Map<String, Object> hparams = new LinkedHashMap<>();
        while (start.hasRemaining()) {
            int tag = start.readTag();
            if (tag != WireType.tag(START_HPARAMS, WireType.LENGTH_DELIMITED)) {
                start.skip(tag);
                continue;
            }
            ProtoReader entry = start.readMessage();
            String key = "";
            Object value = null;
            while (entry.hasRemaining()) {
                int entryTag = entry.readTag();
                if (entryTag == WireType.tag(ENTRY_KEY, WireType.LENGTH_DELIMITED)) {
                    key = entry.readString();
                } else if (entryTag == WireType.tag(ENTRY_VALUE, WireType.LENGTH_DELIMITED)) {
                    value = readValue(entry.readMessage());
                } else {
                    entry.skip(entryTag);
                }
            }
            if (value != null) {
                hparams.put(key, value);
            }
        }
        return hparams;
    }

    /**
     * Reads the status of a session end.
     *
     * @throws IOException if {@code summary} is not an HParams session end or is malformed
     */
    public static Status readSessionEnd(PluginSummary summary) throws IOException {
        ProtoReader end = dataOf(summary, DATA_SESSION_END);
        long status = 0;
        while (end.hasRemaining()) {
            int tag = end.readTag();
            if (tag == WireType.tag(END_STATUS, WireType.VARINT)) {
                status = end.readVarint();
            } else {
                end.skip(tag);
            }
        }
        return status >= 0 && status < Status.values().length ? Status.values()[(int) status] : Status.UNKNOWN;
    }

    private static ProtoReader dataOf(PluginSummary summary, int field) throws IOException {
        Objects.requireNonNull(summary, "summary");
        if (!summary.pluginName().equals(PLUGIN_NAME)) {
            throw new IOException("summary '" + summary.tag() + "' is for plugin '" + summary.pluginName() + "', not '"
                    + PLUGIN_NAME + "'");
        }
        ProtoReader data = new ProtoReader(summary.content());
        ProtoReader found = null;
        while (data.hasRemaining()) {
            int tag = data.readTag();
            if (tag == WireType.tag(field, WireType.LENGTH_DELIMITED)) {
                found = data.readMessage();
            } else {
                data.skip(tag);
            }
        }
        if (found == null) {
            throw new IOException("HParams summary '" + summary.tag() + "' holds no "
                    + (field == DATA_SESSION_START ? "session_start_info" : "session_end_info"));
        }
        return found;
    }

    private static Object readValue(ProtoReader value) throws IOException {
        Object out = null;
        while (value.hasRemaining()) {
            int tag = value.readTag();
            if (tag == WireType.tag(VALUE_NUMBER, WireType.FIXED64)) {
                out = value.readDouble();
            } else if (tag == WireType.tag(VALUE_STRING, WireType.LENGTH_DELIMITED)) {
                out = value.readString();
            } else if (tag == WireType.tag(VALUE_BOOL, WireType.VARINT)) {
                out = value.readVarint() != 0;
            } else {
                value.skip(tag);
            }
        }
        return out;
    }
}
