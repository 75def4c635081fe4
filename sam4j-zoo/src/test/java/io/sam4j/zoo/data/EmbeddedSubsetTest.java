package io.sam4j.zoo.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.sam4j.core.util.Hashing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedSubsetTest {

    @TempDir
    Path tmp;

    private final DatasetSpec fashion = DatasetCatalog.get("fashion-mnist");
    private final EmbeddedSubset subset = EmbeddedSubset.fashionMnist();

    private DatasetLocator emptyMachine() {
        return new DatasetLocator(Map.of(), tmp.resolve("home"), tmp.resolve("system"));
    }

    @Test
    void emptyRootsFindTheEmbeddedSubsetWithItsRecordedChecksums() throws IOException {
        Path dir = emptyMachine().locate(fashion, null);

        assertThat(dir.getParent().getParent()).isEqualTo(tmp.resolve("home/.sam4j/embedded"));
        assertThat(EmbeddedSubset.in(dir)).contains(subset);
        assertThat(subset.describe()).isEqualTo("embedded subset, 5,000 train / 2,000 test");
        assertThat(Files.readString(dir.resolve(EmbeddedSubset.MARKER)).strip()).isEqualTo(subset.describe());
        assertThat(Files.readString(dir.resolve(EmbeddedSubset.NOTICE))).contains("Zalando SE", "MIT");
        for (Map.Entry<String, String> file : subset.sha256().entrySet()) {
            assertThat(Hashing.sha256Hex(dir.resolve(file.getKey())))
                    .as(file.getKey())
                    .isEqualTo(file.getValue());
        }
        TrainTestData data = fashion.load(dir);
        assertThat(data.train().size()).isEqualTo(5_000);
        assertThat(data.test().size()).isEqualTo(2_000);
        assertThat(classCounts(data.train().labels())).containsOnly(500);
        assertThat(classCounts(data.test().labels())).containsOnly(200);
    }

    @Test
    void aDamagedUnpackedFileIsReplacedAndADamagedShippedFileRefused() throws IOException {
        Path dir = subset.unpack(tmp);
        Path labels = dir.resolve(IdxDatasetLoader.TRAIN_LABELS);
        Files.write(labels, new byte[] {1, 2, 3});
        assertThat(subset.unpack(tmp)).isEqualTo(dir);
        assertThat(Hashing.sha256Hex(labels)).isEqualTo(subset.sha256().get(IdxDatasetLoader.TRAIN_LABELS));

        Map<String, String> wrong = new HashMap<>(subset.sha256());
        wrong.put(IdxDatasetLoader.TEST_LABELS, "ab".repeat(32));
        EmbeddedSubset damaged = new EmbeddedSubset("fashion-mnist", 5_000, 2_000, 2021, wrong);
        assertThatThrownBy(() -> damaged.unpack(tmp.resolve("other")))
                .isInstanceOf(DatasetException.class)
                .hasMessageStartingWith("embedded fashion-mnist file t10k-labels-idx1-ubyte.gz has sha256 "
                        + subset.sha256().get(IdxDatasetLoader.TEST_LABELS) + ", expected " + "ab".repeat(32));
    }

    @Test
    void anExplicitFolderIsNeverReplacedByTheSubset() {
        assertThat(emptyMachine().find(fashion, tmp.resolve("given"))).isEmpty();
        assertThat(tmp.resolve("home/.sam4j/embedded")).doesNotExist();
        assertThat(EmbeddedSubset.of("mnist")).isEmpty();
    }

    @Test
    void anInstalledFullCopyWins() throws IOException {
        Path installed = Files.createDirectories(tmp.resolve("system/fashion-mnist"));
        TestDatasets.writeTinyIdx(installed);
        assertThat(emptyMachine().locate(fashion, null)).isEqualTo(installed);
        assertThat(EmbeddedSubset.in(installed)).isEmpty();
    }

    @Test
    void writerKeepsEachClassInProportionWithTheSourceImages() throws IOException {
        // 40 training images (4 per class) and 20 test images of 1x1 pixels whose value is the index.
        Path source = Files.createDirectories(tmp.resolve("source"));
        ImageDataset train = TestDatasets.pixels(40, 10);
        ImageDataset test = TestDatasets.pixels(20, 10);
        IdxWriter.writeDataset(
                train,
                source.resolve(IdxDatasetLoader.TRAIN_IMAGES),
                source.resolve(IdxDatasetLoader.TRAIN_LABELS),
                true);
        IdxWriter.writeDataset(
                test, source.resolve(IdxDatasetLoader.TEST_IMAGES), source.resolve(IdxDatasetLoader.TEST_LABELS), true);
        DatasetSpec spec = new DatasetSpec(
                "pixels",
                fashion.files(),
                1,
                1,
                1,
                TestDatasets.TEN,
                new float[] {0},
                new float[] {1},
                new IdxDatasetLoader());

        Map<String, String> digests = EmbeddedSubsetWriter.write(spec, source, tmp.resolve("out"), 20, 10, 7);
        TrainTestData written = new IdxDatasetLoader().load(spec, tmp.resolve("out"));

        assertThat(classCounts(written.train().labels())).containsOnly(2);
        assertThat(classCounts(written.test().labels())).containsOnly(1);
        // Each kept image is the source image it came from: pixel i has label i % 10.
        for (int i = 0; i < written.train().size(); i++) {
            assertThat((written.train().imageBytes(i)[0] & 0xFF) % 10)
                    .isEqualTo(written.train().label(i));
        }
        assertThat(digests).containsOnlyKeys(EmbeddedSubset.FILES);
        assertThat(EmbeddedSubsetWriter.write(spec, source, tmp.resolve("again"), 20, 10, 7))
                .isEqualTo(digests);
        assertThat(EmbeddedSubsetWriter.write(spec, source, tmp.resolve("seed 8"), 20, 10, 8))
                .isNotEqualTo(digests);
    }

    @Test
    void theShippedFilesAreWhatTheWriterMakesFromTheOfficialDataset() {
        Path debian = DatasetLocator.SYSTEM_ROOT.resolve("fashion-mnist");
        assumeThat(Files.isDirectory(debian))
                .as("Debian dataset-fashion-mnist installed")
                .isTrue();
        Map<String, String> digests = EmbeddedSubsetWriter.write(
                fashion, debian, tmp.resolve("regenerated"), subset.trainExamples(), subset.testExamples(), 2021);
        assertThat(digests).isEqualTo(subset.sha256());
    }

    private static int[] classCounts(int[] labels) {
        int[] counts = new int[10];
        Arrays.stream(labels).forEach(label -> counts[label]++);
        return counts;
    }
}
