package io.sam4j.core.weights;

import io.sam4j.core.util.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
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

    /**
     * Reads every {@code NAME.npy} entry of an {@code .npz} archive, as {@code numpy.savez} writes them
     * (stored or deflated), in archive order.
     *
     * @throws WeightsFormatException naming the file and entry for a broken archive, an unknown dtype, a
     *     Fortran-ordered or big-endian array, or data of the wrong length
     */
    public static List<NamedTensor> read(Path file) throws IOException {
        List<NamedTensor> tensors = new ArrayList<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (entry.isDirectory()) {
                    continue;
                }
                if (!entry.getName().endsWith(".npy")) {
                    throw new WeightsFormatException(file, "entry " + entry.getName() + " is not a .npy array");
                }
                String name = entry.getName().substring(0, entry.getName().length() - 4);
                try (InputStream in = zip.getInputStream(entry)) {
                    tensors.add(readNpy(name, in.readAllBytes(), file));
                }
            }
        } catch (ZipException e) {
            throw new WeightsFormatException(file, "not a valid .npz (zip) archive: " + e.getMessage());
        }
        if (tensors.isEmpty()) {
            throw new WeightsFormatException(file, "holds no arrays");
        }
        return tensors;
    }

    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    /** Parses one {@code .npy} file (format versions 1, 2 and 3). */
    static NamedTensor readNpy(String name, byte[] bytes, Path file) throws WeightsFormatException {
        String where = "array " + name + ": ";
        if (bytes.length < 10 || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw new WeightsFormatException(file, where + "not a .npy array (bad magic)");
        }
        int major = bytes[6];
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength;
        int start;
        if (major == 1) {
            headerLength = Short.toUnsignedInt(buffer.getShort(8));
            start = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) {
                throw new WeightsFormatException(file, where + "truncated header");
            }
            headerLength = buffer.getInt(8);
            start = 12;
        } else {
            throw new WeightsFormatException(file, where + "unknown .npy format version " + major);
        }
        if (headerLength < 0 || start + headerLength > bytes.length) {
            throw new WeightsFormatException(file, where + "truncated header");
        }
        String header = new String(bytes, start, headerLength, StandardCharsets.ISO_8859_1);
        Matcher descr = DESCR.matcher(header);
        Matcher fortran = FORTRAN.matcher(header);
        Matcher shapeText = SHAPE.matcher(header);
        if (!descr.find() || !fortran.find() || !shapeText.find()) {
            throw new WeightsFormatException(
                    file, where + "header lacks descr, fortran_order or shape: " + header.trim());
        }
        DType dtype = DType.fromNumpy(descr.group(1));
        if (dtype == null) {
            throw new WeightsFormatException(file, where + "unsupported dtype '" + descr.group(1) + "'");
        }
        if (fortran.group(1).equals("True")) {
            throw new WeightsFormatException(file, where + "Fortran-ordered arrays are not supported");
        }
        List<Long> dims = new ArrayList<>();
        for (String part : shapeText.group(1).split(",")) {
            if (!part.isBlank()) {
                try {
                    dims.add(Long.parseLong(part.trim().replace("L", "")));
                } catch (NumberFormatException e) {
                    throw new WeightsFormatException(file, where + "bad shape (" + shapeText.group(1) + ")");
                }
            }
        }
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        long count = 1;
        for (long d : shape) {
            count = Math.multiplyExact(count, d);
        }
        int dataStart = start + headerLength;
        long expected = count * dtype.bytes();
        if (bytes.length - dataStart != expected) {
            throw new WeightsFormatException(
                    file,
                    where + "holds " + (bytes.length - dataStart) + " bytes of data but" + " its shape and dtype need "
                            + expected);
        }
        return new NamedTensor(name, dtype, shape, Arrays.copyOfRange(bytes, dataStart, bytes.length));
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
