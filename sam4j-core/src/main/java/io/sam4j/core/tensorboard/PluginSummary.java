package io.sam4j.core.tensorboard;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A summary value that a TensorBoard plugin reads from its metadata rather than from a number: a
 * {@code Summary.Value} whose {@code SummaryMetadata.plugin_data} names the plugin and carries its
 * serialized content, as the HParams plugin's {@code _hparams_/session_start_info} does.
 *
 * @param tag the value's tag, e.g. {@code _hparams_/session_start_info}
 * @param pluginName the plugin that reads it, e.g. {@code hparams}
 * @param content the plugin's own serialized protobuf (the array is copied in and out)
 */
public record PluginSummary(String tag, String pluginName, byte[] content) {

    /** Copies {@code content}; rejects null and empty names. */
    public PluginSummary {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(pluginName, "pluginName");
        if (tag.isEmpty() || pluginName.isEmpty()) {
            throw new IllegalArgumentException("a plugin summary needs a tag and a plugin name but got tag '" + tag
                    + "' and plugin '" + pluginName + "'");
        }
        content = Objects.requireNonNull(content, "content").clone();
    }

    /** Returns a copy of the plugin's content. */
    @Override
    public byte[] content() {
        return content.clone();
    }

    /** Compares the content by its bytes (a record would compare the array's identity). */
    @Override
    public boolean equals(Object other) {
        return other instanceof PluginSummary that
                && tag.equals(that.tag)
                && pluginName.equals(that.pluginName)
                && Arrays.equals(content, that.content);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tag, pluginName, Arrays.hashCode(content));
    }

    @Override
    public String toString() {
        return "PluginSummary[tag=" + tag + ", pluginName=" + pluginName + ", content="
                + HexFormat.of().formatHex(content) + "]";
    }
}
