package io.sam4j.zoo.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    @TempDir
    Path dir;

    private static final List<String> TEN = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    /** Three 2×3 images with pixel values 0..17. */
    private static IdxImages sampleImages() {
        byte[] px = new byte[18];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (i * 15);
        }
        return new IdxImages(3, 2, 3, px);
    }

    @Test
    void roundTripsPlainAndGzipped() {
        for (boolean gzip : new boolean[] {false, true}) {
            Path images = dir.resolve("img" + gzip);
            Path labels = dir.resolve("lab" + gzip);
            IdxWriter.writeImages(images, sampleImages(), gzip);
            IdxWriter.writeLabels(labels, new int[] {7, 0, 9}, gzip);

            IdxImages back = IdxReader.readImages(images);
            assertThat(back.count()).isEqualTo(3);
            assertThat(back.rows()).isEqualTo(2);
            assertThat(back.cols()).isEqualTo(3);
            assertThat(back.pixels()).isEqualTo(sampleImages().pixels());
            assertThat(IdxReader.readLabels(labels)).containsExactly(7, 0, 9);

            ImageDataset ds = IdxReader.readDataset("t", images, labels, TEN);
            assertThat(ds.size()).isEqualTo(3);
            assertThat(ds.channels()).isEqualTo(1);
            assertThat(ds.imageBytes(2)).containsExactly(180, 195, 210, 225, 240, (byte) 255);
        }
    }

    @Test
    void plainFileHasTheDocumentedLayout() throws IOException {
        Path labels = dir.resolve("labels");
        IdxWriter.writeLabels(labels, new int[] {1, 200}, false);
        assertThat(Files.readAllBytes(labels)).containsExactly(0, 0, 8, 1, 0, 0, 0, 2, 1, (byte) 200);
        assertThat(IdxReader.readLabels(labels)).containsExactly(1, 200);
    }

    @Test
    void detectsGzipByContentNotName() {
        Path gzNamedPlain = dir.resolve("plain.gz");
        Path plainNamedGz = dir.resolve("compressed.idx");
        IdxWriter.writeLabels(gzNamedPlain, new int[] {3}, false);
        IdxWriter.writeLabels(plainNamedGz, new int[] {4}, true);
        assertThat(IdxReader.readLabels(gzNamedPlain)).containsExactly(3);
        assertThat(IdxReader.readLabels(plainNamedGz)).containsExactly(4);
    }

    @Test
    void wrongMagicNamesFileExpectedAndFound() {
        Path labels = dir.resolve("labels.gz");
        IdxWriter.writeLabels(labels, new int[] {1}, true);
        assertThatThrownBy(() -> IdxReader.readImages(labels))
                .isInstanceOf(DatasetException.class)
                .hasMessage(labels + ": wrong magic number for an IDX images file: expected 0x00000803, "
                        + "found 0x00000801");
    }

    @Test
    void truncatedDataReportsExpectedAndFoundBytes() throws IOException {
        Path images = dir.resolve("images");
        IdxWriter.writeImages(images, sampleImages(), false);
        byte[] all = Files.readAllBytes(images);
        Files.write(images, Arrays.copyOf(all, all.length - 5));
        assertThatThrownBy(() -> IdxReader.readImages(images))
                .isInstanceOf(DatasetException.class)
                .hasMessage(images + ": truncated: expected 18 bytes of data, found 13");
    }

    @Test
    void truncatedHeaderIsReported() throws IOException {
        Path images = dir.resolve("images");
        Files.write(images, new byte[] {0, 0, 8, 3, 0, 0, 0, 1, 0});
        assertThatThrownBy(() -> IdxReader.readImages(images))
                .hasMessage(images + ": truncated header: expected 12 bytes of dimensions, found 5");
        Files.write(images, new byte[] {0, 0});
        assertThatThrownBy(() -> IdxReader.readImages(images))
                .hasMessage(images + ": truncated header: expected 4 magic bytes, found 2");
    }

    @Test
    void trailingBytesAreRejected() throws IOException {
        Path labels = dir.resolve("labels");
        Files.write(labels, new byte[] {0, 0, 8, 1, 0, 0, 0, 1, 5, 6, 7});
        assertThatThrownBy(() -> IdxReader.readLabels(labels))
                .hasMessage(labels + ": 2 unexpected bytes after the 1 bytes of data");
    }

    @Test
    void gzipHeaderFollowedByGarbageIsCorruptGzip() throws IOException {
        Path file = dir.resolve("bad.gz");
        Files.write(file, new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13});
        assertThatThrownBy(() -> IdxReader.readImages(file))
                .isInstanceOf(DatasetException.class)
                .hasMessageStartingWith(file + ": corrupt gzip data (");
    }

    @Test
    void validGzipOfGarbageHasWrongMagic() throws IOException {
        Path file = dir.resolve("garbage.gz");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write("hello, not an idx file".getBytes(StandardCharsets.US_ASCII));
        }
        Files.write(file, bytes.toByteArray());
        assertThatThrownBy(() -> IdxReader.readLabels(file))
                .hasMessage(file + ": wrong magic number for an IDX labels file: expected 0x00000801, "
                        + "found 0x68656C6C");
    }

    @Test
    void missingFileIsNamed() {
        Path missing = dir.resolve("nope.gz");
        assertThatThrownBy(() -> IdxReader.readLabels(missing))
                .isInstanceOf(DatasetException.class)
                .hasMessage(missing + ": file not found");
    }

    @Test
    void countMismatchNamesBothFiles() {
        Path images = dir.resolve("i");
        Path labels = dir.resolve("l");
        IdxWriter.writeImages(images, sampleImages(), false);
        IdxWriter.writeLabels(labels, new int[] {1, 2}, false);
        assertThatThrownBy(() -> IdxReader.readDataset("t", images, labels, TEN))
                .hasMessage("image/label count mismatch: " + images + " has 3 images but " + labels + " has 2 labels");
    }

    @Test
    void labelOutsideClassesNamesFileAndIndex() {
        Path images = dir.resolve("i");
        Path labels = dir.resolve("l");
        IdxWriter.writeImages(images, sampleImages(), false);
        IdxWriter.writeLabels(labels, new int[] {1, 12, 2}, false);
        assertThatThrownBy(() -> IdxReader.readDataset("t", images, labels, TEN))
                .hasMessage(labels + ": label 12 at index 1 is outside [0, 10)");
    }

    @Test
    void writerRejectsLabelsThatDoNotFitAByte() {
        assertThatThrownBy(() -> IdxWriter.writeLabels(dir.resolve("l"), new int[] {0, 256}, false))
                .isInstanceOf(DatasetException.class)
                .hasMessage("label 256 at index 1 does not fit in an IDX unsigned byte [0, 255]");
    }

    @Test
    void writeDatasetRoundTrips() {
        ImageDataset ds = new ImageDataset("d", sampleImages().pixels(), new int[] {2, 1, 0}, 1, 2, 3, 10, TEN);
        Path images = dir.resolve("i.gz");
        Path labels = dir.resolve("l.gz");
        IdxWriter.writeDataset(ds, images, labels, true);
        ImageDataset back = IdxReader.readDataset("d", images, labels, TEN);
        assertThat(back.images()).isEqualTo(ds.images());
        assertThat(back.labels()).containsExactly(2, 1, 0);
    }
}
