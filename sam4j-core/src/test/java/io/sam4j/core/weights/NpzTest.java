package io.sam4j.core.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
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

    @Test
    void whatIsWrittenIsReadBack() throws Exception {
        List<NamedTensor> tensors = List.of(
                NamedTensor.ofFloats("w", new long[] {2, 2}, new float[] {1, -2, 3.5f, 0}),
                NamedTensor.ofLongs("n", new long[0], new long[] {3}));
        Path file = dir.resolve("round.npz");
        Npz.write(file, tensors);
        assertThat(Npz.read(file)).containsExactlyElementsOf(tensors);
    }

    /** numpy.savez_compressed deflates its entries, and NumPy writes version 2 headers for long dicts. */
    @Test
    void deflatedEntriesAndVersion2HeadersAreRead() throws Exception {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }";
        byte[] header = (dict + " ".repeat(128 - 12 - dict.length() - 1) + "\n").getBytes(StandardCharsets.US_ASCII);
        ByteBuffer npy = ByteBuffer.allocate(12 + header.length + 12).order(ByteOrder.LITTLE_ENDIAN);
        npy.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0})
                .putInt(header.length)
                .put(header);
        npy.putFloat(0.5f).putFloat(-1).putFloat(2);
        Path file = dir.resolve("compressed.npz");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry("x.npy"));
            zip.write(npy.array());
            zip.closeEntry();
        }
        NamedTensor x = Npz.read(file).get(0);
        assertThat(x.name()).isEqualTo("x");
        assertThat(x.shape()).containsExactly(3);
        assertThat(x.toFloats()).containsExactly(0.5f, -1, 2);
    }

    @Test
    void brokenArraysAreNamedInOneLine() throws Exception {
        Path good = dir.resolve("good.npz");
        NamedTensor w = NamedTensor.ofFloats("w", new long[] {4}, new float[] {1, 2, 3, 4});
        byte[] header = Npz.npyHeader(w);
        byte[] npy = Arrays.copyOf(header, header.length + w.data().length);
        System.arraycopy(w.data(), 0, npy, header.length, w.data().length);
        assertThat(Npz.readNpy("w", npy, good)).isEqualTo(w);
        assertThatThrownBy(() -> Npz.readNpy("w", Arrays.copyOf(npy, npy.length - 4), good))
                .isInstanceOf(WeightsFormatException.class)
                .hasMessageContaining("array w: holds 12 bytes of data but its shape and dtype need 16");
        String fortran = new String(npy, StandardCharsets.ISO_8859_1).replace("False", "True ");
        assertThatThrownBy(() -> Npz.readNpy("w", fortran.getBytes(StandardCharsets.ISO_8859_1), good))
                .hasMessageContaining("Fortran-ordered");
        String bigEndian = new String(npy, StandardCharsets.ISO_8859_1).replace("'<f4'", "'>f4'");
        assertThatThrownBy(() -> Npz.readNpy("w", bigEndian.getBytes(StandardCharsets.ISO_8859_1), good))
                .hasMessageContaining("unsupported dtype '>f4'");
        Path notZip = dir.resolve("not.npz");
        Files.writeString(notZip, "hello");
        assertThatThrownBy(() -> Npz.read(notZip))
                .isInstanceOf(WeightsFormatException.class)
                .hasMessageStartingWith(notZip + ": not a valid .npz");
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
                byte[] data = Arrays.copyOfRange(bytes, offset, bytes.length);
                out.put(entry.getName(), new Npy(header.strip(), offset, data));
            }
        }
        return out;
    }
}
