package io.sam4j.core.weights;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.msgpack.core.ExtensionTypeHeader;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessagePacker;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * A checkpoint written by Flax's {@code flax.training.checkpoints.save_checkpoint}, as the SAM
 * paper's official code (google-research/sam) saves and restores its models: the state dict of the
 * saved object, serialized by {@code flax.serialization.to_bytes} as nested msgpack maps with string
 * keys whose leaves are NumPy arrays.
 *
 * <p>An array is a msgpack extension value of type 1 whose payload is itself msgpack: the array
 * {@code [shape, dtype, bytes]}, the bytes in C order (NumPy's {@code tobytes('C')}). The dtype is
 * written two ways, both read: flax 0.2.2, which the official SAM code pins ({@code
 * requirements.txt}: {@code flax==0.2.2}), writes NumPy's type string {@code arr.dtype.str}, e.g.
 * {@code [[3, 3, 32, 1], "<f4", <1152 bytes>]} ({@code flax/serialization.py}, {@code
 * _ndarray_to_bytes}), with the byte order in its first character ({@code <} little, {@code >} big,
 * {@code |} not applicable); flax 0.3.0 and later write the name {@code arr.dtype.name}, {@code
 * "float32"}, the bytes then in the writing host's order, little-endian on every host Flax runs on.
 * NumPy scalars are type 3 with the same payload. Plain msgpack integers and floats become 0-d I64 and F64
 * tensors. Reading is done with msgpack-core (org.msgpack), not by hand.
 *
 * <p>The nested maps are flattened into {@code /}-joined paths, e.g. {@code
 * 0/params/1/depthwise_conv2d/depthwise_kernel}. Keys that are paths themselves (a {@code
 * flax.nn.Collection} keys its BatchNorm statistics by module path, {@code /1/batch_normalization_0})
 * are joined as they are and the doubled slashes collapsed, so they read {@code
 * 1/1/batch_normalization_0/mean} either way.
 */
public final class FlaxCheckpoint {

    /** Flax's {@code _MsgpackExtType.ndarray}. */
    static final byte NDARRAY = 1;
    /** Flax's {@code _MsgpackExtType.npscalar}. */
    static final byte NPSCALAR = 3;

    private static final Pattern CHECKPOINT_FILE = Pattern.compile("checkpoint_(\\d+)");
    /** A NumPy type string: byte order, kind (float, signed, unsigned, bool) and item size. */
    private static final Pattern TYPE_STRING = Pattern.compile("([<>|=])([fiub])(\\d+)");

    private static final Map<String, DType> NUMPY_TYPE_STRINGS = Map.of(
            "f8", DType.F64,
            "f4", DType.F32,
            "f2", DType.F16,
            "i8", DType.I64,
            "i4", DType.I32,
            "i2", DType.I16,
            "i1", DType.I8,
            "u1", DType.U8,
            "b1", DType.BOOL);
    private static final Map<String, DType> NUMPY_NAMES = Map.of(
            "float64", DType.F64,
            "float32", DType.F32,
            "float16", DType.F16,
            "bfloat16", DType.BF16,
            "int64", DType.I64,
            "int32", DType.I32,
            "int16", DType.I16,
            "int8", DType.I8,
            "uint8", DType.U8,
            "bool", DType.BOOL);

    private final Path file;
    private final Map<String, NamedTensor> tensors;

    private FlaxCheckpoint(Path file, Map<String, NamedTensor> tensors) {
        this.file = file;
        this.tensors = Collections.unmodifiableMap(tensors);
    }

    /** Returns the file read. */
    public Path file() {
        return file;
    }

    /** Returns the arrays by flattened path, in file order; each tensor is named by its path. */
    public Map<String, NamedTensor> tensors() {
        return tensors;
    }

    /**
     * Finds the checkpoint file {@code restore_checkpoint} would read: {@code path} itself if it is
     * a file, else the {@code checkpoint_N} file of the highest N in the folder or, if it has none, in
     * its only sub-folder (an extracted archive often wraps its content in one folder).
     *
     * @param path a checkpoint file or a folder holding one
     * @return the file, or empty if none is there
     * @throws IOException if the folder cannot be listed
     */
    public static Optional<Path> locate(Path path) throws IOException {
        if (Files.isRegularFile(path)) {
            return Optional.of(path);
        }
        if (!Files.isDirectory(path)) {
            return Optional.empty();
        }
        List<Path> entries;
        try (Stream<Path> listing = Files.list(path)) {
            entries = listing.toList();
        }
        Optional<Path> latest = entries.stream()
                .filter(Files::isRegularFile)
                .filter(p -> CHECKPOINT_FILE.matcher(p.getFileName().toString()).matches())
                .max(Comparator.comparing(FlaxCheckpoint::step));
        if (latest.isPresent()) {
            return latest;
        }
        List<Path> folders = entries.stream().filter(Files::isDirectory).toList();
        return folders.size() == 1 ? locate(folders.get(0)) : Optional.empty();
    }

    private static BigInteger step(Path p) {
        Matcher m = CHECKPOINT_FILE.matcher(p.getFileName().toString());
        return m.matches() ? new BigInteger(m.group(1)) : BigInteger.ONE.negate();
    }

    /**
     * Returns whether a file starts as a Flax checkpoint does, with a msgpack map.
     *
     * @param file any file
     * @return true if its first byte is a msgpack map header
     */
    public static boolean looksLikeFlax(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            int first = in.read();
            // fixmap 0x80-0x8f, map16 0xde, map32 0xdf
            return (first >= 0x80 && first <= 0x8f) || first == 0xde || first == 0xdf;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Reads a checkpoint file.
     *
     * @param file a Flax msgpack checkpoint
     * @return its arrays by path
     * @throws WeightsFormatException naming the file if it is not a complete msgpack map of arrays
     * @throws IOException if it cannot be read
     */
    public static FlaxCheckpoint read(Path file) throws IOException {
        Map<String, NamedTensor> out = new LinkedHashMap<>();
        long size = Files.size(file);
        try (MessageUnpacker unpacker =
                MessagePack.newDefaultUnpacker(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (!unpacker.hasNext()) {
                throw new WeightsFormatException(file, "is empty, not a Flax msgpack checkpoint");
            }
            if (unpacker.getNextFormat().getValueType() != ValueType.MAP) {
                throw new WeightsFormatException(
                        file,
                        "is not a Flax msgpack checkpoint: it starts with a msgpack "
                                + unpacker.getNextFormat().getValueType().name().toLowerCase(Locale.ROOT)
                                + ", not a map");
            }
            readValue(file, size, unpacker, "", out);
            if (unpacker.hasNext()) {
                throw new WeightsFormatException(
                        file,
                        "has bytes after the checkpoint's msgpack map (at byte " + unpacker.getTotalReadBytes() + ")");
            }
        } catch (MessagePackException e) {
            throw new WeightsFormatException(
                    file, "is not a complete Flax msgpack checkpoint (truncated or" + " corrupt): " + oneLine(e));
        } catch (EOFException e) {
            throw new WeightsFormatException(file, "is truncated: the msgpack data ends early");
        }
        if (out.isEmpty()) {
            throw new WeightsFormatException(file, "holds no arrays");
        }
        return new FlaxCheckpoint(file, out);
    }

    private static void readValue(
            Path file, long size, MessageUnpacker unpacker, String path, Map<String, NamedTensor> out)
            throws IOException {
        ValueType type = unpacker.getNextFormat().getValueType();
        switch (type) {
            case MAP -> {
                int entries = unpacker.unpackMapHeader();
                for (int i = 0; i < entries; i++) {
                    if (unpacker.getNextFormat().getValueType() != ValueType.STRING) {
                        throw new WeightsFormatException(
                                file,
                                "has a non-string key under '" + path + "'; Flax checkpoints key every map by"
                                        + " string");
                    }
                    String key = unpacker.unpackString();
                    readValue(file, size, unpacker, join(path, key), out);
                }
            }
            case EXTENSION -> {
                ExtensionTypeHeader header = unpacker.unpackExtensionTypeHeader();
                if (header.getType() != NDARRAY && header.getType() != NPSCALAR) {
                    throw new WeightsFormatException(
                            file,
                            "has a msgpack extension of type " + header.getType() + " at " + path
                                    + "; Flax arrays are type 1 (ndarray) or 3 (NumPy scalar)");
                }
                long left = size - unpacker.getTotalReadBytes();
                if (header.getLength() < 0 || header.getLength() > left) {
                    // Checked before reading, so a corrupt length cannot ask for gigabytes of memory.
                    throw new WeightsFormatException(
                            file,
                            "is truncated or corrupt: array " + path + " claims "
                                    + Integer.toUnsignedString(header.getLength()) + " bytes but " + left + " remain");
                }
                byte[] payload = unpacker.readPayload(header.getLength());
                put(file, out, path, array(file, path, payload));
            }
            case INTEGER ->
                put(file, out, path, NamedTensor.ofLongs(path, new long[0], new long[] {unpacker.unpackLong()}));
            case FLOAT -> {
                ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
                b.putDouble(unpacker.unpackDouble());
                put(file, out, path, new NamedTensor(path, DType.F64, new long[0], b.array()));
            }
            default ->
                throw new WeightsFormatException(
                        file,
                        "has a msgpack " + type.name().toLowerCase(Locale.ROOT) + " at " + path
                                + " where a map or an array was expected");
        }
    }

    private static void put(Path file, Map<String, NamedTensor> out, String path, NamedTensor tensor)
            throws WeightsFormatException {
        if (out.put(path, tensor) != null) {
            throw new WeightsFormatException(file, "names " + path + " twice");
        }
    }

    /** Parses the payload {@code [shape, dtype, bytes]} of an ndarray extension. */
    private static NamedTensor array(Path file, String path, byte[] payload) throws IOException {
        try (MessageUnpacker inner = MessagePack.newDefaultUnpacker(payload)) {
            if (!inner.hasNext()
                    || inner.getNextFormat().getValueType() != ValueType.ARRAY
                    || inner.unpackArrayHeader() != 3) {
                throw new WeightsFormatException(file, "array " + path + " is not [shape, dtype, bytes]");
            }
            int rank = inner.unpackArrayHeader();
            long[] shape = new long[rank];
            for (int i = 0; i < rank; i++) {
                shape[i] = inner.unpackLong();
            }
            String dtypeName = inner.unpackString();
            DType dtype = NUMPY_NAMES.get(dtypeName);
            boolean bigEndian = false;
            if (dtype == null) {
                Matcher typeString = TYPE_STRING.matcher(dtypeName);
                if (typeString.matches()) {
                    dtype = NUMPY_TYPE_STRINGS.get(typeString.group(2) + typeString.group(3));
                    bigEndian = typeString.group(1).equals(">");
                }
            }
            if (dtype == null) {
                throw new WeightsFormatException(
                        file,
                        "array " + path + " has dtype '" + dtypeName + "', neither a NumPy name ("
                                + NUMPY_NAMES.keySet()
                                + ") nor a NumPy type string of those (" + NUMPY_TYPE_STRINGS.keySet()
                                + " after <, > or |, e.g. '<f4')");
            }
            int length = inner.unpackBinaryHeader();
            if (length < 0 || length > payload.length) {
                throw new WeightsFormatException(
                        file,
                        "array " + path + " claims " + Integer.toUnsignedString(length) + " bytes of data in a "
                                + payload.length + "-byte value");
            }
            byte[] data = inner.readPayload(length);
            if (bigEndian) {
                swapBytes(data, dtype.bytes());
            }
            try {
                return new NamedTensor(path, dtype, shape, data);
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw new WeightsFormatException(
                        file,
                        "array " + path + " " + Arrays.toString(shape) + " " + dtypeName + " holds " + length
                                + " bytes, which does not fit its shape");
            }
        } catch (MessagePackException e) {
            throw new WeightsFormatException(file, "array " + path + " is corrupt: " + oneLine(e));
        }
    }

    /** Reverses the bytes of each {@code width}-byte element in place: big-endian to little-endian. */
    private static void swapBytes(byte[] data, int width) {
        for (int start = 0; start + width <= data.length; start += width) {
            for (int i = 0, j = width - 1; i < j; i++, j--) {
                byte b = data[start + i];
                data[start + i] = data[start + j];
                data[start + j] = b;
            }
        }
    }

    private static String join(String path, String key) {
        String joined = path.isEmpty() ? key : path + "/" + key;
        return joined.replaceAll("/{2,}", "/").replaceAll("^/", "");
    }

    private static String oneLine(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replaceAll("\\s+", " ").trim();
    }

    /**
     * Writes a checkpoint as {@code flax.serialization.to_bytes} would: nested maps of string keys,
     * arrays as extension type 1 with payload {@code [shape, dtype name, little-endian bytes]}.
     *
     * @param file the file to write
     * @param tree nested maps whose leaves are {@link NamedTensor}s (their names are ignored)
     * @throws IOException if the file cannot be written
     * @throws IllegalArgumentException for a leaf of another type or a tensor type Flax lacks
     */
    public static void write(Path file, Map<String, ?> tree) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file));
                MessagePacker packer = MessagePack.newDefaultPacker(out)) {
            writeMap(packer, tree, "");
        }
    }

    private static void writeMap(MessagePacker packer, Map<String, ?> map, String path) throws IOException {
        packer.packMapHeader(map.size());
        for (Map.Entry<String, ?> e : map.entrySet()) {
            packer.packString(e.getKey());
            String child = join(path, e.getKey());
            if (e.getValue() instanceof Map<?, ?> nested) {
                @SuppressWarnings("unchecked")
                Map<String, ?> typed = (Map<String, ?>) nested;
                writeMap(packer, typed, child);
            } else if (e.getValue() instanceof NamedTensor tensor) {
                byte[] payload = payload(tensor, child);
                packer.packExtensionTypeHeader(NDARRAY, payload.length);
                packer.addPayload(payload);
            } else {
                throw new IllegalArgumentException(
                        "leaf " + child + " is " + e.getValue() + ", neither a map nor a NamedTensor");
            }
        }
    }

    private static byte[] payload(NamedTensor tensor, String path) throws IOException {
        String dtype = NUMPY_NAMES.entrySet().stream()
                .filter(e -> e.getValue() == tensor.dtype())
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "tensor " + path + " has type " + tensor.dtype() + ", which Flax checkpoints do not hold"));
        try (MessageBufferPacker packer = MessagePack.newDefaultBufferPacker()) {
            packer.packArrayHeader(3);
            long[] shape = tensor.shape();
            packer.packArrayHeader(shape.length);
            for (long d : shape) {
                packer.packLong(d);
            }
            packer.packString(dtype);
            packer.packBinaryHeader(tensor.data().length);
            packer.addPayload(tensor.data());
            return packer.toByteArray();
        }
    }
}
