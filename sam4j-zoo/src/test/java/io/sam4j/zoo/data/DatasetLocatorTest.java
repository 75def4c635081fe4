package io.sam4j.zoo.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetLocatorTest {

    @TempDir
    Path tmp;

    private final DatasetSpec fashion = DatasetCatalog.get("fashion-mnist");

    private Path home() {
        return tmp.resolve("home");
    }

    private Path system() {
        return tmp.resolve("system");
    }

    private Path installAt(Path root) throws IOException {
        Path dir = Files.createDirectories(root.resolve("fashion-mnist"));
        TestDatasets.writeTinyIdx(dir);
        return dir;
    }

    @Test
    void notFoundMessageListsEveryPlaceAndRemedy() {
        // MNIST: Fashion-MNIST always has its embedded subset when no --data-dir is given.
        DatasetLocator locator = new DatasetLocator(Map.of(), home(), system());
        assertThatThrownBy(() -> locator.locate("mnist", null))
                .isInstanceOf(DatasetException.class)
                .hasMessage("dataset 'mnist' not found; looked in: --data-dir (not given), $SAM4J_DATA (not set), "
                        + home() + "/.sam4j/datasets/mnist (missing), " + system() + "/mnist (missing). "
                        + "Get it with 'sam4j datasets fetch mnist' or pass --data-dir DIR");
    }

    @Test
    void anExplicitDataDirIsTheOnlyPlaceSearched() throws IOException {
        Path given = tmp.resolve("given");
        installAt(system());
        installAt(home().resolve(".sam4j/datasets"));
        DatasetLocator locator = new DatasetLocator(Map.of(), home(), system());
        assertThatThrownBy(() -> locator.locate(fashion, given))
                .isInstanceOf(DatasetException.class)
                .hasMessage("dataset 'fashion-mnist' not found; looked in: --data-dir " + given
                        + "/fashion-mnist (missing) (only --data-dir is searched when given). "
                        + "Get it with 'sam4j datasets fetch fashion-mnist', 'apt-get install dataset-fashion-mnist', "
                        + "or pass --data-dir DIR");
        assertThat(locator.find(fashion, given)).isEmpty();
    }

    @Test
    void anIncompleteExplicitDataDirNamesWhatItLacks() throws IOException {
        Path given = tmp.resolve("given");
        installAt(system());
        Path partial = Files.createDirectories(given.resolve("fashion-mnist"));
        TestDatasets.writeTinyIdx(partial);
        Files.delete(partial.resolve("t10k-labels-idx1-ubyte.gz"));
        DatasetLocator locator = new DatasetLocator(Map.of(), home(), system());
        assertThatThrownBy(() -> locator.locate(fashion, given))
                .hasMessageStartingWith("dataset 'fashion-mnist' not found; looked in: --data-dir " + partial
                        + " (incomplete, lacks t10k-labels-idx1-ubyte[.gz]) (only --data-dir is searched when given).");
    }

    @Test
    void aSetEnvironmentRootIsTheOnlyPlaceSearched() throws IOException {
        Path env = tmp.resolve("env");
        installAt(system());
        DatasetLocator locator = new DatasetLocator(Map.of("SAM4J_DATA", env.toString()), home(), system());
        assertThatThrownBy(() -> locator.locate("mnist", null))
                .hasMessage("dataset 'mnist' not found; looked in: $SAM4J_DATA " + env
                        + "/mnist (missing) (only $SAM4J_DATA is searched when set). "
                        + "Get it with 'sam4j datasets fetch mnist' or pass --data-dir DIR");
        assertThatThrownBy(() -> locator.locate(fashion, null)).isInstanceOf(DatasetException.class);
    }

    @Test
    void followsLookupOrder() throws IOException {
        Path given = tmp.resolve("given");
        Path env = tmp.resolve("env");
        Path userRoot = home().resolve(".sam4j/datasets");
        DatasetLocator locator = new DatasetLocator(Map.of(), home(), system());
        DatasetLocator withEnv = new DatasetLocator(Map.of("SAM4J_DATA", env.toString()), home(), system());

        Path inSystem = installAt(system());
        assertThat(locator.locate(fashion, null)).isEqualTo(inSystem);
        Path inUser = installAt(userRoot);
        assertThat(locator.locate(fashion, null)).isEqualTo(inUser);
        Path inEnv = installAt(env);
        assertThat(withEnv.locate(fashion, null)).isEqualTo(inEnv);
        Path inGiven = installAt(given);
        assertThat(withEnv.locate(fashion, given)).isEqualTo(inGiven);
        assertThat(locator.locate(fashion, given)).isEqualTo(inGiven);
    }

    @Test
    void plainIdxFilesAreFoundLoadedAndVerifiedAsUnpublished() throws IOException {
        Path given = tmp.resolve("given");
        Path dir = installAt(given);
        for (String name : fashion.fileNames()) {
            Path gz = dir.resolve(name);
            try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
                Files.write(dir.resolve(name.substring(0, name.length() - ".gz".length())), in.readAllBytes());
            }
            Files.delete(gz);
        }
        DatasetLocator locator = new DatasetLocator(Map.of(), home(), system());
        assertThat(locator.locate(fashion, given)).isEqualTo(dir);
        TrainTestData data = TestDatasets.spec(
                        "fashion-mnist",
                        URI.create("http://unused/"),
                        Map.of(IdxDatasetLoader.TRAIN_IMAGES, "0".repeat(64)))
                .load(dir);
        assertThat(data.train().labels()).containsExactly(0, 1, 2);
        assertThat(data.test().imageBytes(0)).containsExactly(9, 9, 9, 9);
        assertThat(fashion.loader().inputs(fashion, dir, DatasetOptions.DEFAULT))
                .containsExactly(
                        dir.resolve("train-images-idx3-ubyte"),
                        dir.resolve("train-labels-idx1-ubyte"),
                        dir.resolve("t10k-images-idx3-ubyte"),
                        dir.resolve("t10k-labels-idx1-ubyte"));
        // The published checksums are of the gzipped files: a plain copy cannot be checked against them.
        assertThat(DatasetVerifier.verify(fashion, dir))
                .extracting(FileCheck::path, FileCheck::status)
                .containsExactly(
                        Tuple.tuple(dir.resolve("train-images-idx3-ubyte"), FileCheck.Status.NO_PUBLISHED_CHECKSUM),
                        Tuple.tuple(dir.resolve("train-labels-idx1-ubyte"), FileCheck.Status.NO_PUBLISHED_CHECKSUM),
                        Tuple.tuple(dir.resolve("t10k-images-idx3-ubyte"), FileCheck.Status.NO_PUBLISHED_CHECKSUM),
                        Tuple.tuple(dir.resolve("t10k-labels-idx1-ubyte"), FileCheck.Status.NO_PUBLISHED_CHECKSUM));
    }

    @Test
    void aCorruptFileUnderTheDataDirFailsNamingIt() throws IOException {
        Path given = tmp.resolve("given");
        installAt(system());
        Path dir = installAt(given);
        Files.writeString(dir.resolve("train-labels-idx1-ubyte.gz"), "not an idx file");
        Path found = new DatasetLocator(Map.of(), home(), system()).locate(fashion, given);
        assertThat(found).isEqualTo(dir);
        assertThatThrownBy(() -> fashion.load(found))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(dir.resolve("train-labels-idx1-ubyte.gz").toString());
    }

    @Test
    void downloadRootPrefersDataDirThenEnvThenHome() {
        Path given = tmp.resolve("given");
        assertThat(new DatasetLocator(Map.of(), home(), system()).downloadRoot(null))
                .isEqualTo(home().resolve(".sam4j/datasets"));
        DatasetLocator withEnv = new DatasetLocator(Map.of("SAM4J_DATA", "/data"), home(), system());
        assertThat(withEnv.downloadRoot(null)).isEqualTo(Path.of("/data"));
        assertThat(withEnv.downloadRoot(given)).isEqualTo(given);
    }

    @Test
    void loadsWhatItFinds() throws IOException {
        installAt(system());
        DatasetLocator locator = new DatasetLocator(Map.of(), home(), system());
        TrainTestData data = TestDatasets.spec(
                        "fashion-mnist",
                        URI.create("http://unused/"),
                        Map.of(IdxDatasetLoader.TRAIN_IMAGES, "0".repeat(64)))
                .load(locator.locate(fashion, null));
        assertThat(data.train().labels()).containsExactly(0, 1, 2);
        assertThat(data.test().imageBytes(1)).containsExactly(8, 8, 8, 8);
        assertThat(data.train().name()).isEqualTo("fashion-mnist/train");
    }

    @Test
    void realDebianFashionMnistIsFoundVerifiedAndLoaded() {
        Path debian = DatasetLocator.SYSTEM_ROOT.resolve("fashion-mnist");
        assumeThat(Files.isDirectory(debian))
                .as("Debian dataset-fashion-mnist installed")
                .isTrue();
        DatasetLocator locator = new DatasetLocator(Map.of(), home(), DatasetLocator.SYSTEM_ROOT);
        Path dir = locator.locate(fashion, null);
        assertThat(dir).isEqualTo(debian);
        assertThat(DatasetVerifier.verify(fashion, dir)).allMatch(FileCheck::ok);
        TrainTestData data = fashion.load(dir);
        assertThat(data.train().size()).isEqualTo(60_000);
        assertThat(data.test().size()).isEqualTo(10_000);
        assertThat(data.train().labels()).startsWith(9, 0, 0, 3, 0, 2, 7, 2, 5, 5);
        assertThat(data.test().labels()).startsWith(9, 2, 1, 1, 6, 1, 4, 6, 5, 7);
        // Centre pixel of the first training image, checked independently with Python's gzip module.
        assertThat(data.train().imageBytes(0)[14 * 28 + 14] & 0xFF).isEqualTo(217);
    }
}
