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

class CifarLoaderTest {

    private static final DatasetSpec CIFAR10 = DatasetCatalog.get("cifar10");
    private static final DatasetSpec CIFAR100 = DatasetCatalog.get("cifar100");

    private static Path cifar10Archive(Path root) throws Exception {
        Path dir = Files.createDirectories(root.resolve("cifar10"));
        TarFixtures.writeFiles(dir.resolve("cifar-10-binary.tar.gz"), CifarFixtures.cifar10Entries());
        return dir;
    }

    /** Checks the data of {@link CifarFixtures#cifar10Entries()} as loaded. */
    private static void assertCifar10(TrainTestData data) {
        ImageDataset train = data.train();
        assertThat(train.size()).isEqualTo(10);
        assertThat(train.labels()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(train.classNames()).startsWith("airplane");
        assertThat(data.test().labels()).containsExactly(9, 0, 5);
        assertThat(List3.shape(train)).containsExactly(3, 32, 32);
        // Image 7 is the second record of data_batch_4: green channel, row 1, column 2.
        byte[] image = train.imageBytes(7);
        assertThat(image[1024 + 32 + 2] & 0xFF).isEqualTo(CifarFixtures.pixel(4, 1, 1, 1, 2));
        assertThat(image[2 * 1024 + 31 * 32 + 31] & 0xFF).isEqualTo(CifarFixtures.pixel(4, 1, 2, 31, 31));
        assertThat(data.test().imageBytes(2)[0] & 0xFF).isEqualTo(CifarFixtures.pixel(9, 2, 0, 0, 0));
    }

    /** Tiny helper so the shape reads as one list. */
    private static final class List3 {
        static List<Integer> shape(ImageDataset d) {
            return List.of(d.channels(), d.height(), d.width());
        }
    }

    @Test
    void readsCifar10StraightFromTheArchive(@TempDir Path root) throws Exception {
        Path dir = cifar10Archive(root);
        assertCifar10(CIFAR10.load(dir));
        assertThat(CIFAR10.loader().inputs(CIFAR10, dir, DatasetOptions.DEFAULT))
                .containsExactly(dir.resolve("cifar-10-binary.tar.gz"));
        assertThat(new DatasetLocator(Map.of(), root.resolve("home"), root.resolve("none")).find(CIFAR10, root))
                .contains(dir);
    }

    @Test
    void readsCifar10FromTheExtractedFolderAlone(@TempDir Path root) throws Exception {
        Path dir = cifar10Archive(root);
        ArchiveExtractor.extract(dir.resolve("cifar-10-binary.tar.gz"), dir);
        Files.delete(dir.resolve("cifar-10-binary.tar.gz"));
        assertCifar10(CIFAR10.load(dir));
        assertThat(CIFAR10.loader().missing(CIFAR10, dir, DatasetOptions.DEFAULT))
                .isEmpty();
        assertThat(CIFAR10.loader().inputs(CIFAR10, dir, DatasetOptions.DEFAULT))
                .hasSize(6)
                .allMatch(p -> p.startsWith(dir.resolve("cifar-10-batches-bin")));
        assertThat(DatasetHash.of(CIFAR10, dir)).hasSize(64);
    }

    @Test
    void locatorSaysWhatIsMissing(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("cifar10/cifar-10-batches-bin"));
        DatasetLocator locator = new DatasetLocator(Map.of(), root.resolve("home"), root.resolve("none"));
        assertThatThrownBy(() -> locator.locate(CIFAR10, root))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(
                        "incomplete, lacks cifar-10-binary.tar.gz (or its extracted cifar-10-batches-bin/)")
                .hasMessageContaining("sam4j datasets fetch cifar10");
    }

