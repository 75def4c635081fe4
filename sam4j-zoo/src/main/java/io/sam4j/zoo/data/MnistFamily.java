package io.sam4j.zoo.data;

import static io.sam4j.zoo.data.IdxDatasetLoader.TEST_IMAGES;
import static io.sam4j.zoo.data.IdxDatasetLoader.TEST_LABELS;
import static io.sam4j.zoo.data.IdxDatasetLoader.TRAIN_IMAGES;
import static io.sam4j.zoo.data.IdxDatasetLoader.TRAIN_LABELS;

import java.net.URI;
import java.util.List;
import java.util.Set;

/**
 * The 28×28 grey-scale, 10-class datasets stored as IDX files: Fashion-MNIST, MNIST and KMNIST.
 *
 * <p>Checksums are the SHA-256 of the gzipped files as served by each official mirror (the same values
 * torchvision, TFDS and others pin). Debian's {@code dataset-fashion-mnist} package re-gzips the
 * Fashion-MNIST files (the gzip header loses the original file name), so their digests differ while the
 * decompressed data is the same; those digests are listed as {@link DatasetFile#alsoAccepted()}.
 */
final class MnistFamily {

    static final URI FASHION_MNIST_MIRROR = URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/");
    static final URI MNIST_MIRROR = URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/");
    static final URI KMNIST_MIRROR = URI.create("http://codh.rois.ac.jp/kmnist/dataset/kmnist/");

    private static final DatasetLoader IDX = new IdxDatasetLoader();

    private MnistFamily() {}

    static DatasetSpec fashionMnist() {
        URI m = FASHION_MNIST_MIRROR;
        return spec(
                "fashion-mnist",
                List.of(
                        file(
                                m,
                                TRAIN_IMAGES,
                                "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84",
                                "b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7"),
                        file(
                                m,
                                TRAIN_LABELS,
                                "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845",
                                "0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056"),
                        file(
                                m,
                                TEST_IMAGES,
                                "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073",
                                "cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa"),
                        file(
                                m,
                                TEST_LABELS,
                                "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5",
                                "8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05")),
                List.of(
                        "T-shirt/top",
                        "Trouser",
                        "Pullover",
                        "Dress",
                        "Coat",
                        "Sandal",
                        "Shirt",
                        "Sneaker",
                        "Bag",
                        "Ankle boot"),
                0.2860f,
                0.3530f);
    }

    static DatasetSpec mnist() {
        URI m = MNIST_MIRROR;
        return spec(
                "mnist",
                List.of(
                        file(m, TRAIN_IMAGES, "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609"),
                        file(m, TRAIN_LABELS, "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c"),
                        file(m, TEST_IMAGES, "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6"),
                        file(m, TEST_LABELS, "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6")),
                List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
                0.1307f,
                0.3081f);
    }

    static DatasetSpec kmnist() {
        URI m = KMNIST_MIRROR;
        return spec(
                "kmnist",
                List.of(
                        file(m, TRAIN_IMAGES, "51467d22d8cc72929e2a028a0428f2086b092bb31cfb79c69cc0a90ce135fde4"),
                        file(m, TRAIN_LABELS, "e38f9ebcd0f3ebcdec7fc8eabdcdaef93bb0df8ea12bee65224341c8183d8e17"),
                        file(m, TEST_IMAGES, "edd7a857845ad6bb1d0ba43fe7e794d164fe2dce499a1694695a792adfac43c5"),
                        file(m, TEST_LABELS, "20bb9a0ef54c7db3efc55a92eef5582c109615df22683c380526788f98e42a1c")),
                List.of("o", "ki", "su", "tsu", "na", "ha", "ma", "ya", "re", "wo"),
                0.1918f,
                0.3483f);
    }

    private static DatasetSpec spec(String name, List<DatasetFile> files, List<String> classes, float mean, float std) {
        return new DatasetSpec(name, files, 1, 28, 28, classes, new float[] {mean}, new float[] {std}, IDX);
    }

    private static DatasetFile file(URI mirror, String name, String sha256, String... alsoAccepted) {
        return new DatasetFile(name, mirror.resolve(name), sha256, Set.of(alsoAccepted));
    }
}
