package io.sam4j.core.checkpoint;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.sam4j.core.util.AtomicFiles;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * Reads and writes {@link Checkpoint}s.
 *
 * <p>Layout (big-endian): the magic {@code SAM4JCKP}, a format version, the metadata as
 * length-prefixed UTF-8, the epoch and global step, the model, optimizer and (from version 2) step
 * arrays as length-prefixed DJL {@link NDList} encodings, and a CRC-32 of everything before it.
 * Version 1 files, written before steps had state of their own, read with an empty step state. Files are
 * written through a temporary file and an atomic rename, so a crash leaves the previous checkpoint.
 */
public final class CheckpointFile {

    private static final byte[] MAGIC = "SAM4JCKP".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 2;

    private CheckpointFile() {}

    /** Writes {@code checkpoint} to {@code file} atomically. */
    public static void write(Path file, Checkpoint checkpoint) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeInt(VERSION);
            writeBlock(out, checkpoint.metadata().getBytes(StandardCharsets.UTF_8));
            out.writeInt(checkpoint.epoch());
            out.writeLong(checkpoint.globalStep());
            writeBlock(out, checkpoint.model().encode());
            writeBlock(out, encode(checkpoint.optimizer()));
            writeBlock(out, encode(checkpoint.step()));
        }
        CRC32 crc = new CRC32();
        byte[] body = bytes.toByteArray();
        crc.update(body);
        AtomicFiles.write(file, os -> {
            os.write(body);
            new DataOutputStream(os).writeLong(crc.getValue());
        });
    }

    /**
     * Reads only the metadata of a checkpoint, without its arrays or a check of its CRC (which
     * {@link #read} makes): what a command checks before it loads data and builds a model.
     *
     * @throws CheckpointException with a one-line message naming the file if it is missing, of another
     *     format, or too short to hold its metadata
     */
    public static String readMetadata(Path file) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new CheckpointException("checkpoint " + file + " is not a sam4j checkpoint (bad magic)");
            }
            int version = in.readInt();
            if (version < 1 || version > VERSION) {
                throw new CheckpointException("checkpoint " + file + " has format version " + version
                        + "; this sam4j reads versions 1 to " + VERSION);
            }
            int length = in.readInt();
            if (length < 0 || length > Files.size(file)) {
                throw new CheckpointException("checkpoint " + file + " is corrupt (metadata length " + length + ")");
            }
            byte[] metadata = in.readNBytes(length);
            if (metadata.length < length) {
                throw new EOFException();
            }
            return new String(metadata, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CheckpointException("checkpoint " + file + " does not exist");
        } catch (EOFException e) {
            throw new CheckpointException("checkpoint " + file + " is truncated", e);
        } catch (IOException e) {
            throw new CheckpointException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a checkpoint.
     *
     * @param file the file
     * @param manager the manager for the arrays
     * @throws CheckpointException with a one-line message naming the file if it is missing, truncated,
     *     corrupt or of another format
     */
    public static Checkpoint read(Path file, NDManager manager) {
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CheckpointException("checkpoint " + file + " does not exist");
        } catch (IOException e) {
            throw new CheckpointException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
        }
        if (all.length < MAGIC.length + 8 || !Arrays.equals(Arrays.copyOf(all, MAGIC.length), MAGIC)) {
            throw new CheckpointException("checkpoint " + file + " is not a sam4j checkpoint (bad magic)");
        }
        int bodyLength = all.length - 8;
        CRC32 crc = new CRC32();
        crc.update(all, 0, bodyLength);
        long stored;
        try {
            stored = new DataInputStream(new ByteArrayInputStream(all, bodyLength, 8)).readLong();
        } catch (IOException e) {
            throw new CheckpointException("checkpoint " + file + " is truncated", e);
        }
        if (stored != crc.getValue()) {
            throw new CheckpointException("checkpoint " + file + " is corrupt or truncated (CRC mismatch: stored "
                    + Long.toHexString(stored) + ", computed " + Long.toHexString(crc.getValue()) + ")");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(all, 0, bodyLength))) {
            in.skipNBytes(MAGIC.length);
            int version = in.readInt();
            if (version < 1 || version > VERSION) {
                throw new CheckpointException("checkpoint " + file + " has format version " + version
                        + "; this sam4j reads versions 1 to " + VERSION);
            }
            String metadata = new String(readBlock(in), StandardCharsets.UTF_8);
            int epoch = in.readInt();
            long globalStep = in.readLong();
            NDList model = NDList.decode(manager, readBlock(in));
            NDList optimizer = decode(manager, readBlock(in));
            NDList step = version >= 2 ? decode(manager, readBlock(in)) : new NDList();
            return new Checkpoint(epoch, globalStep, model, optimizer, step, metadata);
        } catch (EOFException e) {
            throw new CheckpointException("checkpoint " + file + " is truncated", e);
        } catch (IOException | RuntimeException e) {
            if (e instanceof CheckpointException c) {
                throw c;
            }
            throw new CheckpointException("checkpoint " + file + " is unreadable: " + e.getMessage(), e);
        }
    }

    /** An empty list as an empty block: DJL cannot decode its own encoding of one. */
    private static byte[] encode(NDList list) {
        return list.isEmpty() ? new byte[0] : list.encode();
    }

    private static NDList decode(NDManager manager, byte[] block) {
        return block.length == 0 ? new NDList() : NDList.decode(manager, block);
    }

    private static void writeBlock(DataOutputStream out, byte[] block) throws IOException {
        out.writeInt(block.length);
        out.write(block);
    }

    private static byte[] readBlock(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new EOFException();
        }
        return in.readNBytes(length);
    }
}