    @Test
    void cifar100FineLabelsByDefaultCoarseAsAnOption(@TempDir Path root) throws Exception {
        Path dir = Files.createDirectories(root.resolve("cifar100"));
        TarFixtures.writeFiles(dir.resolve("cifar-100-binary.tar.gz"), CifarFixtures.cifar100Entries());
        TrainTestData fine = CIFAR100.load(dir);
        assertThat(fine.train().labels()).containsExactly(0, 99, 42);
        assertThat(fine.test().labels()).containsExactly(98, 4);
        assertThat(fine.train().numClasses()).isEqualTo(100);
        assertThat(fine.train().classNames().get(99)).isEqualTo("worm");
        TrainTestData coarse = CIFAR100.load(dir, new DatasetOptions(true, false));
        assertThat(coarse.train().labels()).containsExactly(4, 19, 11);
        assertThat(coarse.test().labels()).containsExactly(18, 0);
        assertThat(coarse.train().numClasses()).isEqualTo(20);
        assertThat(coarse.train().classNames().get(19)).isEqualTo("vehicles_2");
        // Two label bytes per record: the pixels start after both.
        assertThat(coarse.train().imageBytes(2)[5] & 0xFF).isEqualTo(CifarFixtures.pixel(1, 2, 0, 0, 5));
        assertThat(Arrays.equals(coarse.train().images(), fine.train().images()))
                .isTrue();
    }

    @Test
    void optionsThatDoNotApplyAreRefused(@TempDir Path root) throws Exception {
        Path dir = cifar10Archive(root);
        assertThatThrownBy(() -> CIFAR10.load(dir, new DatasetOptions(true, false)))
                .isInstanceOf(DatasetException.class)
                .hasMessage("dataset 'cifar10' has no coarse labels (--cifar100-labels coarse)");
        assertThatThrownBy(() -> CIFAR10.load(dir, new DatasetOptions(false, true)))
                .hasMessage("dataset 'cifar10' has no extra training images (--svhn-extra)");
    }

    @Test
    void truncatedBatchFileNamesTheFileAndItsSize(@TempDir Path root) throws Exception {
        Path dir = cifar10Archive(root);
        ArchiveExtractor.extract(dir.resolve("cifar-10-binary.tar.gz"), dir);
        Path batch = dir.resolve("cifar-10-batches-bin/data_batch_3.bin");
        byte[] bytes = Files.readAllBytes(batch);
        Files.write(batch, Arrays.copyOf(bytes, bytes.length - 5));
        assertThatThrownBy(() -> CIFAR10.load(dir))
                .isInstanceOf(DatasetException.class)
                .hasMessage(batch + ": 6141 bytes is not a whole number of 3073-byte records"
                        + " (truncated, or not a CIFAR binary file)");
    }

    @Test
    void truncatedOrCorruptArchiveIsOneLineNamingIt(@TempDir Path root) throws Exception {
        Path dir = cifar10Archive(root);
        Path archive = dir.resolve("cifar-10-binary.tar.gz");
        byte[] bytes = Files.readAllBytes(archive);
        Files.write(archive, Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> CIFAR10.load(dir))
                .isInstanceOf(DatasetException.class)
                .hasMessageStartingWith(archive + ": corrupt or truncated archive")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        Files.write(archive, new byte[] {0x1f, (byte) 0x8b, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
        assertThatThrownBy(() -> CIFAR10.load(dir)).hasMessageStartingWith(archive + ": corrupt or truncated archive");
    }

    @Test
    void archiveLackingABatchNamesIt(@TempDir Path root) throws Exception {
        Path dir = Files.createDirectories(root.resolve("cifar10"));
        Map<String, byte[]> entries = CifarFixtures.cifar10Entries();
        entries.remove("cifar-10-batches-bin/data_batch_5.bin");
        Path archive = dir.resolve("cifar-10-binary.tar.gz");
        TarFixtures.writeFiles(archive, entries);
        assertThatThrownBy(() -> CIFAR10.load(dir))
                .hasMessage(archive + ": archive lacks cifar-10-batches-bin/data_batch_5.bin");
    }

    @Test
    void labelOutOfRangeNamesTheRecord(@TempDir Path root) throws Exception {
        Path dir = Files.createDirectories(root.resolve("cifar10"));
        Map<String, byte[]> entries = CifarFixtures.cifar10Entries();
        entries.put("cifar-10-batches-bin/test_batch.bin", CifarFixtures.records(9, new int[][] {{1}, {10}}));
        Path archive = dir.resolve("cifar-10-binary.tar.gz");
        TarFixtures.writeFiles(archive, entries);
        assertThatThrownBy(() -> CIFAR10.load(dir))
                .hasMessage(archive + "!cifar-10-batches-bin/test_batch.bin: label 10 of record 1 is outside [0, 10)");
    }
}
