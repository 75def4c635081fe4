package io.sam4j.core.weights;

import io.sam4j.core.util.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * NumPy's {@code .npz}: a zip archive with one {@code NAME.npy} file per tensor, as {@code
 * numpy.savez} writes it (entries stored, not compressed), so {@code numpy.load(file)["NAME"]}
 * returns the array.
 *
 * <p>Each {@code .npy} file follows format version 1.0
 * (https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html): the magic {@code
 * \x93NUMPY}, version bytes 1 and 0, a little-endian 16-bit header length, then an ASCII Python
 * dict literal {@code {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }} padded with
 * spaces and ended by a newline so that the data starts at a multiple of 64 bytes.
 */
public final class Npz {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ALIGNMENT = 64;

    private Npz() {}

    /**
     * Writes tensors atomically.
     *
     * @param file the target, conventionally {@code *.npz}
     * @param tensors tensors with distinct names; BF16 is rejected (NumPy lacks it)
     */
    public static void write(Path file, List<NamedTensor> tensors) throws IOException {
        Set<String> names = new HashSet<>();
        for (NamedTensor tensor : tensors) {
            if (!names.add(tensor.name())) {
                throw new IllegalArgumentException("tensor name '" + tensor.name() + "' is repeated");
            }
            tensor.dtype().numpyDescr();
        }
        AtomicFiles.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            for (NamedTensor tensor : tensors) {
                byte[] header = npyHeader(tensor);
                CRC32 crc = new CRC32();
                crc.update(header);
                crc.update(tensor.data());
                ZipEntry entry = new ZipEntry(tensor.name() + ".npy");
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(header.length + (long) tensor.data().length);
                entry.setCompressedSize(entry.getSize());
                entry.setCrc(crc.getValue());
                zip.putNextEntry(entry);
                zip.write(header);
                zip.write(tensor.data());
                zip.closeEntry();
            }
            zip.finish();
        });
    }

    /** Returns the magic, version, header length and padded header dict of one {@code .npy} file. */
    static byte[] npyHeader(NamedTensor tensor) {
        StringBuilder shape = new StringBuilder("(");
        long[] dims = tensor.shape();
        for (int i = 0; i < dims.length; i++) {
            shape.append(dims[i]).append(dims.length == 1 ? "," : i + 1 < dims.length ? ", " : "");
        }
        shape.append(')');
        String dict =
                "{'descr': '" + tensor.dtype().numpyDescr() + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int prefix = MAGIC.length + 2 + 2;
        int total = (prefix + dict.length() + 1 + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
        String padded = dict + " ".repeat(total - prefix - dict.length() - 1) + "\n";
        byte[] text = padded.getBytes(StandardCharsets.US_ASCII);
        byte[] header = new byte[prefix + text.length];
        System.arraycopy(MAGIC, 0, header, 0, MAGIC.length);
        header[6] = 1;
        header[7] = 0;
        header[8] = (byte) (text.length & 0xff);
        header[9] = (byte) (text.length >>> 8);
        System.arraycopy(text, 0, header, prefix, text.length);
        return header;
    }
}
