package io.sam4j.core.weights;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpzTest {

    @TempDir
    Path dir;

    @Test
    void numpyCanReadWhatIsWritten() throws Exception {
        List<NamedTensor> tensors = List.of(
                NamedTensor.ofFloats("layer1.0.conv1.weight", new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, -6.5f}),
                NamedTensor.ofFloats("fc.bias", new long[] {2}, new float[] {0.25f, -1}),
                NamedTensor.ofLongs("bn.num_batches_tracked", new long[0], new long[] {7}));
        Path file = dir.resolve("w.npz");
        Npz.write(file, tensors);

        Map<String, Npy> read = readNpz(file);
        assertThat(read.keySet())
                .containsExactly("layer1.0.conv1.weight.npy", "fc.bias.npy", "bn.num_batches_tracked.npy");
        Npy conv = read.get("layer1.0.conv1.weight.npy");
        assertThat(conv.header).isEqualTo("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }");
        assertThat(conv.dataOffset % 64).isZero();
        ByteBuffer data = ByteBuffer.wrap(conv.data).order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[6];
        data.asFloatBuffer().get(values);
        assertThat(values).containsExactly(1, 2, 3, 4, 5, -6.5f);
        assertThat(read.get("fc.bias.npy").header).contains("'shape': (2,)");
        Npy counter = read.get("bn.num_batches_tracked.npy");
        assertThat(counter.header).isEqualTo("{'descr': '<i8', 'fortran_order': False, 'shape': (), }");
        assertThat(ByteBuffer.wrap(counter.data).order(ByteOrder.LITTLE_ENDIAN).getLong())
                .isEqualTo(7);
    }

    private record Npy(String header, int dataOffset, byte[] data) {}

    /** A small reader written from NumPy's format description, independent of {@link Npz}. */
    private static Map<String, Npy> readNpz(Path file) throws Exception {
        Map<String, Npy> out = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(file);
                ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                byte[] bytes = zip.readAllBytes();
                assertThat(bytes[0] & 0xff).isEqualTo(0x93);
                assertThat(new String(bytes, 1, 5, StandardCharsets.US_ASCII)).isEqualTo("NUMPY");
                assertThat(bytes[6]).isEqualTo((byte) 1);
                assertThat(bytes[7]).isEqualTo((byte) 0);
                int headerLength = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
                String header = new String(bytes, 10, headerLength, StandardCharsets.US_ASCII);
                assertThat(header).endsWith("\n");
                int offset = 10 + headerLength;
                byte[] data = java.util.Arrays.copyOfRange(bytes, offset, bytes.length);
                out.put(entry.getName(), new Npy(header.strip(), offset, data));
            }
        }
        return out;
    }
}
