package io.sam4j.core.tensorboard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads TensorBoard event files back into {@link Event}s, verifying both checksums of every record.
 *
 * <p>Any damage, a flipped bit, a truncated tail or malformed protobuf, raises an {@link
 * IOException} whose one-line message names the file and the byte offset of the bad record. Fields
 * this package does not know are skipped, so files written by TensorFlow or PyTorch also read.
 */
public final class EventFileReader {

    private static final String EVENT_FILE_MARKER = "tfevents";

    private EventFileReader() {}

    /**
     * Returns every event in {@code file}, in file order. The whole file is read into memory, which
     * suits scalar logs (tens of bytes per event).
     */
    public static List<Event> read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        byte[] bytes = Files.readAllBytes(file);
        List<Event> events = new ArrayList<>();
        int offset = 0;
        while (offset < bytes.length) {
            Span span = record(file, bytes, offset);
            events.add(span.event());
            offset = span.end();
        }
        return events;
    }

    /** One record of an event file: its byte range {@code [start, end)} and its event. */
    record Span(int start, int end, Event event) {}

    /**
     * Returns the records of {@code bytes} up to the first one that is damaged or cut short, which a
     * process killed while writing leaves at the end; TensorBoard, too, reads no further than that.
     */
    static List<Span> readableRecords(Path file, byte[] bytes) {
        List<Span> spans = new ArrayList<>();
        int offset = 0;
        while (offset < bytes.length) {
            try {
                Span span = record(file, bytes, offset);
                spans.add(span);
                offset = span.end();
            } catch (IOException e) {
                break;
            }
        }
        return spans;
    }

    private static Span record(Path file, byte[] bytes, int offset) throws IOException {
        int dataLength = checkedDataLength(file, bytes, offset);
        int dataOffset = offset + TfRecord.HEADER_BYTES;
        checkCrc(file, offset, "data", bytes, dataOffset, dataLength);
        Event event;
        try {
            event = EventCodec.decode(bytes, dataOffset, dataLength);
        } catch (IOException e) {
            throw corrupt(file, offset, "invalid Event protobuf: " + e.getMessage());
        }
        return new Span(offset, dataOffset + dataLength + TfRecord.FOOTER_BYTES, event);
    }

    /**
     * Returns the event files directly inside {@code directory}, that is files whose name contains
     * {@code tfevents} as TensorBoard requires, sorted by name (and so by creation second).
     */
    public static List<Path> listEventFiles(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(p -> p.getFileName().toString().contains(EVENT_FILE_MARKER))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .collect(Collectors.toList());
        }
    }

    /** Validates the record header at {@code offset} and returns the payload length it declares. */
    private static int checkedDataLength(Path file, byte[] bytes, int offset) throws IOException {
        int remaining = bytes.length - offset;
        if (remaining < TfRecord.HEADER_BYTES) {
            throw corrupt(
                    file, offset, "truncated header: " + remaining + " of " + TfRecord.HEADER_BYTES + " bytes present");
        }
        checkCrc(file, offset, "length", bytes, offset, 8);
        long length = TfRecord.getLittleEndian(bytes, offset, 8);
        long available = remaining - TfRecord.HEADER_BYTES - TfRecord.FOOTER_BYTES;
        // A negative length is an unsigned value above 2^63, so certainly longer than the file.
        if (length < 0 || length > available) {
            throw corrupt(
                    file,
                    offset,
                    "truncated record: declares " + Long.toUnsignedString(length) + " data bytes but only "
                            + Math.max(available, 0) + " remain");
        }
        return (int) length;
    }

    private static void checkCrc(Path file, int recordOffset, String what, byte[] bytes, int from, int length)
            throws IOException {
        int stored = (int) TfRecord.getLittleEndian(bytes, from + length, 4);
        int computed = Crc32c.maskedCrc32c(bytes, from, length);
        if (stored != computed) {
            throw corrupt(
                    file,
                    recordOffset,
                    String.format("%s CRC mismatch (stored 0x%08x, computed 0x%08x)", what, stored, computed));
        }
    }

    private static IOException corrupt(Path file, int offset, String problem) {
        return new IOException("Corrupt event file " + file + ": record at offset " + offset + ": " + problem);
    }
}
