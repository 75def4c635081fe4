package io.sam4j.zoo.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.MatlabType;
import us.hebi.matlab.mat.types.Matrix;

/**
 * SVHN's MATLAB files, written here with mfl-core in the official layout: X is uint8 32×32×3×N indexed
 * (row, column, channel, image) with MATLAB subscripts, y is N×1 double with 10 for the digit 0.
 */
class SvhnLoaderTest {

    private static final DatasetSpec SVHN = DatasetCatalog.get("svhn");

    /** The pixel written at (row r, column c, channel ch) of image n of file {@code seed}. */
    static int pixel(int seed, int n, int r, int c, int ch) {
        return (seed * 17 + n * 29 + r * 5 + c * 3 + ch * 70) & 0xFF;
    }

    static void writeMat(Path file, int seed, double... digitsAsStored) throws Exception {
        int n = digitsAsStored.length;
        Matrix x = Mat5.newMatrix(new int[] {32, 32, 3, n}, MatlabType.UInt8);
        for (int image = 0; image < n; image++) {
            for (int r = 0; r < 32; r++) {
                for (int c = 0; c < 32; c++) {
                    for (int ch = 0; ch < 3; ch++) {
                        x.setByte(new int[] {r, c, ch, image}, (byte) pixel(seed, image, r, c, ch));
                    }
                }
            }
        }
        Matrix y = Mat5.newMatrix(n, 1);
        for (int i = 0; i < n; i++) {
            y.setDouble(i, 0, digitsAsStored[i]);
        }
        MatFile mat = Mat5.newMatFile().addArray("X", x).addArray("y", y);
        Mat5.writeToFile(mat, file.toFile());
    }

    private static Path svhnDir(Path root) throws Exception {
        Path dir = Files.createDirectories(root.resolve("svhn"));
        writeMat(dir.resolve("train_32x32.mat"), 1, 1, 10, 3, 7, 10);
        writeMat(dir.resolve("test_32x32.mat"), 2, 2, 9);
        return dir;
    }

    @Test
    void readsImagesChannelFirstAndMapsLabelTenToZero(@TempDir Path root) throws Exception {
        Path dir = svhnDir(root);
        TrainTestData data = SVHN.load(dir);
        ImageDataset train = data.train();
        assertThat(train.size()).isEqualTo(5);
        assertThat(train.labels()).containsExactly(1, 0, 3, 7, 0);
        assertThat(data.test().labels()).containsExactly(2, 9);
        assertThat(List.of(train.channels(), train.height(), train.width())).containsExactly(3, 32, 32);
        // Image 3, green channel, row 1, column 2, as MATLAB's X(2, 3, 2, 4).
        byte[] image3 = train.imageBytes(3);
        assertThat(image3[1 * 1024 + 1 * 32 + 2] & 0xFF).isEqualTo(pixel(1, 3, 1, 2, 1));
        // Row and column are not swapped: (row 2, column 1) differs from (row 1, column 2).
        assertThat(image3[1 * 1024 + 2 * 32 + 1] & 0xFF)
                .isEqualTo(pixel(1, 3, 2, 1, 1))
                .isNotEqualTo(pixel(1, 3, 1, 2, 1));
        for (int ch = 0; ch < 3; ch++) {
            for (int r = 0; r < 32; r += 7) {
                for (int c = 0; c < 32; c += 5) {
                    assertThat(data.test().imageBytes(1)[ch * 1024 + r * 32 + c] & 0xFF)
                            .isEqualTo(pixel(2, 1, r, c, ch));
                }
            }
        }
    }

    @Test
    void extraIsAppendedToTrainingOnlyWhenAsked(@TempDir Path root) throws Exception {
        Path dir = svhnDir(root);
        DatasetOptions extra = new DatasetOptions(false, true);
        DatasetLocator locator = new DatasetLocator(Map.of(), root.resolve("home"), root.resolve("none"));
        assertThat(locator.find(SVHN, root)).contains(dir);
        assertThat(locator.find(SVHN, root, extra)).isEmpty();
        assertThatThrownBy(() -> locator.locate(SVHN, root, extra)).hasMessageContaining("lacks extra_32x32.mat");

        writeMat(dir.resolve("extra_32x32.mat"), 3, 4, 10);
        assertThat(locator.find(SVHN, root, extra)).contains(dir);
        TrainTestData plain = SVHN.load(dir);
        TrainTestData withExtra = SVHN.load(dir, extra);
        assertThat(withExtra.train().labels()).containsExactly(1, 0, 3, 7, 0, 4, 0);
        assertThat(withExtra.test().labels()).containsExactly(plain.test().labels());
        assertThat(Arrays.copyOf(withExtra.train().images(), 5 * 3072))
                .isEqualTo(plain.train().images());
        assertThat(withExtra.train().imageBytes(6)[2 * 1024 + 31 * 32] & 0xFF).isEqualTo(pixel(3, 1, 31, 0, 2));
        assertThat(SVHN.loader().inputs(SVHN, dir, extra)).hasSize(3);
        assertThat(DatasetHash.of(SVHN, dir, extra)).isNotEqualTo(DatasetHash.of(SVHN, dir));
    }

    @Test
    void coarseLabelsAreRefused(@TempDir Path root) throws Exception {
        Path dir = svhnDir(root);
        assertThatThrownBy(() -> SVHN.load(dir, new DatasetOptions(true, false)))
                .isInstanceOf(DatasetException.class)
                .hasMessage("dataset 'svhn' has no coarse labels (--cifar100-labels coarse)");
    }

    @Test
    void corruptTruncatedOrMalformedFilesAreOneLineNamingTheFile(@TempDir Path root) throws Exception {
        Path dir = svhnDir(root);
        Path train = dir.resolve("train_32x32.mat");
        byte[] good = Files.readAllBytes(train);

        Files.write(train, Arrays.copyOf(good, good.length / 2));
        assertThatThrownBy(() -> SVHN.load(dir))
                .isInstanceOf(DatasetException.class)
                .hasMessageStartingWith(train + ": ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));

        byte[] junk = new byte[4096];
        Arrays.fill(junk, (byte) 'x');
        Files.write(train, junk);
        assertThatThrownBy(() -> SVHN.load(dir))
                .isInstanceOf(DatasetException.class)
                .hasMessageStartingWith(train + ": ");

        Matrix wrong = Mat5.newMatrix(new int[] {28, 28, 1, 2}, MatlabType.UInt8);
        Mat5.writeToFile(Mat5.newMatFile().addArray("X", wrong).addArray("y", Mat5.newMatrix(2, 1)), train.toFile());
        assertThatThrownBy(() -> SVHN.load(dir))
                .hasMessage(train + ": X is uint8 [28, 28, 1, 2], expected uint8 [32, 32, 3, N]");

        writeMat(train, 1, 1, 11);
        assertThatThrownBy(() -> SVHN.load(dir)).hasMessage(train + ": label 11.0 at index 1 is outside 1..10");

        Mat5.writeToFile(
                Mat5.newMatFile().addArray("X", Mat5.newMatrix(new int[] {32, 32, 3, 1}, MatlabType.UInt8)),
                train.toFile());
        assertThatThrownBy(() -> SVHN.load(dir)).hasMessage(train + ": no variable 'y'");
    }
}
