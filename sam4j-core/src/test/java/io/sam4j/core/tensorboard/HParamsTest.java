package io.sam4j.core.tensorboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The HParams plugin's data, byte for byte as plugin_data.proto and api.proto lay it out. */
class HParamsTest {

    private static Map<String, Object> ordered(Object... entries) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < entries.length; i += 2) {
            map.put((String) entries[i], entries[i + 1]);
        }
        return map;
    }

    @Test
    void sessionStartIsTheHandEncodedMessage() {
        // HParamsPluginData{session_start_info (field 3): SessionStartInfo{
        //     hparams (field 1, map<string, google.protobuf.Value>: one entry message per key,
        //              key = 1, value = 2), start_time_secs (field 5, double)}}; version 0 is absent.
        // Value: number_value = 2 (double), string_value = 3, bool_value = 4 (varint).
        PluginSummary start = HParams.sessionStart(ordered("sam", "sam", "rho", 0.5, "n", true), 2.0);

        assertThat(start.tag()).isEqualTo("_hparams_/session_start_info");
        assertThat(start.pluginName()).isEqualTo("hparams");
        assertThat(start.content())
                .containsExactly(
                        0x1A, 0x32, // session_start_info, 50 bytes
                        0x0A, 0x0C, // entry, 12 bytes
                        0x0A, 0x03, 's', 'a', 'm', // key "sam"
                        0x12, 0x05, 0x1A, 0x03, 's', 'a', 'm', // value{string_value "sam"}
                        0x0A, 0x10, // entry, 16 bytes
                        0x0A, 0x03, 'r', 'h', 'o', // key "rho"
                        0x12, 0x09, 0x11, 0, 0, 0, 0, 0, 0, 0xE0, 0x3F, // value{number_value 0.5}
                        0x0A, 0x07, // entry, 7 bytes
                        0x0A, 0x01, 'n', // key "n"
                        0x12, 0x02, 0x20, 0x01, // value{bool_value true}
                        0x29, 0, 0, 0, 0, 0, 0, 0, 0x40); // start_time_secs 2.0
    }

    @Test
    void sessionEndIsTheHandEncodedMessage() {
        // HParamsPluginData{session_end_info (field 4): SessionEndInfo{status (field 1) = SUCCESS = 1,
        //     end_time_secs (field 2) = 0.5}}
        assertThat(HParams.sessionEnd(HParams.Status.SUCCESS, 0.5).content())
                .containsExactly(0x22, 0x0B, 0x08, 0x01, 0x11, 0, 0, 0, 0, 0, 0, 0xE0, 0x3F);
        // Proto3 leaves the defaults out: status UNKNOWN (0) and time 0.
        assertThat(HParams.sessionEnd(HParams.Status.UNKNOWN, 0).content()).containsExactly(0x22, 0x00);
        assertThat(HParams.sessionEnd(HParams.Status.FAILURE, 0).tag()).isEqualTo("_hparams_/session_end_info");
    }

    @Test
    void readsBackWhatItWrites() throws IOException {
        Map<String, Object> hparams = ordered("sam", "looksam", "rho", 0.05, "k", 5, "seed", 3L, "nesterov", false);
        Map<String, Object> read = HParams.readSessionStart(HParams.sessionStart(hparams, 1.7e9));
        // Numbers come back as the doubles the plugin stores.
        assertThat(read)
                .containsExactly(
                        Map.entry("sam", "looksam"),
                        Map.entry("rho", 0.05),
                        Map.entry("k", 5.0),
                        Map.entry("seed", 3.0),
                        Map.entry("nesterov", false));
        for (HParams.Status status : HParams.Status.values()) {
            assertThat(HParams.readSessionEnd(HParams.sessionEnd(status, 3.0))).isEqualTo(status);
        }
    }

    @Test
    void refusesValuesThePluginCannotHold() {
        assertThatThrownBy(() -> HParams.sessionStart(Map.of("dims", new int[] {1, 2}), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hyperparameter 'dims' must be a string, a boolean or a number but was int[]");
        assertThatThrownBy(() -> HParams.sessionStart(Map.of("", 1), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("hyperparameter names must be non-empty");
    }

    @Test
    void readingRefusesOtherSummaries() {
        assertThatThrownBy(() -> HParams.readSessionStart(new PluginSummary("x", "scalars", new byte[0])))
                .isInstanceOf(IOException.class)
                .hasMessage("summary 'x' is for plugin 'scalars', not 'hparams'");
        assertThatThrownBy(() -> HParams.readSessionStart(HParams.sessionEnd(HParams.Status.SUCCESS, 1)))
                .isInstanceOf(IOException.class)
                .hasMessage("HParams summary '_hparams_/session_end_info' holds no session_start_info");
    }
}
