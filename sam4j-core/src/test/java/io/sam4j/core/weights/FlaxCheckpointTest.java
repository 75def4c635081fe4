package io.sam4j.core.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading and writing Flax msgpack checkpoints. */
class FlaxCheckpointTest {

    @TempDir
    Path dir;

    static NamedTensor floats(long[] shape, float first) {
        float[] v = new float[(int) NamedTensor.elements(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = first + i * 0.5f;
        }
        return NamedTensor.ofFloats("unused", shape, v);
    }

    private Map<String, Object> tree() {
        Map<String, Object> conv = new LinkedHashMap<>();
        conv.put("kernel", floats(new long[] {3, 3, 2, 4}, -7f));
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("conv2d", conv);
        ByteBuffer f64 = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        f64.putDouble(1e-300).putDouble(-2.5);
        params.put("doubles", new NamedTensor("unused", DType.F64, new long[] {2}, f64.array()));
        params.put("steps", NamedTensor.ofLongs("unused", new long[] {3}, new long[] {1, Long.MAX_VALUE, -4}));
        params.put("scalar", floats(new long[0], 42f));
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("mean", floats(new long[] {4}, 1f));
        Map<String, Object> collection = new LinkedHashMap<>();
        collection.put("/0/batch_normalization", stats);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("0", Map.of("params", params));
        root.put("1", collection);
        return root;
    }

    private Path written() throws Exception {
        Path file = dir.resolve("checkpoint_3");
        FlaxCheckpoint.write(file, tree());
        return file;
    }

    @Test
    void roundTripKeepsEveryValueShapeAndType() throws Exception {
        FlaxCheckpoint read = FlaxCheckpoint.read(written());
        Map<String, NamedTensor> t = read.tensors();
        assertThat(t.keySet())
                .containsExactly(
                        "0/params/conv2d/kernel",
                        "0/params/doubles",
                        "0/params/steps",
                        "0/params/scalar",
                        // the Collection's path key joins without a doubled slash
                        "1/0/batch_normalization/mean");
        NamedTensor kernel = t.get("0/params/conv2d/kernel");
        assertThat(kernel.dtype()).isEqualTo(DType.F32);
        assertThat(kernel.shape()).containsExactly(3, 3, 2, 4);
        float[] values = kernel.toFloats();
        for (int i = 0; i < values.length; i++) {
            assertThat(values[i]).as("element %d", i).isEqualTo(-7f + i * 0.5f);
        }
        assertThat(t.get("0/params/doubles").dtype()).isEqualTo(DType.F64);
        ByteBuffer d = ByteBuffer.wrap(t.get("0/params/doubles").data()).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(d.getDouble()).isEqualTo(1e-300);
        assertThat(d.getDouble()).isEqualTo(-2.5);
        assertThat(t.get("0/params/steps").toLongs()).containsExactly(1, Long.MAX_VALUE, -4);
        assertThat(t.get("0/params/scalar").shape()).isEmpty();
        assertThat(t.get("0/params/scalar").toFloats()).containsExactly(42f);
        assertThat(t.get("1/0/batch_normalization/mean").toFloats()).containsExactly(1f, 1.5f, 2f, 2.5f);
    }

    @Test
    void writesTheExtensionLayoutFlaxUses() throws Exception {
        // {"a": ext 1 [[2], "float32", <8 bytes>]}, built byte by byte from the msgpack spec.
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("a", NamedTensor.ofFloats("a", new long[] {2}, new float[] {1f, -2f}));
        Path file = dir.resolve("tiny");
        FlaxCheckpoint.write(file, root);
        byte[] payload = concat(
                new byte[] {(byte) 0x93, (byte) 0x91, 0x02, (byte) 0xa7},
                "float32".getBytes(StandardCharsets.US_ASCII),
                new byte[] {(byte) 0xc4, 0x08},
                ByteBuffer.allocate(8)
                        .order(ByteOrder.LITTLE_ENDIAN)
                        .putFloat(1f)
                        .putFloat(-2f)
                        .array());
        byte[] expected =
                concat(new byte[] {(byte) 0x81, (byte) 0xa1, 'a', (byte) 0xc7, (byte) payload.length, 0x01}, payload);
        assertThat(Files.readAllBytes(file)).containsExactly(expected);
    }

    @ParameterizedTest(name = "cut after {0} of the bytes")
    @ValueSource(doubles = {0.1, 0.5, 0.9, 0.999})
    void truncatedFilesFailInOneLineNamingTheFile(double fraction) throws Exception {
        byte[] all = Files.readAllBytes(written());
        Path cut = dir.resolve("cut");
        Files.write(cut, Arrays.copyOf(all, (int) (all.length * fraction)));
        assertThatThrownBy(() -> FlaxCheckpoint.read(cut))
                .isInstanceOf(WeightsFormatException.class)
                .hasMessageStartingWith(cut.toString())
                .hasMessageNotContaining("\n")
                .hasMessageMatching(".*(truncated|ends early).*");
    }

    @Test
    void corruptFilesFailInOneLine() throws Exception {
        Path array = dir.resolve("array");
        Files.write(array, new byte[] {(byte) 0x91, 0x01});
        assertThatThrownBy(() -> FlaxCheckpoint.read(array))
                .isInstanceOf(WeightsFormatException.class)
                .hasMessage(array + ": is not a Flax msgpack checkpoint: it starts with a msgpack array, not a map");

        Path ext = dir.resolve("ext5");
        Files.write(ext, new byte[] {(byte) 0x81, (byte) 0xa1, 'k', (byte) 0xd4, 0x05, 0x00});
        assertThatThrownBy(() -> FlaxCheckpoint.read(ext))
                .hasMessageContaining("extension of type 5 at k")
                .hasMessageNotContaining("\n");

        // ext32 claiming 2 GB: refused before any allocation.
        Path huge = dir.resolve("huge");
        Files.write(huge, new byte[] {(byte) 0x81, (byte) 0xa1, 'k', (byte) 0xc9, 0x7f, -1, -1, -1, 0x01, 0});
        assertThatThrownBy(() -> FlaxCheckpoint.read(huge))
                .hasMessageContaining("array k claims 2147483647 bytes but 1 remain");

        Path wrongSize = dir.resolve("size");
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("k", floats(new long[] {4}, 0f));
        FlaxCheckpoint.write(wrongSize, root);
        byte[] bytes = Files.readAllBytes(wrongSize);
        // The shape [4] is packed as 0x91 0x04; claim [5] instead.
        for (int i = 0; i < bytes.length - 1; i++) {
            if (bytes[i] == (byte) 0x91 && bytes[i + 1] == 0x04) {
                bytes[i + 1] = 0x05;
            }
        }
        Files.write(wrongSize, bytes);
        assertThatThrownBy(() -> FlaxCheckpoint.read(wrongSize))
                .hasMessage(wrongSize + ": array k [5] float32 holds 16 bytes, which does not fit its shape");

        Path text = dir.resolve("text");
        Files.writeString(text, "hello");
        assertThat(FlaxCheckpoint.looksLikeFlax(text)).isFalse();
        assertThatThrownBy(() -> FlaxCheckpoint.read(text)).isInstanceOf(WeightsFormatException.class);
        assertThat(FlaxCheckpoint.looksLikeFlax(written())).isTrue();
    }

    @Test
    void locatesTheLatestCheckpointAsFlaxDoes() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("ckpt"));
        for (String name : new String[] {"checkpoint_2", "checkpoint_10", "checkpoint_tmp", "notes.txt"}) {
            Files.writeString(folder.resolve(name), "x");
        }
        assertThat(FlaxCheckpoint.locate(folder)).contains(folder.resolve("checkpoint_10"));
        // An archive's single top folder is looked into.
        Path wrapper = Files.createDirectories(dir.resolve("extracted"));
        Files.move(folder, wrapper.resolve("ckpt"));
        assertThat(FlaxCheckpoint.locate(wrapper)).contains(wrapper.resolve("ckpt/checkpoint_10"));
        assertThat(FlaxCheckpoint.locate(Files.createDirectories(dir.resolve("empty"))))
                .isEmpty();
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(n);
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.array();
    }

    /**
     * One array {@code {"a": ext1([[2], dtype, bytes])}} written byte by byte from the msgpack spec,
     * as flax 0.2.2 ({@code arr.dtype.str}) or flax 0.3+ ({@code arr.dtype.name}) writes it.
     */
    private Path oneArray(String dtype, byte[] data) throws Exception {
        java.io.ByteArrayOutputStream payload = new java.io.ByteArrayOutputStream();
        payload.write(0x93); // fixarray of 3
        payload.write(0x91); // shape: fixarray of 1
        payload.write(data.length / 4); // positive fixint
        byte[] name = dtype.getBytes(StandardCharsets.US_ASCII);
        payload.write(0xa0 | name.length); // fixstr
        payload.write(name);
        payload.write(0xc4); // bin 8
        payload.write(data.length);
        payload.write(data);
        java.io.ByteArrayOutputStream file = new java.io.ByteArrayOutputStream();
        file.write(0x81); // fixmap of 1
        file.write(0xa1);
        file.write('a');
        file.write(0xc7); // ext 8
        file.write(payload.size());
        file.write(FlaxCheckpoint.NDARRAY);
        file.write(payload.toByteArray());
        Path out = dir.resolve("one-" + dtype.replaceAll("[^a-z0-9]", "_"));
        Files.write(out, file.toByteArray());
        return out;
    }

    @ParameterizedTest(name = "dtype {0}")
    @ValueSource(strings = {"float32", "<f4", "=f4"})
    void littleEndianFloatsReadUnderEveryDtypeSpelling(String dtype) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(8)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putFloat(1.5f)
                .putFloat(-3.25f);
        NamedTensor a =
                FlaxCheckpoint.read(oneArray(dtype, b.array())).tensors().get("a");
        assertThat(a.dtype()).isEqualTo(DType.F32);
        assertThat(a.toFloats()).containsExactly(1.5f, -3.25f);
    }

    @Test
    void bigEndianTypeStringsAreSwappedAndUnknownOnesRefusedInOneLine() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(8)
                .order(ByteOrder.BIG_ENDIAN)
                .putFloat(1.5f)
                .putFloat(-3.25f);
        assertThat(FlaxCheckpoint.read(oneArray(">f4", b.array()))
                        .tensors()
                        .get("a")
                        .toFloats())
                .containsExactly(1.5f, -3.25f);
        Path complex = oneArray("<c8", new byte[8]);
        assertThatThrownBy(() -> FlaxCheckpoint.read(complex))
                .isInstanceOf(WeightsFormatException.class)
                .hasMessageContaining(complex.toString())
                .hasMessageContaining("array a has dtype '<c8', neither a NumPy name")
                .hasMessageNotContaining("\n");
    }
}
