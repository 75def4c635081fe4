package io.sam4j.core.tensorboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventCodecTest {

    @Test
    void omitsZeroWallTimeAndStepLikeProto3() {
        // Event{wall_time: 0.0, step: 1, summary{value{tag: "a", simple_value: 1.0}}}:
        //   10 01        step (field 2, varint) = 1; wall_time 0.0 is the default, so absent
        //   2A 0A        summary (field 5, length-delimited), 10 bytes
        //     0A 08      value (field 1, length-delimited), 8 bytes
        //       0A 01 61 tag (field 1) = "a"
        //       15 00 00 80 3F simple_value (field 2, fixed32) = 1.0f = 0x3F800000
        byte[] encoded = EventCodec.encode(Event.ofScalars(0.0, 1, Map.of("a", 1.0f)));
        assertThat(encoded)
                .containsExactly(0x10, 0x01, 0x2A, 0x0A, 0x0A, 0x08, 0x0A, 0x01, 0x61, 0x15, 0x00, 0x00, 0x80, 0x3F);
    }

    @Test
    void alwaysWritesSimpleValueEvenWhenZero() throws IOException {
        byte[] encoded = EventCodec.encode(Event.ofScalars(0.0, 0, Map.of("z", 0.0f)));
        assertThat(encoded).containsExactly(0x2A, 0x0A, 0x0A, 0x08, 0x0A, 0x01, 'z', 0x15, 0x00, 0x00, 0x00, 0x00);
        assertThat(EventCodec.decode(encoded, 0, encoded.length).scalars()).containsExactly(Map.entry("z", 0.0f));
    }

    @Test
    void roundTripsEveryField() throws IOException {
        Map<String, Float> scalars = new LinkedHashMap<>();
        scalars.put("loss", 0.25f);
        scalars.put("accuracy", 0.875f);
        scalars.put("nan", Float.NaN);
        Event event = Event.ofScalars(1_700_000_000.125, -3, scalars);
        byte[] encoded = EventCodec.encode(event);

        Event decoded = EventCodec.decode(encoded, 0, encoded.length);

        assertThat(decoded.wallTime()).isEqualTo(1_700_000_000.125);
        assertThat(decoded.step()).isEqualTo(-3L);
        assertThat(decoded.fileVersion()).isNull();
        assertThat(decoded.scalars())
                .containsExactly(Map.entry("loss", 0.25f), Map.entry("accuracy", 0.875f), Map.entry("nan", Float.NaN));
    }

    @Test
    void skipsUnknownFieldsAndNonScalarValues() throws IOException {
        byte[] image =
                new ProtoWriter().stringField(1, "img").stringField(4, "png").toByteArray();
        byte[] scalar = new ProtoWriter()
                .stringField(7, "node")
                .stringField(1, "lr")
                .floatField(2, 0.5f)
                .toByteArray();
        byte[] summary =
                new ProtoWriter().bytesField(1, image).bytesField(1, scalar).toByteArray();
        byte[] event = new ProtoWriter()
                .doubleField(1, 2.0)
                .int64Field(2, 9)
                .stringField(6, "log message")
                .bytesField(5, summary)
                .floatField(99, 1f)
                .toByteArray();

        Event decoded = EventCodec.decode(event, 0, event.length);

        assertThat(decoded).isEqualTo(new Event(2.0, 9, null, Map.of("lr", 0.5f)));
    }

    @Test
    void decodesFileVersion() throws IOException {
        byte[] encoded = EventCodec.encode(Event.ofFileVersion(3.0, "brain.Event:2"));
        Event decoded = EventCodec.decode(encoded, 0, encoded.length);
        assertThat(decoded.isFileVersion()).isTrue();
        assertThat(decoded.fileVersion()).isEqualTo("brain.Event:2");
        assertThat(decoded.wallTime()).isEqualTo(3.0);
        assertThat(decoded.scalars()).isEmpty();
    }

    @Test
    void encodesAPluginSummaryAsTensorBoardsSummaryOpsDo() throws IOException {
        // Event{summary{value{tag: "t", tensor{dtype: DT_FLOAT, tensor_shape{dim{}}},
        //                    metadata{plugin_data{plugin_name: "p", content: "\x01"}}}}}:
        //   2A 17           summary (field 5), 23 bytes
        //     0A 15         value (field 1), 21 bytes
        //       0A 01 74    tag (field 1) = "t"
        //       42 06       tensor (field 8), 6 bytes
        //         08 01     dtype (field 1, varint) = DT_FLOAT = 1
        //         12 02     tensor_shape (field 2), 2 bytes
        //           12 00   dim (field 2), an empty message: size 0 is the default
        //       4A 08       metadata (field 9), 8 bytes
        //         0A 06     plugin_data (field 1), 6 bytes
        //           0A 01 70  plugin_name (field 1) = "p"
        //           12 01 01  content (field 2) = 0x01
        PluginSummary plugin = new PluginSummary("t", "p", new byte[] {1});
        byte[] encoded = EventCodec.encode(Event.ofPlugin(0.0, 0, plugin));
        assertThat(encoded)
                .containsExactly(
                        0x2A, 0x17, 0x0A, 0x15, 0x0A, 0x01, 0x74, 0x42, 0x06, 0x08, 0x01, 0x12, 0x02, 0x12, 0x00, 0x4A,
                        0x08, 0x0A, 0x06, 0x0A, 0x01, 0x70, 0x12, 0x01, 0x01);

        Event decoded = EventCodec.decode(encoded, 0, encoded.length);
        assertThat(decoded.plugins()).containsExactly(plugin);
        assertThat(decoded.scalars()).isEmpty();
        assertThat(decoded.isFileVersion()).isFalse();
    }

    @Test
    void readsScalarsAndPluginSummariesOfOneSummaryWhateverTheFieldOrder() throws IOException {
        // Metadata before the tag, and a value whose metadata names no plugin (skipped).
        byte[] pluginData = new ProtoWriter()
                .stringField(1, "hparams")
                .bytesField(2, new byte[] {7, 8})
                .toByteArray();
        byte[] pluginValue = new ProtoWriter()
                .bytesField(9, new ProtoWriter().bytesField(1, pluginData).toByteArray())
                .stringField(1, "_hparams_/session_start_info")
                .toByteArray();
        byte[] bare = new ProtoWriter()
                .stringField(1, "no plugin")
                .bytesField(9, new ProtoWriter().stringField(2, "display name").toByteArray())
                .toByteArray();
        byte[] scalar =
                new ProtoWriter().stringField(1, "lr").floatField(2, 0.5f).toByteArray();
        byte[] summary = new ProtoWriter()
                .bytesField(1, pluginValue)
                .bytesField(1, bare)
                .bytesField(1, scalar)
                .toByteArray();
        byte[] event = new ProtoWriter().int64Field(2, 4).bytesField(5, summary).toByteArray();

        Event decoded = EventCodec.decode(event, 0, event.length);

        assertThat(decoded.step()).isEqualTo(4);
        assertThat(decoded.scalars()).containsExactly(Map.entry("lr", 0.5f));
        assertThat(decoded.plugins())
                .containsExactly(new PluginSummary("_hparams_/session_start_info", "hparams", new byte[] {7, 8}));
    }
}
