package io.sam4j.core.weights;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sam4j.core.util.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The safetensors format (Hugging Face, https://github.com/huggingface/safetensors):
 *
 * <pre>
 *   8 bytes   N, unsigned little-endian 64-bit: the header size
 *   N bytes   UTF-8 JSON: {"NAME": {"dtype": "F32", "shape": [2, 2], "data_offsets": [BEGIN, END]},
 *             ..., "__metadata__": {"key": "value"}}, padded with spaces
 *   rest      the tensors' bytes, little-endian, row-major; offsets are relative to this part
 * </pre>
 *
 * <p>The writer pads the header to a multiple of 8 bytes and lays the tensors out in the given
 * order, back to back, as the reference implementation does. The reader checks what the reference
 * implementation checks: the header fits the file, every dtype is known, every tensor's byte range
 * matches its shape and lies inside the data, ranges neither overlap nor leave gaps, and the data
 * ends where the last tensor ends.
 */
public final class SafeTensors {

    /** The header key that holds string-to-string metadata rather than a tensor. */
    public static final String METADATA_KEY = "__metadata__";

    /** The reference implementation's limit on the header size (100 MB). */
    static final long MAX_HEADER_BYTES = 100_000_000L;

    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private SafeTensors() {}

    /** What a file holds: tensors in file order and the metadata. */
    public record Contents(List<NamedTensor> tensors, Map<String, String> metadata) {

        /** Copies the lists. */
        public Contents {
            tensors = List.copyOf(tensors);
            metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        }
    }

    /**
     * Writes tensors atomically.
     *
     * @param file the target
     * @param tensors tensors with distinct names
     * @param metadata free-form strings stored under {@code __metadata__} (may be empty)
     */
    public static void write(Path file, List<NamedTensor> tensors, Map<String, String> metadata) throws IOException {
        byte[] header = header(tensors, metadata);
        AtomicFiles.write(file, out -> {
            ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            length.putLong(header.length);
            out.write(length.array());
            out.write(header);
            for (NamedTensor tensor : tensors) {
                out.write(tensor.data());
            }
        });
    }

    /** Returns the padded header bytes for the tensors, in order. */
    static byte[] header(List<NamedTensor> tensors, Map<String, String> metadata) {
        ObjectNode root = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = root.putObject(METADATA_KEY);
            metadata.forEach(meta::put);
        }
        Set<String> names = new HashSet<>();
        long offset = 0;
        for (NamedTensor tensor : tensors) {
            if (tensor.name().equals(METADATA_KEY) || !names.add(tensor.name())) {
                throw new IllegalArgumentException("tensor name '" + tensor.name() + "' is reserved or repeated");
            }
            ObjectNode entry = root.putObject(tensor.name());
            entry.put("dtype", tensor.dtype().safetensorsName());
            ArrayNode shape = entry.putArray("shape");
            for (long d : tensor.shape()) {
                shape.add(d);
            }
            long end = offset + tensor.data().length;
            entry.putArray("data_offsets").add(offset).add(end);
            offset = end;
        }
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        int padded = (json.length + 7) / 8 * 8;
        byte[] header = Arrays.copyOf(json, padded);
        Arrays.fill(header, json.length, padded, (byte) ' ');
        return header;
    }

    /**
     * Reads a whole file.
     *
     * @throws WeightsFormatException naming the file if it breaks the format
     * @throws IOException if it cannot be read
     */
    public static Contents read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long fileSize = channel.size();
            if (fileSize < 8) {
                throw new WeightsFormatException(
                        file, "not a safetensors file: " + fileSize + " bytes, shorter than the 8-byte header length");
            }
            ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, lengthBytes, 0);
            long headerLength = lengthBytes.flip().getLong();
            if (headerLength < 0 || headerLength > fileSize - 8) {
                throw new WeightsFormatException(
                        file,
                        "safetensors header length "
                                + Long.toUnsignedString(headerLength) + " exceeds the " + (fileSize - 8)
                                + " bytes after the length field (truncated or not a safetensors file)");
            }
            if (headerLength > MAX_HEADER_BYTES) {
                throw new WeightsFormatException(
                        file,
                        "safetensors header of " + headerLength + " bytes is larger than the format's limit of "
                                + MAX_HEADER_BYTES);
            }
            ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
            readFully(channel, headerBytes, 8);
            long dataStart = 8 + headerLength;
            long dataSize = fileSize - dataStart;
            List<Entry> entries = new ArrayList<>();
            Map<String, String> metadata = new LinkedHashMap<>();
            parseHeader(file, headerBytes.array(), dataSize, entries, metadata);
            List<NamedTensor> tensors = new ArrayList<>(entries.size());
            for (Entry entry : entries) {
                ByteBuffer data = ByteBuffer.allocate(Math.toIntExact(entry.end - entry.begin));
                readFully(channel, data, dataStart + entry.begin);
                tensors.add(new NamedTensor(entry.name, entry.dtype, entry.shape, data.array()));
            }
            return new Contents(tensors, metadata);
        }
    }

    private record Entry(String name, DType dtype, long[] shape, long begin, long end) {}

    private static void parseHeader(
            Path file, byte[] header, long dataSize, List<Entry> entries, Map<String, String> metadata)
            throws WeightsFormatException {
        JsonNode root;
        try {
            root = JSON.readTree(new String(header, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new WeightsFormatException(file, "safetensors header is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new WeightsFormatException(file, "safetensors header must be a JSON object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            JsonNode node = field.getValue();
            if (name.equals(METADATA_KEY)) {
                if (!node.isObject()) {
                    throw new WeightsFormatException(file, METADATA_KEY + " must be an object of strings");
                }
                for (Iterator<Map.Entry<String, JsonNode>> m = node.fields(); m.hasNext(); ) {
                    Map.Entry<String, JsonNode> meta = m.next();
                    if (!meta.getValue().isTextual()) {
                        throw new WeightsFormatException(
                                file, METADATA_KEY + " value of '" + meta.getKey() + "' must be a string");
                    }
                    metadata.put(meta.getKey(), meta.getValue().asText());
                }
                continue;
            }
            entries.add(entry(file, name, node, dataSize));
        }
        checkLayout(file, entries, dataSize);
    }

    private static Entry entry(Path file, String name, JsonNode node, long dataSize) throws WeightsFormatException {
        if (!node.isObject()) {
            throw new WeightsFormatException(file, "tensor '" + name + "' must be a JSON object");
        }
        DType dtype = DType.fromSafetensors(node.path("dtype").asText(null));
        if (dtype == null) {
            throw new WeightsFormatException(
                    file,
                    "tensor '" + name + "' has an unknown dtype " + node.get("dtype") + "; known: "
                            + Arrays.toString(DType.values()));
        }
        JsonNode shapeNode = node.get("shape");
        JsonNode offsetsNode = node.get("data_offsets");
        if (shapeNode == null
                || !shapeNode.isArray()
                || offsetsNode == null
                || !offsetsNode.isArray()
                || offsetsNode.size() != 2) {
            throw new WeightsFormatException(
                    file, "tensor '" + name + "' needs a \"shape\" array and a two-element \"data_offsets\" array");
        }
        long[] shape = new long[shapeNode.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = nonNegativeInteger(file, name, "shape", shapeNode.get(i));
        }
        long begin = nonNegativeInteger(file, name, "data_offsets", offsetsNode.get(0));
        long end = nonNegativeInteger(file, name, "data_offsets", offsetsNode.get(1));
        if (end < begin || end > dataSize) {
            throw new WeightsFormatException(
                    file,
                    "tensor '" + name + "' has data_offsets [" + begin + ", " + end + "] outside the " + dataSize
                            + " data bytes");
        }
        long expected;
        try {
            expected = Math.multiplyExact(NamedTensor.elements(shape), dtype.bytes());
        } catch (ArithmeticException e) {
            expected = -1;
        }
        if (expected != end - begin) {
            throw new WeightsFormatException(
                    file,
                    "tensor '" + name + "' of shape "
                            + Arrays.toString(shape) + " and dtype " + dtype + " needs " + expected
                            + " bytes but its data_offsets span " + (end - begin));
        }
        return new Entry(name, dtype, shape, begin, end);
    }

    private static long nonNegativeInteger(Path file, String name, String field, JsonNode value)
            throws WeightsFormatException {
        if (value == null || !value.canConvertToExactIntegral() || !value.canConvertToLong() || value.asLong() < 0) {
            throw new WeightsFormatException(
                    file,
                    "tensor '" + name + "' has a bad " + field + " entry " + value + " (need a non-negative integer)");
        }
        return value.asLong();
    }

    private static void checkLayout(Path file, List<Entry> entries, long dataSize) throws WeightsFormatException {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort((a, b) -> Long.compare(a.begin, b.begin));
        long expectedBegin = 0;
        for (Entry entry : sorted) {
            if (entry.begin != expectedBegin) {
                throw new WeightsFormatException(
                        file,
                        "tensor '" + entry.name + "' starts at data byte "
                                + entry.begin + " but the previous tensor ends at " + expectedBegin
                                + " (tensors must be contiguous and must not overlap)");
            }
            expectedBegin = entry.end;
        }
        if (expectedBegin != dataSize) {
            throw new WeightsFormatException(
                    file,
                    "the tensors cover " + expectedBegin + " data bytes but the file holds " + dataSize
                            + " (truncated or trailing bytes)");
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at);
            if (n < 0) {
                throw new IOException("unexpected end of file at byte " + at);
            }
            at += n;
        }
    }

    /** Returns true if the file starts like a safetensors file (used to tell files from run directories). */
    public static boolean looksLikeSafetensors(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] first = in.readNBytes(9);
            return first.length == 9 && first[8] == '{';
        } catch (IOException e) {
            return false;
        }
    }
}
