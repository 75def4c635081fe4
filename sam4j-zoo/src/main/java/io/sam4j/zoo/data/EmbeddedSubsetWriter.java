package io.sam4j.zoo.data;

import io.sam4j.core.util.Hashing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Builds the subset that {@link EmbeddedSubset} ships: a seeded, class-stratified selection of a full IDX
 * dataset's training and test images ({@link StratifiedSubset}), written as gzipped IDX files with the
 * official names, so the ordinary {@link IdxDatasetLoader} reads it.
 *
 * <p>The training subset is drawn with the first {@code long} of {@code SplittableRandom(seed)} and the
 * test subset with the second. Java's gzip writes no time stamp, so the same source, sizes and seed give
 * the same bytes, hence the same SHA-256, on any machine with the same JDK deflater.
 *
 * <p>To regenerate the shipped Fashion-MNIST subset (from the repository root, after {@code mvn -o
 * compile -pl sam4j-zoo -am}):
 *
 * <pre>
 * java -cp sam4j-core/target/classes:sam4j-zoo/target/classes io.sam4j.zoo.data.EmbeddedSubsetWriter \
 *     /usr/share/datasets/fashion-mnist sam4j-zoo/src/main/resources/io/sam4j/zoo/data/embedded/fashion-mnist
 * </pre>
 *
 * It prints the SHA-256 of each file; {@link EmbeddedSubset} records them.
 */
public final class EmbeddedSubsetWriter {

    private EmbeddedSubsetWriter() {}

    /**
     * @param spec the dataset (an IDX dataset such as {@code fashion-mnist})
     * @param sourceDir the folder holding the full dataset's four IDX files
     * @param outDir the folder to write the subset's four files into (created if missing)
     * @param trainExamples training images to keep, at least 1
     * @param testExamples test images to keep, at least 1
     * @param seed the seed of both selections
     * @return the SHA-256 of each written file, by file name, in the loader's order
     * @throws IllegalArgumentException for a size below 1
     */
    public static Map<String, String> write(
            DatasetSpec spec, Path sourceDir, Path outDir, int trainExamples, int testExamples, long seed) {
        if (trainExamples < 1 || testExamples < 1) {
            throw new IllegalArgumentException(
                    "subset sizes must be at least 1, got " + trainExamples + " train / " + testExamples + " test");
        }
        TrainTestData full = new IdxDatasetLoader().load(spec, sourceDir);
        SplittableRandom seeds = new SplittableRandom(seed);
        ImageDataset train = select(full.train(), trainExamples, seeds.nextLong());
        ImageDataset test = select(full.test(), testExamples, seeds.nextLong());
        try {
            Files.createDirectories(outDir);
            IdxWriter.writeDataset(
                    train,
                    outDir.resolve(IdxDatasetLoader.TRAIN_IMAGES),
                    outDir.resolve(IdxDatasetLoader.TRAIN_LABELS),
                    true);
            IdxWriter.writeDataset(
                    test,
                    outDir.resolve(IdxDatasetLoader.TEST_IMAGES),
                    outDir.resolve(IdxDatasetLoader.TEST_LABELS),
                    true);
            Map<String, String> digests = new LinkedHashMap<>();
            for (String name : EmbeddedSubset.FILES) {
                digests.put(name, Hashing.sha256Hex(outDir.resolve(name)));
            }
            return digests;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the subset into " + outDir, e);
        }
    }

    private static ImageDataset select(ImageDataset data, int n, long seed) {
        return data.subset(StratifiedSubset.select(data.labels(), data.numClasses(), n, seed));
    }

    /**
     * Writes the shipped subset of Fashion-MNIST with its recorded sizes and seed.
     *
     * @param args the folder of the full dataset, then the output folder
     */
    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: EmbeddedSubsetWriter FULL_DATASET_DIR OUT_DIR");
            System.exit(2);
        }
        EmbeddedSubset subset = EmbeddedSubset.fashionMnist();
        Map<String, String> digests = write(
                DatasetCatalog.get(subset.dataset()),
                Path.of(args[0]),
                Path.of(args[1]),
                subset.trainExamples(),
                subset.testExamples(),
                subset.seed());
        digests.forEach((name, sha) -> System.out.println(sha + "  " + name));
    }
}
