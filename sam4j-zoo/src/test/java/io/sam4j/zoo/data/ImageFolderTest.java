package io.sam4j.zoo.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Image folders written by the test: PNG and JPEG, colour and grayscale, and broken ones. */
class ImageFolderTest {

    @TempDir
    Path dir;

    private static void write(Path file, int w, int h, int rgb, int type, String format) throws IOException {
        BufferedImage img = new BufferedImage(w, h, type);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (type == BufferedImage.TYPE_BYTE_GRAY) {
                    // The stored sample itself: setRGB would convert to Java's linear gray space.
                    img.getRaster().setSample(x, y, 0, rgb & 0xFF);
                } else {
                    img.setRGB(x, y, rgb);
                }
            }
        }
        Files.createDirectories(file.getParent());
        assertThat(ImageIO.write(img, format, file.toFile())).isTrue();
    }

    /** train/{cat,dog} and test/{cat,dog}: solid-colour PNGs, one grayscale, one JPEG. */
    private Path tinyFolder() throws IOException {
        Path root = dir.resolve("pets");
        write(root.resolve("train/dog/a.png"), 10, 6, 0x0000FF, BufferedImage.TYPE_INT_RGB, "png");
        write(root.resolve("train/cat/b.png"), 6, 6, 0xFF0000, BufferedImage.TYPE_INT_RGB, "png");
        write(root.resolve("train/cat/c.png"), 5, 9, 0x808080, BufferedImage.TYPE_BYTE_GRAY, "png");
        write(root.resolve("train/cat/d.jpg"), 8, 8, 0x00FF00, BufferedImage.TYPE_INT_RGB, "jpg");
        Files.writeString(root.resolve("train/cat/notes.txt"), "ignored");
        write(root.resolve("test/cat/e.png"), 7, 7, 0xFF0000, BufferedImage.TYPE_INT_RGB, "png");
        write(root.resolve("test/dog/f.png"), 7, 7, 0x0000FF, BufferedImage.TYPE_INT_RGB, "png");
        return root;
    }

    @Test
    void loadsSortedClassesAsStoredSquaresOfTheCropFraction() throws IOException {
        Path root = tinyFolder();
        DatasetSpec spec = DatasetCatalog.get("folder:" + root, 7);
        assertThat(spec.classNames()).containsExactly("cat", "dog");
        assertThat(new int[] {spec.channels(), spec.height(), spec.width()}).containsExactly(3, 7, 7);
        assertThat(spec.mean()).containsExactly(0.485f, 0.456f, 0.406f);
        TrainTestData data = spec.load(DatasetLocator.fromSystem().locate(spec, null));
        ImageDataset train = data.train();
        // round(7 / 0.875) = 8.
        assertThat(new int[] {train.channels(), train.height(), train.width()}).containsExactly(3, 8, 8);
        assertThat(train.labels()).containsExactly(0, 0, 0, 1);
        // Solid colours survive the resize exactly; grayscale becomes equal R, G, B.
        assertThat(channelLevels(train, 0)).containsExactly(255, 0, 0);
        assertThat(channelLevels(train, 1)).containsExactly(128, 128, 128);
        int[] green = channelLevels(train, 2);
        assertThat(green[1]).isGreaterThan(240);
        assertThat(green[0]).isLessThan(15);
        assertThat(channelLevels(train, 3)).containsExactly(0, 0, 255);
        assertThat(data.test().labels()).containsExactly(0, 1);
        assertThat(data.test().name()).isEqualTo("folder:" + root + "/test");
    }

    /** The level of the first pixel of each channel, after checking the image is uniform per channel. */
    private static int[] channelLevels(ImageDataset ds, int i) {
        byte[] b = ds.imageBytes(i);
        int plane = ds.height() * ds.width();
        int[] out = new int[3];
        for (int ch = 0; ch < 3; ch++) {
            out[ch] = b[ch * plane] & 0xFF;
            for (int k = 0; k < plane; k++) {
                assertThat(Math.abs((b[ch * plane + k] & 0xFF) - out[ch])).isLessThanOrEqualTo(2);
            }
        }
        return out;
    }

    @Test
    void usesValWhenThereIsNoTestAndHashesRelativePaths() throws IOException {
        Path root = dir.resolve("flowers");
        write(root.resolve("train/rose/a.png"), 4, 4, 0x102030, BufferedImage.TYPE_INT_RGB, "png");
        write(root.resolve("train/tulip/b.png"), 4, 4, 0x102030, BufferedImage.TYPE_INT_RGB, "png");
        write(root.resolve("val/rose/c.png"), 4, 4, 0x102030, BufferedImage.TYPE_INT_RGB, "png");
        write(root.resolve("val/tulip/d.png"), 4, 4, 0x102030, BufferedImage.TYPE_INT_RGB, "png");
        DatasetSpec spec = DatasetCatalog.get("folder:" + root, 3);
        TrainTestData data = spec.load(root);
        assertThat(data.test().size()).isEqualTo(2);
        String before = DatasetHash.of(spec, root);
        assertThat(DatasetHash.of(spec, root)).isEqualTo(before);
        // Same bytes, different class folder: a different dataset.
        Files.move(root.resolve("train/tulip/b.png"), root.resolve("train/rose/b.png"));
        write(root.resolve("train/tulip/e.png"), 4, 4, 0x102030, BufferedImage.TYPE_INT_RGB, "png");
        assertThat(DatasetHash.of(spec, root)).isNotEqualTo(before);
    }

    @Test
    void corruptAndTruncatedFilesAreNamed() throws IOException {
        Path root = tinyFolder();
        Path garbage = root.resolve("train/dog/broken.png");
        Files.write(garbage, new byte[] {1, 2, 3, 4, 5});
        DatasetSpec spec = DatasetCatalog.get("folder:" + root, 7);
        assertThatThrownBy(() -> spec.load(root))
                .isInstanceOf(DatasetException.class)
                .hasMessageStartingWith(garbage + ": ")
                .hasMessageNotContaining("\n");
        Files.delete(garbage);

        Path jpeg = root.resolve("test/dog/g.jpg");
        BufferedImage noise = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(1);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                noise.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        assertThat(ImageIO.write(noise, "jpg", jpeg.toFile())).isTrue();
        byte[] full = Files.readAllBytes(jpeg);
        // Cut inside the scan data: ImageIO only warns ("Premature end of JPEG file") and fills with grey.
        Files.write(jpeg, Arrays.copyOf(full, full.length - 200));
        assertThatThrownBy(() -> spec.load(root))
                .isInstanceOf(DatasetException.class)
                .hasMessageStartingWith(jpeg + ": corrupt or truncated image")
                .hasMessageNotContaining("\n");
        // Cut before the scan: a decoding error.
        Files.write(jpeg, Arrays.copyOf(full, full.length / 2));
        assertThatThrownBy(() -> spec.load(root))
                .isInstanceOf(DatasetException.class)
                .hasMessageStartingWith(jpeg + ": corrupt")
                .hasMessageNotContaining("\n");

        Path png = root.resolve("test/dog/g.jpg");
        Files.delete(png);
        Path truncatedPng = root.resolve("test/dog/h.png");
        write(truncatedPng, 32, 32, 0x336699, BufferedImage.TYPE_INT_RGB, "png");
        byte[] pngBytes = Files.readAllBytes(truncatedPng);
        Files.write(truncatedPng, Arrays.copyOf(pngBytes, pngBytes.length - 20));
        assertThatThrownBy(() -> spec.load(root))
                .isInstanceOf(DatasetException.class)
                .hasMessageStartingWith(truncatedPng + ": ")
                .hasMessageNotContaining("\n");
    }

    @Test
    void mismatchedOrEmptyFoldersAreOneLineErrors() throws IOException {
        Path root = tinyFolder();
        Files.createDirectories(root.resolve("train/bird"));
        write(root.resolve("train/bird/z.png"), 4, 4, 0, BufferedImage.TYPE_INT_RGB, "png");
        DatasetSpec spec = DatasetCatalog.get("folder:" + root, 7);
        assertThatThrownBy(() -> spec.load(root))
                .hasMessage(root.resolve("test") + ": classes differ from train/, missing [bird]");

        Files.createDirectories(root.resolve("test/bird"));
        assertThatThrownBy(() -> spec.load(root))
                .hasMessage(root.resolve("test/bird") + ": no .jpg, .jpeg or .png images");

        Path empty = dir.resolve("empty");
        Files.createDirectories(empty.resolve("train"));
        assertThatThrownBy(() -> DatasetCatalog.get("folder:" + empty))
                .hasMessage(empty.resolve("train") + ": no class folders (expected train/CLASS/*.jpg|png)");
        assertThatThrownBy(() -> DatasetCatalog.get("folder:" + dir.resolve("nowhere")))
                .hasMessageStartingWith(dir.resolve("nowhere/train") + ": missing;");
        assertThatThrownBy(() -> DatasetCatalog.get("folder:")).hasMessage("dataset 'folder:' must be folder:PATH");
    }

    @Test
    void locatorUsesTheFolderItselfAndStoredSizeFollowsTheCropFraction() throws IOException {
        Path root = tinyFolder();
        DatasetSpec spec = DatasetCatalog.get("folder:" + root);
        assertThat(spec.height()).isEqualTo(ImageFolders.DEFAULT_IMAGE_SIZE);
        DatasetLocator locator = new DatasetLocator(Map.of(), dir.resolve("home"), dir.resolve("system"));
        assertThat(locator.locate(spec, dir.resolve("elsewhere"))).isEqualTo(root);
        assertThat(new ImageFolderLoader(root, 224, null).storedSize()).isEqualTo(256);
        assertThat(new ImageFolderLoader(root, 32, null).storedSize()).isEqualTo(37);
        assertThat(ImageFolders.isFolder(spec)).isTrue();
        assertThat(ImageFolders.isFolder(DatasetCatalog.get("fashion-mnist"))).isFalse();
        assertThat(List.of(spec.fileNames())).containsExactly(List.of());
    }
}
