package io.sam4j.core.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest {

    @TempDir
    Path dir;

    @Test
    void roundTripIsBitwise() throws Exception {
        List<NamedTensor> tensors = List.of(
                NamedTensor.ofFloats("conv.weight", new long[] {2, 1, 1, 3}, new float[] {
                    1.5f, -0f, Float.NaN, Float.MIN_VALUE, 1e30f, -7f
                }),
                NamedTensor.ofLongs("bn.num_batches_tracked", new long[0], new long[] {42}),
                NamedTensor.ofFloats("empty", new long[] {0, 3}, new float[0]));
        Path file = dir.resolve("w.safetensors");
        SafeTensors.write(file, tensors, Map.of("format", "pt"));
        SafeTensors.Contents back = SafeTensors.read(file);
        assertThat(back.tensors()).containsExactlyElementsOf(tensors);
        assertThat(back.metadata()).containsExactly(Map.entry("format", "pt"));
        long headerLength = ByteBuffer.wrap(Files.readAllBytes(file), 0, 8)
                .order(ByteOrder.LITTLE_ENDIAN)
                .getLong();
        assertThat(headerLength % 8).as("header padded to 8 bytes").isZero();
        assertThat(Files.size(file)).isEqualTo(8 + headerLength + 6 * 4 + 8);
    }

    /** Assembled by hand from the format description, independently of the writer. */
    @Test
    void readsAFileWrittenByOtherSoftware() throws Exception {
        String header = "{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"b\":{\"dtype\":\"I64\",\"shape\":[2],\"data_offsets\":[16,32]},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]}}";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        writeLittleEndian(bytes, json.length, 8);
        bytes.write(json);
        for (float f : new float[] {1f, 2f, -3.25f, 0.5f}) {
            writeLittleEndian(bytes, Float.floatToIntBits(f), 4);
        }
        writeLittleEndian(bytes, -1L, 8);
        writeLittleEndian(bytes, 1L << 40, 8);
        Path file = dir.resolve("other.safetensors");
        Files.write(file, bytes.toByteArray());

        SafeTensors.Contents contents = SafeTensors.read(file);
        assertThat(contents.tensors()).extracting(NamedTensor::name).containsExactly("b", "a");
        NamedTensor a = contents.tensors().get(1);
        assertThat(a.dtype()).isEqualTo(DType.F32);
        assertThat(a.shape()).containsExactly(2, 2);
        assertThat(a.toFloats()).containsExactly(1f, 2f, -3.25f, 0.5f);
        assertThat(contents.tensors().get(0).toLongs()).containsExactly(-1L, 1L << 40);
        assertThat(contents.metadata()).containsEntry("format", "pt");
    }

    @Test
    void convertsHalfPrecisionAndDouble() throws Exception {
        byte[] f16 = {0x00, 0x3c, 0x00, (byte) 0xc0, 0x01, 0x00}; // 1.0, -2.0, smallest subnormal
        NamedTensor half = new NamedTensor("h", DType.F16, new long[] {3}, f16);
        assertThat(half.toFloats()).containsExactly(1f, -2f, 0x1p-24f);
        byte[] bf16 = {(byte) 0x80, 0x3f}; // 0x3f80 = 1.0
        assertThat(new NamedTensor("b", DType.BF16, new long[] {1}, bf16).toFloats())
                .containsExactly(1f);
        ByteBuffer d = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(0.1);
        assertThat(new NamedTensor("d", DType.F64, new long[0], d.array()).toFloats())
                .containsExactly(0.1f);
    }

    @Test
    void rejectsATruncatedHeader() throws Exception {
        Path file = dir.resolve("short.safetensors");
        Files.write(file, new byte[] {1, 2, 3});
        assertThatThrownBy(() -> SafeTensors.read(file))
                .isInstanceOf(WeightsFormatException.class)
                .hasMessageStartingWith(file.toString())
                .hasMessageContaining("shorter than the 8-byte");
    }

    @Test
    void rejectsAHeaderLengthBeyondTheFile() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        writeLittleEndian(bytes, 1000, 8);
        bytes.write("{}".getBytes(StandardCharsets.UTF_8));
        Path file = dir.resolve("long.safetensors");
        Files.write(file, bytes.toByteArray());
        assertThatThrownBy(() -> SafeTensors.read(file))
                .isInstanceOf(WeightsFormatException.class)
                .hasMessage(file + ": safetensors header length 1000 exceeds the 2 bytes after the length field"
                        + " (truncated or not a safetensors file)");
    }

    @Test
    void rejectsOffsetsOutsideTheData() throws Exception {
        Path file = withHeader("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 4);
        assertThatThrownBy(() -> SafeTensors.read(file))
                .isInstanceOf(WeightsFormatException.class)
                .hasMessage(file + ": tensor 'a' has data_offsets [0, 8] outside the 4 data bytes");
    }

    @Test
    void rejectsOffsetsThatDisagreeWithTheShape() throws Exception {
        Path file = withHeader("{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8);
        assertThatThrownBy(() -> SafeTensors.read(file))
                .hasMessageContaining(
                        "tensor 'a' of shape [3] and dtype F32" + " needs 12 bytes but its data_offsets span 8");
    }

    @Test
    void rejectsGapsUnknownTypesAndBadJson() throws Exception {
        Path gap = withHeader("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8);
        assertThatThrownBy(() -> SafeTensors.read(gap)).hasMessageContaining("starts at data byte 4");
        Path type = withHeader("{\"a\":{\"dtype\":\"Q7\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4);
        assertThatThrownBy(() -> SafeTensors.read(type)).hasMessageContaining("unknown dtype \"Q7\"");
        Path json = withHeader("{\"a\":", 0);
        assertThatThrownBy(() -> SafeTensors.read(json))
                .hasMessageStartingWith(json + ": safetensors header is not valid JSON");
        Path trailing = withHeader("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 6);
        assertThatThrownBy(() -> SafeTensors.read(trailing))
                .hasMessageContaining("cover 4 data bytes but the file holds 6");
    }

    private Path withHeader(String header, int dataBytes) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        writeLittleEndian(bytes, json.length, 8);
        bytes.write(json);
        bytes.write(new byte[dataBytes]);
        Path file = Files.createTempFile(dir, "bad", ".safetensors");
        Files.write(file, bytes.toByteArray());
        return file;
    }

    private static void writeLittleEndian(ByteArrayOutputStream out, long value, int bytes) {
        for (int i = 0; i < bytes; i++) {
            out.write((int) (value >>> (8 * i)) & 0xff);
        }
    }

    static float[] floats(NamedTensor t) {
        return Arrays.copyOf(t.toFloats(), (int) t.size());
    }
}
