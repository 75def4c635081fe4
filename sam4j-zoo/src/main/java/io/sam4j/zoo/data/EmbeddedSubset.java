package io.sam4j.zoo.data;

import io.sam4j.core.util.AtomicFiles;
import io.sam4j.core.util.Hashing;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A small, seeded, class-balanced subset of a dataset shipped inside the zoo's jar, so that the first
 * command ({@code sam4j demo}) works on a machine with no dataset installed and no network.
 *
 * <p>Only Fashion-MNIST has one: 5,000 training images (500 per class) and 2,000 test images (200 per
 * class) drawn by {@link EmbeddedSubsetWriter} from the official files with seed 2021, in the official IDX
 * format (gzipped), about 3 MB. Fashion-MNIST is © 2017 Zalando SE under the MIT licence; its notice
 * ships beside the files ({@value #NOTICE}).
 *
 * <p>The loaders read folders, so the subset is unpacked into {@code <root>/<sha>/<dataset>/} (the
 * {@link DatasetLocator} passes {@code ~/.sam4j/embedded}) with a marker file ({@value #MARKER}) that
 * names it, so a run can tell that it trained on the subset. Each file's SHA-256 is checked against the
 * value recorded here before it is used, at every unpack.
 */
public final class EmbeddedSubset {

    /** The marker file in an unpacked subset's folder; it holds {@link #describe()}. */
    public static final String MARKER = "EMBEDDED-SUBSET.txt";
    /** The licence notice shipped with the files. */
    public static final String NOTICE = "NOTICE.txt";
    /** The data files, in the loader's order. */
    static final List<String> FILES = List.of(
            IdxDatasetLoader.TRAIN_IMAGES,
            IdxDatasetLoader.TRAIN_LABELS,
            IdxDatasetLoader.TEST_IMAGES,
            IdxDatasetLoader.TEST_LABELS);

    private static final String RESOURCES = "/io/sam4j/zoo/data/embedded/";

    private static final EmbeddedSubset FASHION_MNIST = new EmbeddedSubset(
            "fashion-mnist",
            5_000,
            2_000,
            2021,
            Map.of(
                    IdxDatasetLoader.TRAIN_IMAGES, "0dd8d5fa269088d3847f2ffef21ee59c4c3782c1dab8c075309d6b7853026253",
                    IdxDatasetLoader.TRAIN_LABELS, "41ae4a56d77484f94fd4747f478fb23ab1c90ecc645218b0e37508d38647adcd",
                    IdxDatasetLoader.TEST_IMAGES, "37f1c15395a566f90f98f94bd03a386a4189ad92d548f879b1dc80f88c580627",
                    IdxDatasetLoader.TEST_LABELS, "9a5f2e292e445c123e8a5acad094748b1922427b92132194ec2d0e568bbb4823"));

    private final String dataset;
    private final int trainExamples;
    private final int testExamples;
    private final long seed;
    private final Map<String, String> sha256;

    EmbeddedSubset(String dataset, int trainExamples, int testExamples, long seed, Map<String, String> sha256) {
        this.dataset = dataset;
        this.trainExamples = trainExamples;
        this.testExamples = testExamples;
        this.seed = seed;
        this.sha256 = Map.copyOf(sha256);
    }

    /** @return the Fashion-MNIST subset */
    public static EmbeddedSubset fashionMnist() {
        return FASHION_MNIST;
    }

    /**
     * @param datasetName a catalog name
     * @return the embedded subset of that dataset, if the zoo ships one
     */
    public static Optional<EmbeddedSubset> of(String datasetName) {
        return FASHION_MNIST.dataset.equals(datasetName) ? Optional.of(FASHION_MNIST) : Optional.empty();
    }

    /**
     * @param datasetDir a dataset folder, as the locator returned it
     * @return the embedded subset unpacked there, if the folder is one (it holds {@value #MARKER})
     */
    public static Optional<EmbeddedSubset> in(Path datasetDir) {
        if (!Files.isRegularFile(datasetDir.resolve(MARKER))) {
            return Optional.empty();
        }
        return of(datasetDir.getFileName().toString());
    }

    /** @return the catalog name of the dataset this is a subset of */
    public String dataset() {
        return dataset;
    }

    /** @return the number of training images */
    public int trainExamples() {
        return trainExamples;
    }

    /** @return the number of test images */
    public int testExamples() {
        return testExamples;
    }

    /** @return the seed the subset was drawn with */
    public long seed() {
        return seed;
    }

    /** @return the recorded SHA-256 of each data file, by file name */
    public Map<String, String> sha256() {
        return sha256;
    }

    /** @return e.g. {@code embedded subset, 5,000 train / 2,000 test} */
    public String describe() {
        return String.format(Locale.ROOT, "embedded subset, %,d train / %,d test", trainExamples, testExamples);
    }

    /**
     * Copies the subset out of the jar into {@code <root>/<first 12 hex digits of the training images'
     * SHA-256>/<dataset>/}, checking each file's SHA-256 against the recorded one; files already there with
     * the right content are kept.
     *
     * @param root the folder that holds unpacked subsets, e.g. {@code ~/.sam4j/embedded}
     * @return the dataset folder, ready for {@link DatasetSpec#load(Path)}
     * @throws DatasetException if a shipped file is missing or its checksum differs from the recorded one
     */
    public Path unpack(Path root) {
        Objects.requireNonNull(root, "root");
        Path dir = root.resolve(sha256.get(IdxDatasetLoader.TRAIN_IMAGES).substring(0, 12))
                .resolve(dataset);
        try {
            Files.createDirectories(dir);
            for (String name : FILES) {
                byte[] bytes = resource(name);
                String actual = Hashing.sha256Hex(bytes);
                if (!actual.equals(sha256.get(name))) {
                    throw new DatasetException("embedded " + dataset + " file " + name + " has sha256 " + actual
                            + ", expected " + sha256.get(name) + "; the jar is damaged, rebuild it");
                }
                Path target = dir.resolve(name);
                if (!Files.isRegularFile(target) || !actual.equals(Hashing.sha256Hex(target))) {
                    AtomicFiles.write(target, out -> out.write(bytes));
                }
            }
            AtomicFiles.writeString(dir.resolve(NOTICE), new String(resource(NOTICE), StandardCharsets.UTF_8));
            // Last: a folder with the marker holds every file.
            AtomicFiles.writeString(dir.resolve(MARKER), describe() + System.lineSeparator());
        } catch (IOException e) {
            throw new DatasetException(
                    "cannot unpack the embedded " + dataset + " subset into " + dir + " (" + e + ")", e);
        }
        return dir;
    }

    /**
     * Checks an unpacked copy's files against the recorded checksums.
     *
     * @param datasetDir the folder {@link #unpack(Path)} returned
     * @return one result per data file, in the loader's order
     */
    public List<FileCheck> verify(Path datasetDir) {
        List<FileCheck> checks = new ArrayList<>();
        for (String name : FILES) {
            Path file = datasetDir.resolve(name);
            String expected = sha256.get(name);
            if (!Files.isRegularFile(file)) {
                checks.add(new FileCheck(name, file, FileCheck.Status.MISSING, expected, null));
                continue;
            }
            String actual;
            try {
                actual = Hashing.sha256Hex(file);
            } catch (IOException e) {
                throw new DatasetException(file + ": cannot read for hashing (" + e + ")", e);
            }
            FileCheck.Status status =
                    expected.equals(actual) ? FileCheck.Status.OK : FileCheck.Status.CHECKSUM_MISMATCH;
            checks.add(new FileCheck(name, file, status, expected, actual));
        }
        return List.copyOf(checks);
    }

    private byte[] resource(String name) throws IOException {
        String path = RESOURCES + dataset + "/" + name;
        try (InputStream in = EmbeddedSubset.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new DatasetException("embedded " + dataset + " file " + path + " is missing from the jar");
            }
            return in.readAllBytes();
        }
    }

    @Override
    public String toString() {
        return dataset + " (" + describe() + ")";
    }
}
